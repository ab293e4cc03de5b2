#include "AppSettings.h"
#include "AuditLog.h"
#include "Await.h"
#include "Connection.h"
#include "CredentialStore.h"
#include "OpenBaoServer.h"
#include "VaultAuth.h"
#include "VaultBackend.h"
#include "VaultConnector.h"
#include "Workspace.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace strongroom;
using std::chrono::seconds;

#define VERIFY_OK(result)                                                                          \
    QVERIFY2((result).ok(), qPrintable((result).ok() ? QString() : (result).error().message()))

namespace {

const char* const kvPolicy =
    "path \"secret/*\" { capabilities = [\"create\", \"read\", \"update\", \"delete\", "
    "\"list\"] }\n"
    "path \"sys/internal/ui/mounts\" { capabilities = [\"read\"] }\n"
    "path \"sys/internal/ui/mounts/*\" { capabilities = [\"read\"] }\n";

SecretBytes secret(const QByteArray& text) {
    return SecretBytes(text.constData(), static_cast<std::size_t>(text.size()));
}

QByteArray bytes(const SecretBytes& value) {
    return QByteArray(value.data(), static_cast<qsizetype>(value.size()));
}

} // namespace

// Sign-in and the token lifecycle against a real OpenBao dev server, with the real OS keychain
// (scripts/with-keyring) and a workspace in a temporary directory.
class TestVaultAuth : public QObject {
    Q_OBJECT

private:
    OpenBaoServer m_server;
    // The password carries JSON's special characters: the login body must escape them.
    const QByteArray m_password = QByteArrayLiteral("s3cr\"et\\pa ss\n\x01");

