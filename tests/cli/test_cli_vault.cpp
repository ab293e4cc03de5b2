#include "CliHarness.h"
#include "OpenBaoServer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

// strongroom-cli against a real OpenBao dev server: sign in with userpass from stdin, work on
// secrets through --connection, look at the token, log out and in again; and the clear one-line
// errors with the right exit codes for bad input. The keyring comes from scripts/with-keyring.
class TestCliVault : public QObject {
    Q_OBJECT

private:
    static constexpr int Usage = 2;
    static constexpr int Denied = 4;
    static constexpr int Unavailable = 7;

    OpenBaoServer m_server;
    const QByteArray m_password = QByteArrayLiteral("cli-pa\"ss word");

    static QStringList args(std::initializer_list<QString> words) { return QStringList(words); }
    QString address() const { return m_server.address().toString(); }

    CliRun connect(CliHarness& cli, const QString& id, const QByteArray& password) const {
        return cli.run(args({QStringLiteral("vault"), QStringLiteral("connect"), id,
                             QStringLiteral("--address"), address(), QStringLiteral("--auth"),
                             QStringLiteral("userpass"), QStringLiteral("--username"),
                             QStringLiteral("alice")}),
                       password + '\n');
    }
    // Exactly one line on stderr, the program's own prefix, the expected exit code.
    static void expectOneLineError(const CliRun& run, int code) {
        QVERIFY2(run.exitCode == code, run.describe());
        QVERIFY2(run.out.isEmpty(), run.describe());
        const QString err = run.errText();
        QVERIFY2(err.startsWith(QStringLiteral("strongroom-cli: ")), run.describe());
        QVERIFY2(err.trimmed().count(QLatin1Char('\n')) == 0, run.describe());
    }
    // An OpenBao service token anywhere in `text`.
    static bool hasToken(const QByteArray& text) {
        static const QRegularExpression token(QStringLiteral("\\bs\\.[A-Za-z0-9]{20,}"));
        return token.match(QString::fromUtf8(text)).hasMatch();
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_server.start(), qPrintable(m_server.lastError()));
        QVERIFY(m_server.writePolicy(
            QStringLiteral("kv-rw"),
            QStringLiteral("path \"secret/*\" { capabilities = [\"create\", \"read\", "
                           "\"update\", \"delete\", \"list\"] }\n"
                           "path \"sys/internal/ui/mounts\" { capabilities = [\"read\"] }\n"
                           "path \"sys/internal/ui/mounts/*\" { capabilities = [\"read\"] }\n")));
        QVERIFY2(m_server.enableUserpass(QStringLiteral("alice"), QString::fromUtf8(m_password),
                                         {QStringLiteral("kv-rw")}),
                 qPrintable(m_server.lastError()));
    }

    void signInWorkWithSecretsAndLogOut() {
        CliHarness cli;
        const CliRun connected = connect(cli, QStringLiteral("dev"), m_password);
        QVERIFY2(connected.exitCode == 0, connected.describe());
        QVERIFY(connected.outText().contains(QStringLiteral("connected dev")));
        QVERIFY(connected.outText().contains(QStringLiteral("kv-rw")));
        QVERIFY2(!hasToken(connected.out + connected.err), connected.describe());

        const QStringList on{QStringLiteral("--connection"), QStringLiteral("dev")};
        const CliRun put1 =
            cli.run(args({QStringLiteral("put"), QStringLiteral("secret/cli/app"),
                          QStringLiteral("user=svc"), QStringLiteral("password=first")}) +
                    on);
        QVERIFY2(put1.exitCode == 0, put1.describe());
        const CliRun put2 =
            cli.run(args({QStringLiteral("put"), QStringLiteral("secret/cli/app"),
                          QStringLiteral("user=svc"), QStringLiteral("password=second")}) +
                    on);
        QVERIFY2(put2.exitCode == 0, put2.describe());

        const CliRun listed =
            cli.run(args({QStringLiteral("ls"), QStringLiteral("secret/cli/")}) + on);
        QVERIFY2(listed.exitCode == 0, listed.describe());
        QCOMPARE(listed.outLines(), QStringList{QStringLiteral("app")});

        const CliRun got = cli.run(args({QStringLiteral("get"), QStringLiteral("secret/cli/app"),
                                         QStringLiteral("password")}) +
                                   on);
        QVERIFY2(got.exitCode == 0, got.describe());
        QCOMPARE(got.out.trimmed(), QByteArray("second"));

        const CliRun versions =
            cli.run(args({QStringLiteral("versions"), QStringLiteral("secret/cli/app"),
                          QStringLiteral("--json")}) +
                    on);
        QVERIFY2(versions.exitCode == 0, versions.describe());
        QCOMPARE(QJsonDocument::fromJson(versions.out).array().size(), 2);

        const CliRun rolled =
            cli.run(args({QStringLiteral("rollback"), QStringLiteral("secret/cli/app"),
                          QStringLiteral("1"), QStringLiteral("--yes")}) +
                    on);
        QVERIFY2(rolled.exitCode == 0, rolled.describe());
        const CliRun back = cli.run(args({QStringLiteral("get"), QStringLiteral("secret/cli/app"),
                                          QStringLiteral("password")}) +
                                    on);
        QCOMPARE(back.out.trimmed(), QByteArray("first"));
        // Rollback writes version 1's data as version 3, as the server confirms.
        const auto metadata = m_server.api("GET", QStringLiteral("secret/metadata/cli/app"));
        QCOMPARE(metadata.body.value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("current_version"))
                     .toInt(),
                 3);

        // The rest of the secret commands go through the same connection.
        const auto run = [&](QStringList words) {
            const CliRun done = cli.run(words + on);
            if (done.exitCode != 0) {
                qWarning("%s", done.describe().constData());
            }
            return done;
        };
        const QString path = QStringLiteral("secret/cli/app");
        const CliRun diff =
            run({QStringLiteral("diff"), path, QStringLiteral("1"), QStringLiteral("2")});
        QCOMPARE(diff.exitCode, 0);
        QVERIFY(diff.outText().contains(QStringLiteral("password")));
        QVERIFY(!diff.out.contains("second"));
        QCOMPARE(run({QStringLiteral("delete"), path, QStringLiteral("2")}).exitCode, 0);
        QVERIFY(m_server.api("GET", QStringLiteral("secret/data/cli/app?version=2")).status == 404);
        QCOMPARE(run({QStringLiteral("undelete"), path, QStringLiteral("2")}).exitCode, 0);
        QVERIFY(m_server.api("GET", QStringLiteral("secret/data/cli/app?version=2")).ok());
        QCOMPARE(run({QStringLiteral("destroy"), path, QStringLiteral("2"),
                      QStringLiteral("--confirm"), QStringLiteral("app")})
                     .exitCode,
                 0);
        const CliRun meta =
            run({QStringLiteral("metadata"), path, QStringLiteral("--set-max-versions"),
                 QStringLiteral("7"), QStringLiteral("--json")});
        QCOMPARE(meta.exitCode, 0);
        const auto serverMeta = m_server.api("GET", QStringLiteral("secret/metadata/cli/app"));
        const QJsonObject metaData = serverMeta.body.value(QStringLiteral("data")).toObject();
        QCOMPARE(metaData.value(QStringLiteral("max_versions")).toInt(), 7);
        QVERIFY(metaData.value(QStringLiteral("versions"))
                    .toObject()
                    .value(QStringLiteral("2"))
                    .toObject()
                    .value(QStringLiteral("destroyed"))
                    .toBool());

        const CliRun token = cli.run(
            args({QStringLiteral("vault"), QStringLiteral("token"), QStringLiteral("dev")}));
        QVERIFY2(token.exitCode == 0, token.describe());
        QVERIFY(token.outText().contains(QStringLiteral("policies: default, kv-rw")));
        QVERIFY(token.outText().contains(QStringLiteral("renewable: yes")));
        QVERIFY2(!hasToken(token.out), token.describe());

        const CliRun mounts = cli.run(
            args({QStringLiteral("vault"), QStringLiteral("mounts"), QStringLiteral("dev")}));
        QVERIFY2(mounts.exitCode == 0, mounts.describe());
        QVERIFY(mounts.outText().startsWith(QStringLiteral("secret/\tkv v2")));

        const CliRun out = cli.run(
            args({QStringLiteral("vault"), QStringLiteral("logout"), QStringLiteral("dev")}));
        QVERIFY2(out.exitCode == 0, out.describe());
        const CliRun refused =
            cli.run(args({QStringLiteral("ls"), QStringLiteral("secret/")}) + on);
        expectOneLineError(refused, Denied);
        QVERIFY(refused.errText().contains(QStringLiteral("strongroom-cli vault login dev")));

        const CliRun again =
            cli.run(args({QStringLiteral("vault"), QStringLiteral("login"), QStringLiteral("dev")}),
                    m_password + '\n');
        QVERIFY2(again.exitCode == 0, again.describe());
        const CliRun relisted =
            cli.run(args({QStringLiteral("ls"), QStringLiteral("secret/cli/")}) + on);
        QVERIFY2(relisted.exitCode == 0, relisted.describe());

        const CliRun forgotten = cli.run(args({QStringLiteral("vault"), QStringLiteral("logout"),
                                               QStringLiteral("dev"), QStringLiteral("--forget")}));
        QVERIFY2(forgotten.exitCode == 0, forgotten.describe());
        const CliRun connections = cli.run(args({QStringLiteral("connections")}));
        QVERIFY(!connections.outText().contains(QStringLiteral("dev\tvault")));

        // Neither the password nor a token ever reached a file.
        const QByteArray files = cli.allFileContents();
        QVERIFY(!files.contains(m_password));
        QVERIFY(!hasToken(files));
        QVERIFY(files.contains(R"("action":"logout")"));
        QVERIFY(files.contains(R"("action":"connect")") && files.contains(R"("action":"login")"));
        const CliRun verified = cli.run(args({QStringLiteral("audit"), QStringLiteral("verify")}));
        QVERIFY2(verified.exitCode == 0, verified.describe());
    }

    void wrongPasswordIsOneLineAndExit4() {
        CliHarness cli;
        const CliRun run = connect(cli, QStringLiteral("bad"), "not-the-password");
        expectOneLineError(run, Denied);
        QVERIFY2(run.errText().contains(QStringLiteral("invalid"), Qt::CaseInsensitive),
                 run.describe());
        QVERIFY(!cli.run(args({QStringLiteral("connections")}))
                     .outText()
                     .contains(QStringLiteral("bad")));
    }

    void unreachableAddressIsExit7() {
        CliHarness cli;
        const CliRun run = cli.run(
            args({QStringLiteral("vault"), QStringLiteral("connect"), QStringLiteral("down"),
                  QStringLiteral("--address"), QStringLiteral("http://127.0.0.1:1"),
                  QStringLiteral("--auth"), QStringLiteral("userpass"),
                  QStringLiteral("--username"), QStringLiteral("alice")}),
            "whatever\n");
        expectOneLineError(run, Unavailable);
    }

    void badInputIsAUsageError() {
        CliHarness cli;
        const QString vault = QStringLiteral("vault");
        const QString connectWord = QStringLiteral("connect");
        expectOneLineError(
            cli.run(args({vault, connectWord, QStringLiteral("x"), QStringLiteral("--address"),
                          QStringLiteral("http://vault.example.com:8200")}),
                    "t\n"),
            Usage);
        expectOneLineError(cli.run(args({vault, connectWord, QStringLiteral("x")}), "t\n"), Usage);
        expectOneLineError(
            cli.run(args({vault, connectWord, QStringLiteral("x"), QStringLiteral("--address"),
                          address(), QStringLiteral("--auth"), QStringLiteral("kerberos")}),
                    "t\n"),
            Usage);
        expectOneLineError(
            cli.run(args({vault, connectWord, QStringLiteral("x"), QStringLiteral("--address"),
                          address(), QStringLiteral("--auth"), QStringLiteral("userpass")}),
                    "t\n"),
            Usage);
        // No secret on stdin.
        expectOneLineError(cli.run(args({vault, connectWord, QStringLiteral("x"),
                                         QStringLiteral("--address"), address()})),
                           Usage);
        expectOneLineError(
            cli.run(args({vault, QStringLiteral("login"), QStringLiteral("nobody")}), "t\n"), 3);
    }

    void namespaceIsSentWithEveryCall() {
        QVERIFY(m_server.api("POST", QStringLiteral("sys/namespaces/team-a")).ok());
        QVERIFY(
            m_server
                .api("POST", QStringLiteral("team-a/sys/mounts/team-kv"),
                     QJsonObject{{QStringLiteral("type"), QStringLiteral("kv")},
                                 {QStringLiteral("options"),
                                  QJsonObject{{QStringLiteral("version"), QStringLiteral("2")}}}})
                .ok());
        QVERIFY(m_server
                    .api("POST", QStringLiteral("team-a/team-kv/data/only-in-team-a"),
                         QJsonObject{{QStringLiteral("data"),
                                      QJsonObject{{QStringLiteral("k"), QStringLiteral("v")}}}})
                    .ok());
        CliHarness cli;
        // A root-policy token of its own: logging out revokes it, not the suite's root token.
        const QByteArray token =
            m_server.createToken({QStringLiteral("root")}, QStringLiteral("1h"));
        QVERIFY(!token.isEmpty());
        // The token is typed on stdin like any other secret.
        const CliRun connected =
            cli.run(args({QStringLiteral("vault"), QStringLiteral("connect"),
                          QStringLiteral("team"), QStringLiteral("--address"), address(),
                          QStringLiteral("--namespace"), QStringLiteral("team-a/")}),
                    token + '\n');
        QVERIFY2(connected.exitCode == 0, connected.describe());
        const CliRun mounts = cli.run(
            args({QStringLiteral("vault"), QStringLiteral("mounts"), QStringLiteral("team")}));
        QVERIFY2(mounts.outText().contains(QStringLiteral("team-kv/")), mounts.describe());
        const CliRun listed =
            cli.run(args({QStringLiteral("ls"), QStringLiteral("team-kv/"),
                          QStringLiteral("--connection"), QStringLiteral("team")}));
        QVERIFY2(listed.exitCode == 0, listed.describe());
        QCOMPARE(listed.outLines(), QStringList{QStringLiteral("only-in-team-a")});
        QVERIFY(!cli.allFileContents().contains(token));
        QVERIFY(cli.run(args({QStringLiteral("vault"), QStringLiteral("logout"),
                              QStringLiteral("team"), QStringLiteral("--forget")}))
                    .exitCode == 0);
    }

    void tlsWithAPrivateCa() {
        // A second dev server with TLS from its own throwaway CA (`-dev-tls`).
        QTemporaryDir certs;
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        QProcess bao;
        bao.setProcessChannelMode(QProcess::MergedChannels);
        // `timeout` ends the server even if this test dies before its destructor runs.
        bao.start(QStringLiteral("timeout"),
                  {QStringLiteral("120"), OpenBaoServer::binary(), QStringLiteral("server"),
                   QStringLiteral("-dev"), QStringLiteral("-dev-tls"),
                   QStringLiteral("-dev-tls-cert-dir=%1").arg(certs.path()),
                   QStringLiteral("-dev-listen-address=127.0.0.1:%1").arg(port),
                   QStringLiteral("-dev-root-token-id=tls-root-token")});
        QVERIFY(bao.waitForStarted(10000));
        const QString ca = certs.filePath(QStringLiteral("vault-ca.pem"));
        const QString address = QStringLiteral("https://127.0.0.1:%1").arg(port);
        bool up = false;
        for (int i = 0; i < 100 && !up; ++i) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, port);
            up = QFile::exists(ca) && socket.waitForConnected(200);
            if (!up) {
                QTest::qWait(200);
            }
        }
        QVERIFY2(up, bao.readAll().right(2000).constData());
        CliHarness cli;
        const auto connect = [&](const QString& id, const QStringList& extra) {
            return cli.run(args({QStringLiteral("vault"), QStringLiteral("connect"), id,
                                 QStringLiteral("--address"), address}) +
                               extra,
                           "tls-root-token\n");
        };
        const CliRun unverified = connect(QStringLiteral("tls-plain"), {});
        expectOneLineError(unverified, Unavailable);
        const CliRun verified = connect(QStringLiteral("tls"), {QStringLiteral("--ca-file"), ca});
        QVERIFY2(verified.exitCode == 0, verified.describe());
        const CliRun mounts = cli.run(
            args({QStringLiteral("vault"), QStringLiteral("mounts"), QStringLiteral("tls")}));
        QVERIFY2(mounts.exitCode == 0 && mounts.outText().contains(QStringLiteral("secret/")),
                 mounts.describe());
        bao.terminate();
        bao.waitForFinished(5000);
    }

    void withoutAKeychainTheTokenStaysInTheProcess() {
        CliHarness cli;
        cli.unsetEnv(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        const CliRun connected = connect(cli, QStringLiteral("nokeychain"), m_password);
        QVERIFY2(connected.exitCode == 0, connected.describe());
        QVERIFY2(connected.errText().contains(QStringLiteral("No OS keychain")),
                 connected.describe());
        // Nothing was written anywhere, so the next command needs a login.
        const CliRun listed = cli.run(args(
            {QStringLiteral("ls"), QStringLiteral("--connection"), QStringLiteral("nokeychain")}));
        QCOMPARE(listed.exitCode, Denied);
        QVERIFY(!cli.allFileContents().contains(m_password));
        QVERIFY(!hasToken(cli.allFileContents()));
    }

    void atATerminalAnExpiredTokenAsksForLoginAndTheCommandGoesOn() {
        // A user whose tokens live two seconds and cannot be renewed past that.
        QVERIFY(m_server
                    .api("POST", QStringLiteral("auth/userpass/users/shorty"),
                         QJsonObject{{QStringLiteral("password"), QStringLiteral("short-pw")},
                                     {QStringLiteral("token_policies"), QStringLiteral("kv-rw")},
                                     {QStringLiteral("token_ttl"), QStringLiteral("2s")},
                                     {QStringLiteral("token_max_ttl"), QStringLiteral("2s")}})
                    .ok());
        QVERIFY(m_server.putKv2(QStringLiteral("secret"), QStringLiteral("tty/one"),
                                QJsonObject{{QStringLiteral("k"), QStringLiteral("v")}}) > 0);
        CliHarness cli;
        const CliRun connected =
            cli.run(args({QStringLiteral("vault"), QStringLiteral("connect"),
                          QStringLiteral("short"), QStringLiteral("--address"), address(),
                          QStringLiteral("--auth"), QStringLiteral("userpass"),
                          QStringLiteral("--username"), QStringLiteral("shorty")}),
                    "short-pw\n");
        QVERIFY2(connected.exitCode == 0, connected.describe());
        QTest::qWait(3000);
        // A real terminal for the CLI: util-linux `script` runs it on a pseudo-terminal.
        QProcess terminal;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("STRONGROOM_HOME"), cli.home());
        terminal.setProcessEnvironment(env);
        terminal.setProcessChannelMode(QProcess::MergedChannels);
        terminal.start(
            QStringLiteral("script"),
            {QStringLiteral("-qec"),
             QStringLiteral("%1 ls secret/tty/ --connection short").arg(CliHarness::binary()),
             QStringLiteral("/dev/null")});
        QVERIFY(terminal.waitForStarted(10000));
        QByteArray seen;
        while (!seen.contains("Password for shorty") && terminal.waitForReadyRead(10000)) {
            seen += terminal.readAll();
        }
        QVERIFY2(seen.contains("Password for shorty"), seen.constData());
        QVERIFY(seen.contains("expired"));
        terminal.write("short-pw\n");
        QVERIFY(terminal.waitForFinished(30000));
        seen += terminal.readAll();
        QVERIFY2(terminal.exitCode() == 0, seen.constData());
        QVERIFY2(seen.contains("one\r\n"), seen.constData());
        // Typed without echo.
        QVERIFY2(!seen.contains("short-pw"), seen.constData());
    }

    void fromEnvImportsAddressAndToken() {
        CliHarness cli;
        const QByteArray token =
            m_server.createToken({QStringLiteral("kv-rw")}, QStringLiteral("1h"));
        QVERIFY(!token.isEmpty());
        // The leak check below recognises this server's tokens.
        QVERIFY(hasToken(token));
        cli.setEnv(QStringLiteral("VAULT_ADDR"), address());
        cli.setEnv(QStringLiteral("VAULT_TOKEN"), QString::fromLatin1(token));
        cli.unsetEnv(QStringLiteral("BAO_ADDR"));
        cli.unsetEnv(QStringLiteral("BAO_TOKEN"));
        const CliRun run = cli.run(args({QStringLiteral("vault"), QStringLiteral("connect"),
                                         QStringLiteral("env"), QStringLiteral("--from-env")}));
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY(run.outText().contains(
            QStringLiteral("imported address %1 (from VAULT_ADDR)").arg(address())));
        QVERIFY(run.outText().contains(
            QStringLiteral("imported a token (from VAULT_TOKEN; not shown)")));
        QVERIFY(!run.out.contains(token));
        const CliRun listed = cli.run(
            args({QStringLiteral("ls"), QStringLiteral("--connection"), QStringLiteral("env")}));
        QVERIFY2(listed.exitCode == 0, listed.describe());
        QVERIFY(listed.outText().contains(QStringLiteral("secret/")));
        QVERIFY(!cli.allFileContents().contains(token));
        QCOMPARE(cli.run(args({QStringLiteral("vault"), QStringLiteral("logout"),
                               QStringLiteral("env"), QStringLiteral("--forget")}))
                     .exitCode,
                 0);
        QCOMPARE(m_server.api("GET", QStringLiteral("auth/token/lookup-self"), {}, token).status,
                 403);
    }
};

QTEST_GUILESS_MAIN(TestCliVault)
#include "test_cli_vault.moc"
