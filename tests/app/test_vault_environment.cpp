#include "VaultConnectionSpec.h"
#include "VaultEnvironment.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace strongroom;

// The VAULT_*/BAO_* import and the saved connection spec: pure, no server.
class TestVaultEnvironment : public QObject {
    Q_OBJECT

private:
    static void writeFile(const QString& path, const QByteArray& contents) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(contents);
    }
    static QByteArray bytes(const SecretBytes& secret) {
        return QByteArray(secret.data(), static_cast<qsizetype>(secret.size()));
    }

private Q_SLOTS:
    void nothingFoundIsNullopt() {
        QTemporaryDir home;
        QVERIFY(!readVaultEnvironment(QProcessEnvironment(), home.path()).has_value());
    }

    void readsVaultVariables() {
        QTemporaryDir home;
        QProcessEnvironment env;
        env.insert(QStringLiteral("VAULT_ADDR"), QStringLiteral("https://vault.example:8200"));
        env.insert(QStringLiteral("VAULT_TOKEN"), QStringLiteral("s.envtoken"));
        env.insert(QStringLiteral("VAULT_NAMESPACE"), QStringLiteral("team-a/"));
        env.insert(QStringLiteral("VAULT_CACERT"), QStringLiteral("/etc/ca.pem"));
        const auto found = readVaultEnvironment(env, home.path());
        QVERIFY(found.has_value());
        QCOMPARE(found->address, QStringLiteral("https://vault.example:8200"));
        QCOMPARE(found->addressSource, QStringLiteral("VAULT_ADDR"));
        QCOMPARE(found->nameSpace, QStringLiteral("team-a/"));
        QCOMPARE(found->caFile, QStringLiteral("/etc/ca.pem"));
        QCOMPARE(bytes(found->token), QByteArray("s.envtoken"));
        QCOMPARE(found->tokenSource, QStringLiteral("VAULT_TOKEN"));
    }

    void baoVariablesWin() {
        QTemporaryDir home;
        QProcessEnvironment env;
        env.insert(QStringLiteral("VAULT_ADDR"), QStringLiteral("https://vault.example"));
        env.insert(QStringLiteral("BAO_ADDR"), QStringLiteral("https://bao.example"));
        env.insert(QStringLiteral("VAULT_TOKEN"), QStringLiteral("vault-token"));
        env.insert(QStringLiteral("BAO_TOKEN"), QStringLiteral("bao-token"));
        env.insert(QStringLiteral("VAULT_NAMESPACE"), QStringLiteral("vault-ns/"));
        env.insert(QStringLiteral("BAO_NAMESPACE"), QStringLiteral("bao-ns/"));
        const auto found = readVaultEnvironment(env, home.path());
        QVERIFY(found.has_value());
        QCOMPARE(found->address, QStringLiteral("https://bao.example"));
        QCOMPARE(found->addressSource, QStringLiteral("BAO_ADDR"));
        QCOMPARE(found->nameSpace, QStringLiteral("bao-ns/"));
        QCOMPARE(bytes(found->token), QByteArray("bao-token"));
        QCOMPARE(found->tokenSource, QStringLiteral("BAO_TOKEN"));
    }

    void tokenFileIsTrimmed() {
        QTemporaryDir home;
        writeFile(home.filePath(QStringLiteral(".vault-token")), "  s.fromfile\n\n");
        QProcessEnvironment env;
        env.insert(QStringLiteral("VAULT_ADDR"), QStringLiteral("http://127.0.0.1:8200"));
        const auto found = readVaultEnvironment(env, home.path());
        QVERIFY(found.has_value());
        QCOMPARE(bytes(found->token), QByteArray("s.fromfile"));
        QCOMPARE(found->tokenSource, home.filePath(QStringLiteral(".vault-token")));
    }

    void baoTokenFileWinsOverVaultTokenFile() {
        QTemporaryDir home;
        writeFile(home.filePath(QStringLiteral(".vault-token")), "vault-file");
        writeFile(home.filePath(QStringLiteral(".bao-token")), "bao-file\n");
        const auto found = readVaultEnvironment(QProcessEnvironment(), home.path());
        QVERIFY(found.has_value());
        QCOMPARE(bytes(found->token), QByteArray("bao-file"));
        QVERIFY(found->address.isEmpty());
    }

    void environmentTokenWinsOverTheFile() {
        QTemporaryDir home;
        writeFile(home.filePath(QStringLiteral(".vault-token")), "file-token");
        QProcessEnvironment env;
        env.insert(QStringLiteral("VAULT_TOKEN"), QStringLiteral("env-token"));
        const auto found = readVaultEnvironment(env, home.path());
        QVERIFY(found.has_value());
        QCOMPARE(bytes(found->token), QByteArray("env-token"));
    }

    void blankTokenFileIsIgnored() {
        QTemporaryDir home;
        writeFile(home.filePath(QStringLiteral(".vault-token")), " \n");
        QVERIFY(!readVaultEnvironment(QProcessEnvironment(), home.path()).has_value());
    }

    void describeNamesSourcesButNeverTheToken() {
        QTemporaryDir home;
        QProcessEnvironment env;
        env.insert(QStringLiteral("BAO_ADDR"), QStringLiteral("http://127.0.0.1:8200"));
        env.insert(QStringLiteral("VAULT_TOKEN"), QStringLiteral("s.very-secret-token"));
        const auto found = readVaultEnvironment(env, home.path());
        QVERIFY(found.has_value());
        const QString text = found->describe().join(QLatin1Char('\n'));
        QVERIFY(text.contains(QStringLiteral("BAO_ADDR")));
        QVERIFY(text.contains(QStringLiteral("VAULT_TOKEN")));
        QVERIFY(!text.contains(QStringLiteral("very-secret")));
    }

    void specRoundTripsThroughOptions() {
        VaultConnectionSpec spec;
        spec.id = QStringLiteral("vault-prod");
        spec.displayName = QStringLiteral("Prod");
        spec.address = QStringLiteral("https://vault.example:8200");
        spec.nameSpace = QStringLiteral("team-a/");
        spec.caFile = QStringLiteral("/etc/ca.pem");
        spec.method = VaultAuthMethod::Userpass;
        spec.authMount = QStringLiteral("people");
        spec.username = QStringLiteral("alice");
        spec.extraMounts = {QStringLiteral("kv-team/")};
        QVERIFY2(spec.validate().isEmpty(), qPrintable(spec.validate()));
        const auto options = spec.toOptions();
        QString error;
        const auto back =
            VaultConnectionSpec::fromOptions(spec.id, spec.displayName, options, &error);
        QVERIFY2(back.has_value(), qPrintable(error));
        QCOMPARE(back->address, spec.address);
        QCOMPARE(back->nameSpace, spec.nameSpace);
        QCOMPARE(back->caFile, spec.caFile);
        QCOMPARE(back->method, VaultAuthMethod::Userpass);
        QCOMPARE(back->authMount, spec.authMount);
        QCOMPARE(back->username, spec.username);
        QCOMPARE(back->extraMounts, spec.extraMounts);
        QCOMPARE(options.value(QStringLiteral("authMethod")).toString(),
                 QStringLiteral("userpass"));
    }

    void typedMountsKeepTheKvVersionTheOperatorChose() {
        VaultConnectionSpec spec;
        spec.rememberMount(QStringLiteral("team/"), 1);
        spec.rememberMount(QStringLiteral("listed/"), 0);
        spec.rememberMount(QStringLiteral("team/"), 2); // chosen again: replaces, no duplicate
        QCOMPARE(spec.extraMounts,
                 (QStringList{QStringLiteral("listed/"), QStringLiteral("kv2:team/")}));
        QCOMPARE(VaultConnectionSpec::parseMountEntry(QStringLiteral("kv2:team/")),
                 std::make_pair(QStringLiteral("team/"), 2));
        QCOMPARE(VaultConnectionSpec::parseMountEntry(QStringLiteral("kv1:a/b/")),
                 std::make_pair(QStringLiteral("a/b/"), 1));
        // Entries saved before the version was kept (and odd names) stay plain paths.
        QCOMPARE(VaultConnectionSpec::parseMountEntry(QStringLiteral("listed/")),
                 std::make_pair(QStringLiteral("listed/"), 0));
        QCOMPARE(VaultConnectionSpec::parseMountEntry(QStringLiteral("kv3:x/")),
                 std::make_pair(QStringLiteral("kv3:x/"), 0));
    }

    void specValidation_data() {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("username");
        QTest::addColumn<bool>("valid");
        QTest::newRow("https") << "https://vault.example:8200"
                               << "token"
                               << "" << true;
        QTest::newRow("http loopback") << "http://127.0.0.1:8200"
                                       << "token"
                                       << "" << true;
        QTest::newRow("http localhost") << "http://localhost:8200"
                                        << "token"
                                        << "" << true;
        QTest::newRow("http remote") << "http://vault.example:8200"
                                     << "token"
                                     << "" << false;
        QTest::newRow("ftp") << "ftp://vault.example"
                             << "token"
                             << "" << false;
        QTest::newRow("no scheme") << "vault.example:8200"
                                   << "token"
                                   << "" << false;
        QTest::newRow("empty") << ""
                               << "token"
                               << "" << false;
        QTest::newRow("userpass without user") << "https://vault.example"
                                               << "userpass"
                                               << "" << false;
        QTest::newRow("userpass with user") << "https://vault.example"
                                            << "userpass"
                                            << "alice" << true;
        QTest::newRow("approle without role_id") << "https://vault.example"
                                                 << "approle"
                                                 << "" << false;
    }

    void specValidation() {
        QFETCH(QString, address);
        QFETCH(QString, method);
        QFETCH(QString, username);
        QFETCH(bool, valid);
        VaultConnectionSpec spec;
        spec.id = QStringLiteral("v");
        spec.address = address;
        spec.method = *vaultAuthMethodFromId(method);
        spec.username = username;
        QCOMPARE(spec.validate().isEmpty(), valid);
    }

    void unknownMethodIsRefused() {
        QVariantMap options{{QStringLiteral("address"), QStringLiteral("https://v.example")},
                            {QStringLiteral("authMethod"), QStringLiteral("kerberos")}};
        QString error;
        QVERIFY(!VaultConnectionSpec::fromOptions(QStringLiteral("v"), {}, options, &error));
        QVERIFY(error.contains(QStringLiteral("kerberos")));
    }

    void badConnectionIdIsRefused() {
        VaultConnectionSpec spec;
        spec.id = QStringLiteral("has space");
        spec.address = QStringLiteral("https://vault.example");
        QVERIFY(!spec.validate().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestVaultEnvironment)
#include "test_vault_environment.moc"
