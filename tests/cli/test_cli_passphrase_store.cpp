#include "CliHarness.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// A store protected by a passphrase, driven the way scripts do: --passphrase-file,
// --passphrase-fd and $STRONGROOM_PASSPHRASE_FILE. A wrong or missing passphrase is exit code 4
// and never opens the store.
class TestCliPassphraseStore : public QObject {
    Q_OBJECT

private:
    static constexpr int PermissionDenied = 4;

    const QByteArray m_passphrase = "correct horse battery staple";
    const QByteArray m_value = "pg-password-4f1a9c";

    // A store created with --passphrase-file, holding app/db with password=m_value.
    void makeStore(CliHarness& cli, QString& passphraseFile) {
        passphraseFile = cli.writeFile(QStringLiteral("pass.txt"), m_passphrase + "\n");
        const CliRun init = cli.run({QStringLiteral("store"), QStringLiteral("init"),
                                     QStringLiteral("--passphrase"),
                                     QStringLiteral("--passphrase-file"), passphraseFile});
        QVERIFY2(init.exitCode == 0, init.describe());
        const CliRun put =
            cli.run({QStringLiteral("put"), QStringLiteral("app/db"), QStringLiteral("password=-"),
                     QStringLiteral("--passphrase-file"), passphraseFile},
                    m_value);
        QVERIFY2(put.exitCode == 0, put.describe());
    }

private Q_SLOTS:
    void initReportsPassphraseProtection() {
        CliHarness cli;
        QString file;
        makeStore(cli, file);
        const CliRun status =
            cli.run({QStringLiteral("store"), QStringLiteral("status"), QStringLiteral("--json"),
                     QStringLiteral("--passphrase-file"), file});
        QVERIFY2(status.exitCode == 0, status.describe());
        const QJsonObject object = QJsonDocument::fromJson(status.out).object();
        QCOMPARE(object.value(QStringLiteral("protection")).toString(),
                 QStringLiteral("passphrase"));
        QCOMPARE(object.value(QStringLiteral("state")).toString(), QStringLiteral("connected"));
        QCOMPARE(object.value(QStringLiteral("exists")).toBool(), true);
    }

    void readsBackWithFileFdAndEnvironment() {
        CliHarness cli;
        QString file;
        makeStore(cli, file);
        const CliRun viaFile =
            cli.run({QStringLiteral("get"), QStringLiteral("app/db"), QStringLiteral("password"),
                     QStringLiteral("--passphrase-file"), file});
        QVERIFY2(viaFile.exitCode == 0, viaFile.describe());
        QCOMPARE(viaFile.out, m_value); // exactly the value: no newline when not a terminal

        // The passphrase line on stdin, then nothing else.
        const CliRun viaFd =
            cli.run({QStringLiteral("get"), QStringLiteral("app/db"), QStringLiteral("password"),
                     QStringLiteral("--passphrase-fd"), QStringLiteral("0")},
                    m_passphrase + "\n");
        QVERIFY2(viaFd.exitCode == 0, viaFd.describe());
        QCOMPARE(viaFd.out, m_value);

        cli.setEnv(QStringLiteral("STRONGROOM_PASSPHRASE_FILE"), file);
        const CliRun viaEnv =
            cli.run({QStringLiteral("get"), QStringLiteral("app/db"), QStringLiteral("password")});
        QVERIFY2(viaEnv.exitCode == 0, viaEnv.describe());
        QCOMPARE(viaEnv.out, m_value);
    }

    void passphraseAndValueShareStdin() {
        // --passphrase-fd 0 reads exactly one line, so the rest of stdin is the value.
        CliHarness cli;
        QString file;
        makeStore(cli, file);
        const QByteArray newValue = "rotated-7d2e";
        const CliRun put =
            cli.run({QStringLiteral("put"), QStringLiteral("app/db"), QStringLiteral("password=-"),
                     QStringLiteral("--passphrase-fd"), QStringLiteral("0")},
                    m_passphrase + "\n" + newValue);
        QVERIFY2(put.exitCode == 0, put.describe());
        const CliRun get =
            cli.run({QStringLiteral("get"), QStringLiteral("app/db"), QStringLiteral("password"),
                     QStringLiteral("--passphrase-file"), file});
        QCOMPARE(get.out, newValue);
    }

    void wrongPassphraseIsDenied() {
        CliHarness cli;
        QString file;
        makeStore(cli, file);
        const QString wrong = cli.writeFile(QStringLiteral("wrong.txt"), "not the passphrase\n");
        const CliRun run = cli.run({QStringLiteral("get"), QStringLiteral("app/db"),
                                    QStringLiteral("--passphrase-file"), wrong});
        QVERIFY2(run.exitCode == PermissionDenied, run.describe());
        QVERIFY(run.out.isEmpty());
        QCOMPARE(run.errText().count(QLatin1Char('\n')), 1);
        QVERIFY(!run.err.contains(m_value));
        QVERIFY(!run.err.contains("not the passphrase"));
    }

    void noPassphraseSourceWithoutTerminal() {
        CliHarness cli;
        QString file;
        makeStore(cli, file);
        const CliRun run = cli.run({QStringLiteral("ls")});
        QVERIFY2(run.exitCode == PermissionDenied, run.describe());
        QVERIFY(run.errText().contains(QStringLiteral("--passphrase-file")));
        const CliRun status = cli.run({QStringLiteral("store"), QStringLiteral("status")});
        QCOMPARE(status.exitCode, 0);
        QVERIFY2(status.outText().contains(QStringLiteral("locked")), status.describe());
    }

    void newPassphraseNeedsASourceWithoutTerminal() {
        CliHarness cli;
        const CliRun run = cli.run(
            {QStringLiteral("store"), QStringLiteral("init"), QStringLiteral("--passphrase")});
        QVERIFY2(run.exitCode == 2, run.describe());
        QVERIFY(!QFile::exists(cli.storeFile()));
    }

    void initTwiceRefuses() {
        CliHarness cli;
        QString file;
        makeStore(cli, file);
        const CliRun again = cli.run({QStringLiteral("store"), QStringLiteral("init"),
                                      QStringLiteral("--passphrase-file"), file});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.errText().contains(cli.storeFile()));
    }

    void valueIsNotOnDiskInPlaintext() {
        CliHarness cli;
        QString file;
        makeStore(cli, file);
        QVERIFY(QFile::exists(cli.storeFile()));
        QVERIFY(!cli.allFileContents().contains(m_value));
    }
};

QTEST_GUILESS_MAIN(TestCliPassphraseStore)
#include "test_cli_passphrase_store.moc"