    VaultEndpoint endpoint() const {
        VaultEndpoint endpoint;
        endpoint.address = m_server.address();
        return endpoint;
    }
    VaultConnectionSpec spec(const QString& id, VaultAuthMethod method) const {
        VaultConnectionSpec spec;
        spec.id = id;
        spec.displayName = id;
        spec.address = m_server.address().toString();
        spec.method = method;
        if (method == VaultAuthMethod::Userpass) {
            spec.username = QStringLiteral("alice");
        }
        return spec;
    }
    static VaultCredentials tokenCredentials(const QByteArray& token) {
        VaultCredentials credentials;
        credentials.method = VaultAuthMethod::Token;
        credentials.secret = secret(token);
        return credentials;
    }
    VaultCredentials alice() const {
        VaultCredentials credentials;
        credentials.method = VaultAuthMethod::Userpass;
        credentials.username = QStringLiteral("alice");
        credentials.secret = secret(m_password);
        return credentials;
    }
    static QString uniqueId(const char* name) {
        return QStringLiteral("%1-%2").arg(QLatin1String(name),
                                           QUuid::createUuid().toString(QUuid::Id128).left(8));
    }
    // The token the keychain keeps for a connection (empty when none).
    static QByteArray keychainToken(Workspace& workspace, const QString& id) {
        auto read = await(workspace.credentials()->read(VaultConnector::keychainKey(id)));
        return read ? bytes(read.value()) : QByteArray();
    }
    static QByteArray auditFile(Workspace& workspace) {
        QFile file(workspace.auditLog()->filePath());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static QByteArray base64Url(const QByteArray& data) {
        return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    }
    // Runs the openssl CLI (a test dependency) and returns its stdout; empty on failure.
    static QByteArray openssl(const QStringList& arguments, const QByteArray& input = {}) {
        QProcess process;
        process.start(QStringLiteral("openssl"), arguments);
        if (!process.waitForStarted(10000)) {
            return {};
        }
        process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(30000);
        return process.exitCode() == 0 ? process.readAllStandardOutput() : QByteArray();
    }
    // An RS256 JWT signed with the PEM key at `keyFile`.
    static QByteArray signJwt(const QString& keyFile, const QJsonObject& claims) {
        const QByteArray header = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        const QByteArray payload = base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
        const QByteArray signingInput = header + '.' + payload;
        const QByteArray signature = openssl(
            {QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-sign"), keyFile},
            signingInput);
        return signature.isEmpty() ? QByteArray() : signingInput + '.' + base64Url(signature);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_server.start(), qPrintable(m_server.lastError()));
        QVERIFY2(m_server.writePolicy(QStringLiteral("kv-rw"), QString::fromLatin1(kvPolicy)),
                 qPrintable(m_server.lastError()));
        QVERIFY2(m_server.enableUserpass(QStringLiteral("alice"), QString::fromUtf8(m_password),
                                         {QStringLiteral("kv-rw")}),
                 qPrintable(m_server.lastError()));
        QVERIFY(m_server.putKv2(QStringLiteral("secret"), QStringLiteral("app/db"),
                                QJsonObject{{QStringLiteral("user"), QStringLiteral("svc")}}) > 0);
    }

    void jsonStringsAreEscaped() {
        SecretBytes out;
        VaultAuth::appendJsonString(out, std::string_view("a\"b\\c\nd\x01\xc3\xa9", 10));
        QCOMPARE(bytes(out), QByteArray("\"a\\\"b\\\\c\\nd\\u0001\xc3\xa9\""));
    }

    void authPathUsesMountOrDefault() {
        QCOMPARE(VaultAuth::authPath(VaultAuthMethod::Userpass, {}),
                 QStringLiteral("auth/userpass/"));
        QCOMPARE(VaultAuth::authPath(VaultAuthMethod::AppRole, QStringLiteral("/auth/ci-role/")),
                 QStringLiteral("auth/ci-role/"));
        QCOMPARE(VaultAuth::authPath(VaultAuthMethod::Ldap, QStringLiteral("corp")),
                 QStringLiteral("auth/corp/"));
    }

    void userpassLoginGivesAWorkingToken() {
        VaultSession session(endpoint());
        auto login = await(VaultAuth::login(session, alice()));
        VERIFY_OK(login);
        QVERIFY(!login->clientToken.isEmpty());
        QVERIFY(login->policies.contains(QStringLiteral("kv-rw")));
        QVERIFY(login->renewable);
        QVERIFY(login->leaseDuration.count() > 0);
        // The session is left alone: the caller decides when the new token is used.
        QVERIFY(!session.hasToken());
        const auto check = m_server.api("GET", QStringLiteral("auth/token/lookup-self"), {},
                                        bytes(login->clientToken));
        QVERIFY2(check.ok(), qPrintable(check.errors()));
    }

    void wrongPasswordIsUnauthenticatedWithTheServersMessage() {
        VaultSession session(endpoint());
        QSignalSpy rejected(&session, &VaultSession::tokenRejected);
        session.setToken(secret("some-old-token"));
        auto credentials = alice();
        credentials.secret = secret("wrong");
        auto login = await(VaultAuth::login(session, credentials));
        QVERIFY(!login.ok());
        QCOMPARE(login.error().kind(), BackendError::Kind::Unauthenticated);
        QVERIFY2(login.error().detail().contains(QStringLiteral("invalid"), Qt::CaseInsensitive),
                 qPrintable(login.error().detail()));
        // A refused login says nothing about the token in use.
        QCOMPARE(rejected.count(), 0);
    }

    void unknownUserIsUnauthenticated() {
        VaultSession session(endpoint());
        auto credentials = alice();
        credentials.username = QStringLiteral("mallory");
        auto login = await(VaultAuth::login(session, credentials));
        QVERIFY(!login.ok());
        QCOMPARE(login.error().kind(), BackendError::Kind::Unauthenticated);
    }

    void appRoleLogin() {
        const auto role = m_server.enableAppRole(QStringLiteral("ci"), {QStringLiteral("kv-rw")});
        QVERIFY2(!role.isEmpty(), qPrintable(m_server.lastError()));
        VaultSession session(endpoint());
        VaultCredentials credentials;
        credentials.method = VaultAuthMethod::AppRole;
        credentials.roleId = QString::fromLatin1(role.roleId);
        credentials.secret = secret(role.secretId);
        auto login = await(VaultAuth::login(session, credentials));
        VERIFY_OK(login);
        QVERIFY(login->policies.contains(QStringLiteral("kv-rw")));

        credentials.secret = secret("00000000-0000-0000-0000-000000000000");
        auto refused = await(VaultAuth::login(session, credentials));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind(), BackendError::Kind::Unauthenticated);
    }

