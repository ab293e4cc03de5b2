#include "AppSettings.h"
#include "AuditLog.h"
#include "Await.h"
#include "AwsConnector.h"
#include "AwsKeychainKeys.h"
#include "AwsSignInChain.h"
#include "Connection.h"
#include "CredentialStore.h"
#include "IsolatedHome.h"
#include "MotoServer.h"
#include "SecretsManagerBackend.h"
#include "Workspace.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace strongroom;
using Kind = BackendError::Kind;

#define VERIFY_OK(result)                                                                          \
    QVERIFY2((result).ok(), qPrintable((result).ok() ? QString() : (result).error().message()))

// AwsConnector against a real moto server, with the real OS keychain (scripts/with-keyring), a
// workspace in a temporary directory and an isolated ~/.aws. moto accepts any key values, so
// "wrong credentials" can only be tested as bad input here: a malformed credentials file, keys
// missing from the environment, a role that needs an MFA code and got none, a wrong endpoint.
class TestAwsConnector : public QObject {
    Q_OBJECT

private:
    MotoServer m_moto;
    // Looks like a real secret key so a leak is unmistakable in files and the audit log.
    const QByteArray m_secretKey = QByteArrayLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY");
    const QString m_keyId = QStringLiteral("AKIAIOSFODNN7EXAMPLE");

