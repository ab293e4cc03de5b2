#include "Await.h"
#include "ScriptedHttpServer.h"
#include "VaultAuth.h"
#include "VaultSession.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace strongroom;

namespace {

const QByteArray loginReply = QByteArrayLiteral(
    R"({"auth":{"client_token":"s.scriptedtoken","accessor":"acc","policies":["default","kv-rw"],)"
    R"("lease_duration":3600,"renewable":true}})");

SecretBytes secret(const QByteArray& text) {
    return SecretBytes(text.constData(), static_cast<std::size_t>(text.size()));
}

} // namespace

// What the login calls put on the wire, for the methods a local OpenBao cannot serve (LDAP is
// not built into OpenBao 2.7) and for custom mounts: path, JSON body with properly escaped
// secrets, no token header, and how a refusal is reported.
class TestVaultLoginRequests : public QObject {
    Q_OBJECT

private:
    ScriptedHttpServer m_server;

    VaultSession* session() {
        VaultEndpoint endpoint;
        endpoint.address = m_server.url(QStringLiteral("/"));
        endpoint.http.maxRetries = 0;
        auto* made = new VaultSession(endpoint, this);
        // An old token must never travel with a login.
        made->setToken(secret("s.old-token"));
        return made;
    }
    QJsonObject lastBody() const {
        return QJsonDocument::fromJson(m_server.requests().last().body).object();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }

    void ldapPostsThePasswordToTheUsersLoginPath() {
        m_server.enqueue(ScriptedHttpServer::reply(200, loginReply));
        const QByteArray password = QByteArrayLiteral("p\"w\\d\n\t\x02 é");
        VaultCredentials credentials;
        credentials.method = VaultAuthMethod::Ldap;
        credentials.username = QStringLiteral("alice");
        credentials.secret = secret(password);
        auto login = await(VaultAuth::login(*session(), credentials));
        QVERIFY2(login.ok(), qPrintable(login.ok() ? QString() : login.error().message()));
        QCOMPARE(login->policies,
                 QStringList({QStringLiteral("default"), QStringLiteral("kv-rw")}));
        const auto& request = m_server.requests().last();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.target, QByteArray("/v1/auth/ldap/login/alice"));
        QVERIFY(!request.hasHeader("X-Vault-Token"));
        QCOMPARE(lastBody().value(QStringLiteral("password")).toString().toUtf8(), password);
        QCOMPARE(lastBody().size(), 1);
    }

    void ldapOnACustomMount() {
        m_server.enqueue(ScriptedHttpServer::reply(200, loginReply));
        VaultCredentials credentials;
        credentials.method = VaultAuthMethod::Ldap;
        credentials.mountPath = QStringLiteral("corp-ad");
        credentials.username = QStringLiteral("bob");
        credentials.secret = secret("pw");
        QVERIFY(await(VaultAuth::login(*session(), credentials)).ok());
        QCOMPARE(m_server.requests().last().target, QByteArray("/v1/auth/corp-ad/login/bob"));
    }

    void ldapRefusalIsUnauthenticatedWithTheServersText() {
        m_server.enqueue(ScriptedHttpServer::reply(
            400, R"({"errors":["ldap operation failed: failed to bind as user"]})"));
        VaultCredentials credentials;
        credentials.method = VaultAuthMethod::Ldap;
        credentials.username = QStringLiteral("alice");
        credentials.secret = secret("wrong");
        auto login = await(VaultAuth::login(*session(), credentials));
        QVERIFY(!login.ok());
        QCOMPARE(login.error().kind(), BackendError::Kind::Unauthenticated);
        QVERIFY(login.error().detail().contains(QStringLiteral("failed to bind")));
    }

    void jwtSendsRoleAndToken() {
        m_server.enqueue(ScriptedHttpServer::reply(200, loginReply));
        VaultCredentials credentials;
        credentials.method = VaultAuthMethod::Jwt;
        credentials.mountPath = QStringLiteral("gitlab");
        credentials.role = QStringLiteral("deploy");
        credentials.secret = secret("eyJh.eyJz.sig");
        QVERIFY(await(VaultAuth::login(*session(), credentials)).ok());
        QCOMPARE(m_server.requests().last().target, QByteArray("/v1/auth/gitlab/login"));
        QCOMPARE(lastBody().value(QStringLiteral("role")).toString(), QStringLiteral("deploy"));
        QCOMPARE(lastBody().value(QStringLiteral("jwt")).toString(),
                 QStringLiteral("eyJh.eyJz.sig"));
    }

    void appRoleSendsRoleIdAndSecretId() {
        m_server.enqueue(ScriptedHttpServer::reply(200, loginReply));
        VaultCredentials credentials;
        credentials.method = VaultAuthMethod::AppRole;
        credentials.roleId = QStringLiteral("role-123");
        credentials.secret = secret("secret-456");
        QVERIFY(await(VaultAuth::login(*session(), credentials)).ok());
        QCOMPARE(m_server.requests().last().target, QByteArray("/v1/auth/approle/login"));
        QCOMPARE(lastBody().value(QStringLiteral("role_id")).toString(),
                 QStringLiteral("role-123"));
        QCOMPARE(lastBody().value(QStringLiteral("secret_id")).toString(),
                 QStringLiteral("secret-456"));
    }

    void mfaRequirementIsUnsupported() {
        m_server.enqueue(ScriptedHttpServer::reply(
            200, R"({"auth":{"client_token":"","mfa_requirement":{"mfa_request_id":"x"}}})"));
        VaultCredentials credentials;
        credentials.method = VaultAuthMethod::Userpass;
        credentials.username = QStringLiteral("alice");
        credentials.secret = secret("pw");
        auto login = await(VaultAuth::login(*session(), credentials));
        QVERIFY(!login.ok());
        QCOMPARE(login.error().kind(), BackendError::Kind::Unsupported);
    }

    void htmlErrorPageIsAClearError() {
        m_server.enqueue(ScriptedHttpServer::reply(502, "<html><body>Bad Gateway</body></html>",
                                                   {{"Content-Type", "text/html"}}));
        VaultCredentials credentials;
        credentials.method = VaultAuthMethod::Userpass;
        credentials.username = QStringLiteral("alice");
        credentials.secret = secret("pw");
        auto login = await(VaultAuth::login(*session(), credentials));
        QVERIFY(!login.ok());
        QVERIFY(login.error().kind() != BackendError::Kind::Unauthenticated);
        QVERIFY(!login.error().message().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestVaultLoginRequests)
#include "test_vault_login_requests.moc"