    void tokenLoginIsCheckedWithLookupSelf() {
        const auto token = m_server.createToken({QStringLiteral("kv-rw")}, QStringLiteral("1h"));
        QVERIFY2(!token.isEmpty(), qPrintable(m_server.lastError()));
        VaultSession session(endpoint());
        auto login = await(VaultAuth::login(session, tokenCredentials(token)));
        VERIFY_OK(login);
        QCOMPARE(bytes(login->clientToken), token);
        QVERIFY(login->policies.contains(QStringLiteral("kv-rw")));
        QVERIFY(login->leaseDuration.count() > 3000);

        auto bad = await(VaultAuth::login(session, tokenCredentials("s.not-a-token")));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().kind(), BackendError::Kind::Unauthenticated);
    }

    void missingSecretOrUserIsInvalidInput() {
        VaultSession session(endpoint());
        VaultCredentials credentials = alice();
        credentials.secret.clear();
        auto empty = await(VaultAuth::login(session, credentials));
        QVERIFY(!empty.ok());
        QCOMPARE(empty.error().kind(), BackendError::Kind::InvalidInput);
        credentials = alice();
        credentials.username = QStringLiteral("a/b");
        auto slash = await(VaultAuth::login(session, credentials));
        QVERIFY(!slash.ok());
        QCOMPARE(slash.error().kind(), BackendError::Kind::InvalidInput);
    }

    void jwtLoginWithASignedToken() {
        QTemporaryDir keys;
        const QString key = keys.filePath(QStringLiteral("key.pem"));
        openssl({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("RSA"),
                 QStringLiteral("-pkeyopt"), QStringLiteral("rsa_keygen_bits:2048"),
                 QStringLiteral("-out"), key});
        QVERIFY(QFile::exists(key));
        const QByteArray publicKey = openssl(
            {QStringLiteral("pkey"), QStringLiteral("-in"), key, QStringLiteral("-pubout")});
        QVERIFY(publicKey.contains("BEGIN PUBLIC KEY"));
        QVERIFY(m_server
                    .api("POST", QStringLiteral("sys/auth/jwt"),
                         QJsonObject{{QStringLiteral("type"), QStringLiteral("jwt")}})
                    .ok());
        const auto configured = m_server.api(
            "POST", QStringLiteral("auth/jwt/config"),
            QJsonObject{{QStringLiteral("jwt_validation_pubkeys"),
                         QJsonArray{QString::fromLatin1(publicKey)}},
                        {QStringLiteral("bound_issuer"), QStringLiteral("strongroom-test")}});
        QVERIFY2(configured.ok(), qPrintable(configured.errors()));
        const auto role = m_server.api(
            "POST", QStringLiteral("auth/jwt/role/ci"),
            QJsonObject{{QStringLiteral("role_type"), QStringLiteral("jwt")},
                        {QStringLiteral("user_claim"), QStringLiteral("sub")},
                        {QStringLiteral("bound_audiences"), QJsonArray{QStringLiteral("vault")}},
                        {QStringLiteral("token_policies"), QJsonArray{QStringLiteral("kv-rw")}}});
        QVERIFY2(role.ok(), qPrintable(role.errors()));
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QJsonObject claims{{QStringLiteral("sub"), QStringLiteral("ci-bot")},
                           {QStringLiteral("aud"), QStringLiteral("vault")},
                           {QStringLiteral("iss"), QStringLiteral("strongroom-test")},
                           {QStringLiteral("iat"), now},
                           {QStringLiteral("nbf"), now - 5},
                           {QStringLiteral("exp"), now + 300}};
        const QByteArray jwt = signJwt(key, claims);
        QVERIFY(!jwt.isEmpty());

        VaultSession session(endpoint());
        VaultCredentials credentials;
        credentials.method = VaultAuthMethod::Jwt;
        credentials.role = QStringLiteral("ci");
        credentials.secret = secret(jwt);
        auto login = await(VaultAuth::login(session, credentials));
        VERIFY_OK(login);
        QVERIFY(login->policies.contains(QStringLiteral("kv-rw")));

        // Another audience, same key: the server refuses it.
        claims.insert(QStringLiteral("aud"), QStringLiteral("someone-else"));
        credentials.secret = secret(signJwt(key, claims));
        auto refused = await(VaultAuth::login(session, credentials));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind(), BackendError::Kind::Unauthenticated);
    }

    void connectKeepsTheTokenInTheKeychainAndAuditsWithoutSecrets() {
        QTemporaryDir dir;
        Workspace workspace(AppPaths::under(dir.path()));
        VaultConnector connector(&workspace);
        const QString id = uniqueId("connect");
        auto connected = await(connector.connectNew(spec(id, VaultAuthMethod::Userpass), alice()));
        VERIFY_OK(connected);
        QCOMPARE(connected.value()->state(), ConnectionState::Connected);
        QCOMPARE(workspace.connection(id), connected.value());
        QVERIFY(connector.backend(id));
        const QByteArray token = keychainToken(workspace, id);
        QVERIFY(!token.isEmpty());
        QVERIFY(bytes(connector.backend(id)->session()->token()) == token);
        const auto info = connector.tokenInfo(id);
        QVERIFY(info.has_value());
        QVERIFY(info->policies.contains(QStringLiteral("kv-rw")));
        QVERIFY(connector.timeLeft(id).has_value());
        QVERIFY(connector.timeLeft(id)->count() > 0);
        // Saved for the next run without the secret.
        const auto saved = workspace.savedConnections();
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.first().providerId, QStringLiteral("vault"));
        QCOMPARE(saved.first().options.value(QStringLiteral("username")).toString(),
                 QStringLiteral("alice"));
        // The workspace reads through the backend.
        auto value =
            await(connected.value()->backend()->read({QStringLiteral("secret/app/db")}, {}));
        VERIFY_OK(value);

        const QByteArray audit = auditFile(workspace);
        QVERIFY(audit.contains(R"("action":"connect")"));
        QVERIFY(!audit.contains(token));
        QVERIFY(!audit.contains("s3cr"));
        QVERIFY(!QFile::exists(dir.path() + QStringLiteral("/token")));
        for (const QString& name : QDir(dir.path()).entryList(QDir::Files)) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(token), qPrintable(name));
        }
        QVERIFY(await(connector.logout(id, true)).ok());
    }

    void wrongPasswordChangesNothing() {
        QTemporaryDir dir;
        Workspace workspace(AppPaths::under(dir.path()));
        VaultConnector connector(&workspace);
        const QString id = uniqueId("wrong");
        auto credentials = alice();
        credentials.secret = secret("nope");
        auto connected =
            await(connector.connectNew(spec(id, VaultAuthMethod::Userpass), credentials));
        QVERIFY(!connected.ok());
        QCOMPARE(connected.error().kind(), BackendError::Kind::Unauthenticated);
        QVERIFY(!workspace.connection(id));
        QVERIFY(workspace.savedConnections().isEmpty());
        QVERIFY(keychainToken(workspace, id).isEmpty());
        const QByteArray audit = auditFile(workspace);
        QVERIFY(audit.contains(R"("action":"connect")") && audit.contains("unauthenticated"));
        QVERIFY(!audit.contains("nope"));
    }

    void reconnectUsesTheKeychainToken() {
        QTemporaryDir dir;
        const QString id = uniqueId("reconnect");
        {
            Workspace workspace(AppPaths::under(dir.path()));
            VaultConnector connector(&workspace);
            VERIFY_OK(await(connector.connectNew(spec(id, VaultAuthMethod::Userpass), alice())));
        }
        Workspace restarted(AppPaths::under(dir.path()));
        VaultConnector connector(&restarted);
        auto reopened = await(connector.reconnect(id));
        VERIFY_OK(reopened);
        QCOMPARE(reopened.value()->state(), ConnectionState::Connected);
        QVERIFY(connector.tokenInfo(id)->policies.contains(QStringLiteral("kv-rw")));
        QVERIFY(await(connector.logout(id, true)).ok());
    }

    void expiredTokenAsksForLoginAndTheActionSucceedsAfterRelogin() {
        QTemporaryDir dir;
        Workspace workspace(AppPaths::under(dir.path()));
        VaultConnector connector(&workspace);
        QSignalSpy loginNeeded(&connector, &VaultConnector::loginNeeded);
        const QString id = uniqueId("expired");
        const auto shortLived =
            m_server.createToken({QStringLiteral("kv-rw")}, QStringLiteral("2s"), false);
        QVERIFY2(!shortLived.isEmpty(), qPrintable(m_server.lastError()));
        auto connected = await(
            connector.connectNew(spec(id, VaultAuthMethod::Token), tokenCredentials(shortLived)));
        VERIFY_OK(connected);
        QTest::qWait(3000);
        const SecretRef ref{QStringLiteral("secret/app/db")};
        auto failed = await(connected.value()->backend()->read(ref, {}));
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().kind(), BackendError::Kind::Unauthenticated);
        QVERIFY(loginNeeded.count() >= 1 || loginNeeded.wait(3000));
        QCOMPARE(loginNeeded.first().at(0).toString(), id);
        QCOMPARE(connected.value()->state(), ConnectionState::Expired);

        const auto fresh = m_server.createToken({QStringLiteral("kv-rw")}, QStringLiteral("1h"));
        auto relogged = await(connector.relogin(id, tokenCredentials(fresh)));
        VERIFY_OK(relogged);
        QCOMPARE(connected.value()->state(), ConnectionState::Connected);
        QCOMPARE(keychainToken(workspace, id), fresh);
        auto retried = await(connected.value()->backend()->read(ref, {}));
        VERIFY_OK(retried);
        QVERIFY(await(connector.logout(id, true)).ok());
    }

    void expiryIsNoticedWithoutAnAction() {
        QTemporaryDir dir;
        Workspace workspace(AppPaths::under(dir.path()));
        VaultConnector connector(&workspace);
        QSignalSpy loginNeeded(&connector, &VaultConnector::loginNeeded);
        const QString id = uniqueId("idle-expiry");
        const auto shortLived =
            m_server.createToken({QStringLiteral("kv-rw")}, QStringLiteral("2s"), false);
        auto connected = await(
            connector.connectNew(spec(id, VaultAuthMethod::Token), tokenCredentials(shortLived)));
        VERIFY_OK(connected);
        // Checked once the TTL ran out, so the front end can ask before the next action fails.
        QVERIFY(loginNeeded.wait(6000));
        QCOMPARE(loginNeeded.first().at(0).toString(), id);
        QCOMPARE(connected.value()->state(), ConnectionState::Expired);
        QTRY_VERIFY(auditFile(workspace).contains(R"("action":"credentials-expired")"));
        QVERIFY(await(connector.logout(id, true)).ok());
    }

    void renewableTokenIsRenewedBeforeItExpires() {
        QTemporaryDir dir;
        Workspace workspace(AppPaths::under(dir.path()));
        VaultConnector connector(&workspace);
        QSignalSpy changed(&connector, &VaultConnector::credentialsChanged);
        const QString id = uniqueId("renew");
        const auto token =
            m_server.createToken({QStringLiteral("kv-rw")}, QStringLiteral("6s"), true);
        QVERIFY2(!token.isEmpty(), qPrintable(m_server.lastError()));
        VERIFY_OK(
            await(connector.connectNew(spec(id, VaultAuthMethod::Token), tokenCredentials(token))));
        // Time counts from the lookup-self that reported the TTL.
        QElapsedTimer clock;
        clock.start();
        const auto first = connector.tokenInfo(id);
        QVERIFY(first && first->renewable && first->ttl.count() <= 6);
        // What was really left at that moment (the TTL field is rounded to seconds).
        const qint64 firstTtlMs = first->expireTime.isValid()
                                      ? QDateTime::currentDateTimeUtc().msecsTo(first->expireTime)
                                      : first->ttl.count() * 1000;
        QVERIFY2(firstTtlMs >= 3000, "the machine is too slow for a 6 s token");
        const int before = changed.count();
        // The renewal comes at ~2/3 of the TTL: not at once, and before the token runs out.
        QVERIFY(changed.wait(8000));
        const qint64 renewedAt = clock.elapsed();
        QVERIFY(changed.count() > before);
        QVERIFY2(renewedAt >= firstTtlMs / 2, qPrintable(QString::number(renewedAt)));
        QVERIFY2(renewedAt < firstTtlMs, qPrintable(QString::number(renewedAt)));
        const auto renewed = connector.tokenInfo(id);
        QVERIFY(renewed.has_value());
        // The renewal put the TTL back above what was left.
        const qint64 leftBeforeMs = firstTtlMs - renewedAt;
        QVERIFY2(renewed->ttl.count() * 1000 > leftBeforeMs,
                 qPrintable(QStringLiteral("ttl %1 s, %2 ms were left")
                                .arg(renewed->ttl.count())
                                .arg(leftBeforeMs)));
        // Past the original expiry the token still works.
        QTest::qWait(static_cast<int>(std::max<qint64>(0, firstTtlMs + 1000 - clock.elapsed())));
        const auto check = m_server.api("GET", QStringLiteral("auth/token/lookup-self"), {}, token);
        QVERIFY2(check.ok(), qPrintable(check.errors()));
        QVERIFY(auditFile(workspace).contains(R"("action":"renew")"));
        QVERIFY(await(connector.logout(id, true)).ok());
    }

    void logoutRevokesAndRemovesFromTheKeychain() {
        QTemporaryDir dir;
        Workspace workspace(AppPaths::under(dir.path()));
        VaultConnector connector(&workspace);
        const QString id = uniqueId("logout");
        VERIFY_OK(await(connector.connectNew(spec(id, VaultAuthMethod::Userpass), alice())));
        const QByteArray token = keychainToken(workspace, id);
        QVERIFY(!token.isEmpty());
        QVERIFY(m_server.api("GET", QStringLiteral("auth/token/lookup-self"), {}, token).ok());

        const Status out = await(connector.logout(id));
        VERIFY_OK(out);
        const auto check = m_server.api("GET", QStringLiteral("auth/token/lookup-self"), {}, token);
        QCOMPARE(check.status, 403);
        QVERIFY(keychainToken(workspace, id).isEmpty());
        QVERIFY(!workspace.connection(id));
        QVERIFY(!connector.backend(id));
        // A plain log out keeps the saved connection; the next use asks for a login.
        QCOMPARE(workspace.savedConnections().size(), 1);
        auto reopened = await(connector.reconnect(id));
        QVERIFY(!reopened.ok());
        QCOMPARE(reopened.error().kind(), BackendError::Kind::Unauthenticated);
        VERIFY_OK(await(connector.relogin(id, alice())));
        QVERIFY(workspace.connection(id));

        VERIFY_OK(await(connector.logout(id, true)));
        QVERIFY(workspace.savedConnections().isEmpty());
        QVERIFY(auditFile(workspace).contains(R"("action":"logout")"));
    }

    void idleLockWipesTheTokenAndReconnectTakesItBack() {
        QTemporaryDir dir;
        Workspace workspace(AppPaths::under(dir.path()));
        VaultConnector connector(&workspace);
        const QString id = uniqueId("lock");
        auto connected = await(connector.connectNew(spec(id, VaultAuthMethod::Userpass), alice()));
        VERIFY_OK(connected);
        auto* backend = connector.backend(id);
        QVERIFY(backend->session()->hasToken());
        workspace.lock();
        QVERIFY(!backend->session()->hasToken());
        QCOMPARE(connected.value()->state(), ConnectionState::Locked);
        auto refused = await(backend->read({QStringLiteral("secret/app/db")}, {}));
        QVERIFY(!refused.ok());
        auto again = await(connector.reconnect(id));
        VERIFY_OK(again);
        QCOMPARE(again.value(), connected.value());
        QCOMPARE(connected.value()->state(), ConnectionState::Connected);
        VERIFY_OK(await(backend->read({QStringLiteral("secret/app/db")}, {})));
        QVERIFY(await(connector.logout(id, true)).ok());
    }

    void badAddressIsANetworkError() {
        QTemporaryDir dir;
        Workspace workspace(AppPaths::under(dir.path()));
        VaultConnector connector(&workspace);
        auto unreachable = spec(uniqueId("down"), VaultAuthMethod::Userpass);
        unreachable.address = QStringLiteral("http://127.0.0.1:1");
        auto connected = await(connector.connectNew(unreachable, alice()));
        QVERIFY(!connected.ok());
        QCOMPARE(connected.error().kind(), BackendError::Kind::Network);
        auto remote = spec(uniqueId("plain"), VaultAuthMethod::Userpass);
        remote.address = QStringLiteral("http://vault.example.com:8200");
        auto refused = await(connector.connectNew(remote, alice()));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind(), BackendError::Kind::InvalidInput);
        QVERIFY(workspace.savedConnections().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestVaultAuth)
#include "test_vault_auth.moc"