    static QString uniqueId(const char* name) {
        return QStringLiteral("%1-%2").arg(QLatin1String(name),
                                           QUuid::createUuid().toString(QUuid::Id128).left(8));
    }
    AwsConnectionSpec spec(const QString& id, AwsConnectionSpec::KeySource source) const {
        AwsConnectionSpec spec;
        spec.id = id;
        spec.displayName = id;
        spec.keySource = source;
        spec.region = QStringLiteral("us-east-1");
        spec.endpointUrl = m_moto.address().toString();
        return spec;
    }
    AwsSignIn typedKeys() const {
        AwsSignIn signIn;
        signIn.keys.accessKeyId = m_keyId;
        signIn.keys.secretAccessKey = SecretBytes(m_secretKey.toStdString());
        return signIn;
    }
    static void writeFile(const QString& path, const QByteArray& text) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text);
    }
    static QByteArray auditFile(Workspace& workspace) {
        QFile file(workspace.auditLog()->filePath());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    static bool keychainHas(Workspace& workspace, const QString& id) {
        return await(workspace.credentials()->read(AwsConnector::keychainKey(id))).ok();
    }
    static bool isSaved(Workspace& workspace, const QString& id) {
        const auto saved = workspace.savedConnections();
        return std::any_of(saved.begin(), saved.end(),
                           [&](const ConnectionSettings& entry) { return entry.id == id; });
    }

    // One workspace + connector over an isolated home, with `environment` as the process's.
    struct Rig {
        IsolatedHome home;
        std::unique_ptr<Workspace> workspace;
        std::unique_ptr<AwsConnector> connector;
        QProcessEnvironment environment;

        Rig() { restart(); }
        void restart() {
            connector.reset();
            workspace.reset();
            workspace =
                std::make_unique<Workspace>(AppPaths::under(home.path() + QStringLiteral("/sr")));
            connector = std::make_unique<AwsConnector>(workspace.get());
            connector->setCredentialSources(environment, home.path());
        }
        void setEnvironment(QProcessEnvironment env) {
            environment = std::move(env);
            connector->setCredentialSources(environment, home.path());
        }
    };

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_moto.start(), qPrintable(m_moto.lastError())); }

    void specOptionsRoundTripAndValidation() {
        AwsConnectionSpec full =
            spec(QStringLiteral("aws-prod"), AwsConnectionSpec::KeySource::Profile);
        full.profile = QStringLiteral("ops");
        full.roleArn = QStringLiteral("arn:aws:iam::123456789012:role/break-glass");
        full.mfaSerial = QStringLiteral("arn:aws:iam::123456789012:mfa/alice");
        full.sessionDurationSeconds = 1800;
        full.externalId = QStringLiteral("ext-1");
        QString error;
        const auto back =
            AwsConnectionSpec::fromOptions(full.id, full.displayName, full.toOptions(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->toOptions(), full.toOptions());
        QCOMPARE(back->keySource, AwsConnectionSpec::KeySource::Profile);
        QCOMPARE(back->sessionDurationSeconds, 1800);

        const auto problem = [&](auto change) {
            AwsConnectionSpec broken = full;
            change(broken);
            return broken.validate();
        };
        QVERIFY(problem([](auto& s) {
                    s.endpointUrl = QStringLiteral("http://example.com");
                }).contains(QStringLiteral("https://")));
        QVERIFY(problem([](auto& s) {
                    s.endpointUrl = QStringLiteral("http://127.0.0.1:5000");
                }).isEmpty());
        QVERIFY(problem([](auto& s) {
                    s.sessionDurationSeconds = 600;
                }).contains(QStringLiteral("900")));
        QVERIFY(problem([](auto& s) {
                    s.sessionDurationSeconds = 43201;
                }).contains(QStringLiteral("43200")));
        QVERIFY(problem([](auto& s) { s.roleArn.clear(); }).contains(QStringLiteral("role")));
        QVERIFY(problem([](auto& s) {
                    s.region = QStringLiteral("mars");
                }).contains(QStringLiteral("region")));
        QVERIFY(problem([](auto& s) {
                    s.id = QStringLiteral("bad id");
                }).contains(QStringLiteral("id")));
        QVERIFY(!AwsConnectionSpec::fromOptions(
            QStringLiteral("x"), {}, {{QStringLiteral("keySource"), QStringLiteral("sso")}}));
    }

    void keychainKeysConnectAndReconnectAfterRestart() {
        Rig rig;
        const QString id = uniqueId("aws-keys");
        auto connected = await(rig.connector->connectNew(
            spec(id, AwsConnectionSpec::KeySource::Keychain), typedKeys()));
        VERIFY_OK(connected);
        QCOMPARE(connected.value()->state(), ConnectionState::Connected);
        const auto session = rig.connector->session(id);
        QVERIFY(session);
        QVERIFY2(session->identityArn.startsWith(QStringLiteral("arn:aws:")),
                 qPrintable(session->identityArn));
        QCOMPARE(session->source, QStringLiteral("keychain keys"));
        QVERIFY(!session->expires.isValid());
        // The keychain holds both halves as one entry; the settings file neither.
        auto stored = await(rig.workspace->credentials()->read(AwsConnector::keychainKey(id)));
        VERIFY_OK(stored);
        auto keys = AwsKeychainKeys::unpack(stored.value());
        VERIFY_OK(keys);
        QCOMPARE(keys->accessKeyId, m_keyId);
        QCOMPARE(QByteArray(keys->secretAccessKey.data(),
                            static_cast<qsizetype>(keys->secretAccessKey.size())),
                 m_secretKey);
        QVERIFY(isSaved(*rig.workspace, id));

        // Work through it, then start over as a new run would and reconnect from the keychain.
        QVERIFY(m_moto
                    .secretsManager(QStringLiteral("CreateSecret"),
                                    {{QStringLiteral("Name"), id + QStringLiteral("/db")},
                                     {QStringLiteral("SecretString"), QStringLiteral("{}")}})
                    .ok());
        rig.restart();
        QVERIFY(!rig.workspace->connection(id));
        auto reopened = await(rig.connector->reconnect(id));
        VERIFY_OK(reopened);
        auto* backend = rig.connector->backend(id);
        QVERIFY(backend);
        auto versions = await(backend->versions(SecretRef{id + QStringLiteral("/db")}));
        VERIFY_OK(versions);
        QCOMPARE(versions->size(), 1);

        QVERIFY(!rig.home.allFileContents().contains(m_secretKey));
        QVERIFY(!auditFile(*rig.workspace).contains(m_secretKey));
        QVERIFY(auditFile(*rig.workspace).contains("\"reconnect\""));
    }

    void logoutRemovesTheKeychainEntry() {
        Rig rig;
        const QString id = uniqueId("aws-out");
        VERIFY_OK(await(rig.connector->connectNew(spec(id, AwsConnectionSpec::KeySource::Keychain),
                                                  typedKeys())));
        QVERIFY(keychainHas(*rig.workspace, id));
        VERIFY_OK(await(rig.connector->logout(id)));
        QVERIFY(!keychainHas(*rig.workspace, id));
        QVERIFY(!rig.workspace->connection(id));
        QVERIFY(isSaved(*rig.workspace, id));
        // Without keys a reconnect asks for them instead of pretending.
        auto again = await(rig.connector->reconnect(id));
        QVERIFY(!again);
        QCOMPARE(again.error().kind(), Kind::Unauthenticated);
        VERIFY_OK(await(rig.connector->logout(id, true)));
        QVERIFY(!isSaved(*rig.workspace, id));
        QVERIFY(auditFile(*rig.workspace).contains("\"logout\""));
    }

    void environmentKeys() {
        Rig rig;
        const QString id = uniqueId("aws-env");
        // Missing the secret half: bad input, nothing added.
        QProcessEnvironment half;
        half.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), m_keyId);
        rig.setEnvironment(half);
        auto refused = await(
            rig.connector->connectNew(spec(id, AwsConnectionSpec::KeySource::Environment), {}));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind(), Kind::InvalidInput);
        QVERIFY(!isSaved(*rig.workspace, id));

        QProcessEnvironment env = half;
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QString::fromLatin1(m_secretKey));
        rig.setEnvironment(env);
        auto connected = await(
            rig.connector->connectNew(spec(id, AwsConnectionSpec::KeySource::Environment), {}));
        VERIFY_OK(connected);
        QCOMPARE(rig.connector->session(id)->source, QStringLiteral("environment"));
        QVERIFY(rig.connector->session(id)
                    ->trace.join(QLatin1Char('\n'))
                    .contains(QStringLiteral("AWS_ACCESS_KEY_ID")));
        // Environment keys are read again at every connect, never kept.
        QVERIFY(!keychainHas(*rig.workspace, id));
        QVERIFY(!rig.home.allFileContents().contains(m_secretKey));
    }

    void profileWithARoleAssumedThroughSts() {
        Rig rig;
        const QString id = uniqueId("aws-prof");
        writeFile(rig.home.path() + QStringLiteral("/.aws/credentials"),
                  "[base]\naws_access_key_id = AKIABASEEXAMPLE\naws_secret_access_key = " +
                      m_secretKey + "\n");
        writeFile(rig.home.path() + QStringLiteral("/.aws/config"),
                  "[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/ops\n"
                  "source_profile = base\nregion = us-east-1\n");
        AwsConnectionSpec profileSpec = spec(id, AwsConnectionSpec::KeySource::Profile);
        profileSpec.profile = QStringLiteral("ops");
        profileSpec.region.clear(); // from the profile
        auto connected = await(rig.connector->connectNew(profileSpec, {}));
        VERIFY_OK(connected);
        const auto session = rig.connector->session(id);
        QVERIFY(session);
        QVERIFY2(session->identityArn.contains(QStringLiteral("assumed-role/ops")),
                 qPrintable(session->identityArn));
        QVERIFY(session->expires.isValid());
        QVERIFY(session->expires > QDateTime::currentDateTimeUtc());
        QVERIFY(rig.connector->timeLeft(id).has_value());
        QVERIFY(
            session->source.contains(QStringLiteral("role arn:aws:iam::123456789012:role/ops")));
        QCOMPARE(rig.connector->backend(id)->credentialsExpire(), session->expires);
        const QByteArray audit = auditFile(*rig.workspace);
        QVERIFY(audit.contains("\"assume-role\""));
        QVERIFY(audit.contains("arn:aws:iam::123456789012:role/ops"));
        QVERIFY(!audit.contains(m_secretKey));
        QVERIFY(!keychainHas(*rig.workspace, id));
    }

    void badCredentialsFileNamesFileAndLineAndAddsNothing() {
        Rig rig;
        const QString id = uniqueId("aws-bad");
        writeFile(rig.home.path() + QStringLiteral("/.aws/credentials"),
                  "[default]\naws_access_key_id = AKIABAD\nthis line has no equals sign\n");
        auto refused =
            await(rig.connector->connectNew(spec(id, AwsConnectionSpec::KeySource::Profile), {}));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind(), Kind::InvalidInput);
        QVERIFY2(refused.error().detail().contains(QStringLiteral("credentials, line 3")),
                 qPrintable(refused.error().detail()));
        QVERIFY(!rig.workspace->connection(id));
        QVERIFY(!isSaved(*rig.workspace, id));
    }

    void wrongEndpointIsAClearErrorAndNothingIsSaved() {
        Rig rig;
        const QString id = uniqueId("aws-nowhere");
        AwsConnectionSpec nowhere = spec(id, AwsConnectionSpec::KeySource::Keychain);
        nowhere.endpointUrl = QStringLiteral("http://127.0.0.1:9/"); // discard: nobody listens
        auto refused = await(rig.connector->connectNew(nowhere, typedKeys()));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind(), Kind::Network);
        QVERIFY2(refused.error().detail().contains(QStringLiteral("127.0.0.1:9")),
                 qPrintable(refused.error().detail()));
        QVERIFY(!rig.workspace->connection(id));
        QVERIFY(!isSaved(*rig.workspace, id));
        QVERIFY(!keychainHas(*rig.workspace, id));
        // Half a key pair is refused before anything is sent.
        AwsSignIn half = typedKeys();
        half.keys.secretAccessKey.clear();
        auto missing = await(
            rig.connector->connectNew(spec(id, AwsConnectionSpec::KeySource::Keychain), half));
        QCOMPARE(missing.error().kind(), Kind::InvalidInput);
    }

    void mfaRoleNeedsACodeThenWorks() {
        Rig rig;
        const QString id = uniqueId("aws-mfa");
        AwsConnectionSpec mfa = spec(id, AwsConnectionSpec::KeySource::Keychain);
        mfa.roleArn = QStringLiteral("arn:aws:iam::123456789012:role/break-glass");
        mfa.mfaSerial = QStringLiteral("arn:aws:iam::123456789012:mfa/alice");
        mfa.sessionDurationSeconds = 900;
        auto refused = await(rig.connector->connectNew(mfa, typedKeys()));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind(), Kind::Unauthenticated);
        QVERIFY2(refused.error().detail().startsWith(QStringLiteral("MFA code needed")),
                 qPrintable(refused.error().detail()));
        // The front ends learn from the error which device to ask a code for.
        QCOMPARE(AwsSignInChain::mfaSerialAskedFor(refused.error()), std::optional(mfa.mfaSerial));
        QVERIFY(!AwsSignInChain::mfaSerialAskedFor(
            BackendError(Kind::Unauthenticated, QStringLiteral("the keys were refused"))));
        QVERIFY(!isSaved(*rig.workspace, id));
        QVERIFY(!keychainHas(*rig.workspace, id));

        AwsSignIn withCode = typedKeys();
        withCode.mfaCode = QStringLiteral("739201");
        auto connected = await(rig.connector->connectNew(mfa, withCode));
        VERIFY_OK(connected);
        QVERIFY(rig.connector->needsMfa(id));
        QVERIFY(rig.connector->session(id)->identityArn.contains(
            QStringLiteral("assumed-role/break-glass")));
        QVERIFY(rig.connector->timeLeft(id).value() <= std::chrono::seconds(900));

        // Idle lock drops the keys; unlocking cannot sign in again without a new code.
        QSignalSpy loginNeeded(rig.connector.get(), &AwsConnector::loginNeeded);
        rig.workspace->lock();
        QCOMPARE(rig.connector->backend(id)->state(), ConnectionState::Locked);
        QVERIFY(!rig.connector->backend(id)->client()->hasCredentials());
        VERIFY_OK(await(rig.workspace->unlock()));
        QTRY_COMPARE(loginNeeded.count(), 1);
        QCOMPARE(loginNeeded.first().first().toString(), id);
        QCOMPARE(rig.connector->backend(id)->state(), ConnectionState::Locked);
        // A restart without a code: the same clear message; with one it works again.
        rig.restart();
        auto again = await(rig.connector->reconnect(id));
        QVERIFY(!again);
        QVERIFY(again.error().detail().startsWith(QStringLiteral("MFA code needed")));
        AwsSignIn code;
        code.mfaCode = QStringLiteral("739201");
        VERIFY_OK(await(rig.connector->reconnect(id, code)));

        const QByteArray audit = auditFile(*rig.workspace);
        QVERIFY(audit.contains("arn:aws:iam::123456789012:role/break-glass"));
        QVERIFY(!audit.contains(m_secretKey));
        QVERIFY(!audit.contains("739201"));
    }

    void lockAndUnlockTakeTheKeysAgain() {
        Rig rig;
        const QString id = uniqueId("aws-lock");
        VERIFY_OK(await(rig.connector->connectNew(spec(id, AwsConnectionSpec::KeySource::Keychain),
                                                  typedKeys())));
        QSignalSpy loginNeeded(rig.connector.get(), &AwsConnector::loginNeeded);
        rig.workspace->lock();
        QCOMPARE(rig.connector->backend(id)->state(), ConnectionState::Locked);
        QVERIFY(!rig.connector->backend(id)->client()->hasCredentials());
        VERIFY_OK(await(rig.workspace->unlock()));
        QTRY_COMPARE(rig.connector->backend(id)->state(), ConnectionState::Connected);
        QVERIFY(rig.connector->backend(id)->client()->hasCredentials());
        QCOMPARE(loginNeeded.count(), 0);
    }

    void temporaryCredentialsRunOutAndAskForALogin() {
        Rig rig;
        const QString id = uniqueId("aws-short");
        AwsConnectionSpec role = spec(id, AwsConnectionSpec::KeySource::Keychain);
        role.roleArn = QStringLiteral("arn:aws:iam::123456789012:role/short");
        role.sessionDurationSeconds = 900;
        // STS's shortest session is 15 minutes: count it as run out 2 s after it began.
        rig.connector->setExpiryMargin(std::chrono::seconds(898));
        QSignalSpy loginNeeded(rig.connector.get(), &AwsConnector::loginNeeded);
        VERIFY_OK(await(rig.connector->connectNew(role, typedKeys())));
        QCOMPARE(rig.connector->backend(id)->state(), ConnectionState::Connected);
        QTRY_COMPARE_WITH_TIMEOUT(loginNeeded.count(), 1, 10000);
        QCOMPARE(loginNeeded.first().first().toString(), id);
        QCOMPARE(rig.connector->backend(id)->state(), ConnectionState::Expired);
        QVERIFY(!rig.connector->backend(id)->client()->hasCredentials());
        // No MFA on this role: renew() takes the keys from the keychain and assumes it again.
        VERIFY_OK(await(rig.connector->renew(id)));
        QCOMPARE(rig.connector->backend(id)->state(), ConnectionState::Connected);
        QVERIFY(rig.connector->session(id)->expires > QDateTime::currentDateTimeUtc());
    }

    void expiredCredentialsAskForALogin() {
        Rig rig;
        const QString id = uniqueId("aws-exp");
        VERIFY_OK(await(rig.connector->connectNew(spec(id, AwsConnectionSpec::KeySource::Keychain),
                                                  typedKeys())));
        QSignalSpy loginNeeded(rig.connector.get(), &AwsConnector::loginNeeded);
        // The backend noticed refused credentials (ExpiredToken): the state goes Expired.
        rig.connector->backend(id)->dropCredentials(ConnectionState::Expired);
        QCOMPARE(loginNeeded.count(), 1);
        QVERIFY(loginNeeded.first().at(1).toString().contains(QStringLiteral("expired")));
        VERIFY_OK(await(rig.connector->renew(id)));
        QCOMPARE(rig.connector->backend(id)->state(), ConnectionState::Connected);
        QVERIFY(auditFile(*rig.workspace).contains("\"renew\""));
        QVERIFY(auditFile(*rig.workspace).contains("\"credentials-expired\""));
    }
};

QTEST_GUILESS_MAIN(TestAwsConnector)
#include "test_aws_connector.moc"
