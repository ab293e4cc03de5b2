#include "CliHarness.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

// Command-line handling that needs no store: help, unknown commands and options, missing
// arguments, malformed key=value. Exit codes are the documented ones (EXIT_CODES.md).
class TestCliUsage : public QObject {
    Q_OBJECT

private:
    static constexpr int Usage = 2;
    static constexpr int NotFound = 3;

    // stderr must be exactly one line, prefixed with the program name.
    static void verifyOneLineError(const CliRun& run) {
        const QStringList lines = run.errText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.size() == 1, run.describe());
        QVERIFY2(lines.first().startsWith(QStringLiteral("strongroom-cli: ")), run.describe());
    }

private Q_SLOTS:
    void helpListsEveryCommandAndExitCode() {
        CliHarness cli;
        const CliRun run = cli.run({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        const QStringList commands{QStringLiteral("store init"),    QStringLiteral("store status"),
                                   QStringLiteral("connections"),   QStringLiteral("ls"),
                                   QStringLiteral("get"),           QStringLiteral("versions"),
                                   QStringLiteral("diff"),          QStringLiteral("put"),
                                   QStringLiteral("rollback"),      QStringLiteral("delete"),
                                   QStringLiteral("undelete"),      QStringLiteral("destroy"),
                                   QStringLiteral("metadata"),      QStringLiteral("audit verify"),
                                   QStringLiteral("audit log"),     QStringLiteral("demo seed"),
                                   QStringLiteral("delete-secret"), QStringLiteral("deleted"),
                                   QStringLiteral("restore"),       QStringLiteral("purge"),
                                   QStringLiteral("rotation"),      QStringLiteral("rotate")};
        for (const QString& command : commands) {
            QVERIFY2(run.outText().contains(QStringLiteral("  ") + command + QLatin1Char(' ')),
                     qPrintable(command));
        }
        // The generic commands come first, then each store's own under its name; the store's
        // older admin commands say which generic verb they run.
        const QString text = run.outText();
        const auto generic = text.indexOf(QStringLiteral("  delete-secret "));
        const auto vault = text.indexOf(QStringLiteral("\nVault / OpenBao:\n"));
        const auto aws = text.indexOf(QStringLiteral("\nAWS Secrets Manager:\n"));
        QVERIFY2(generic >= 0 && vault > generic && aws > generic, qPrintable(text));
        QVERIFY(text.indexOf(QStringLiteral("  vault login ")) > vault);
        QVERIFY(text.indexOf(QStringLiteral("  aws whoami ")) > aws);
        QVERIFY(text.contains(
            QRegularExpression(QStringLiteral("\\n  aws delete +\\(alias of delete-secret\\)"))));
        // Every exit code 0..8 has a row in the table.
        for (int code = 0; code <= 8; ++code) {
            const QRegularExpression row(QStringLiteral("^\\s+%1\\s+\\S").arg(code),
                                         QRegularExpression::MultilineOption);
            QVERIFY2(row.match(run.outText()).hasMatch(), qPrintable(QString::number(code)));
        }
        QVERIFY(run.err.isEmpty());
    }

    void everyCommandHasItsOwnHelp_data() {
        QTest::addColumn<QStringList>("words");
        QTest::newRow("store init") << QStringList{"store", "init"};
        QTest::newRow("get") << QStringList{"get"};
        QTest::newRow("put") << QStringList{"put"};
        QTest::newRow("destroy") << QStringList{"destroy"};
        QTest::newRow("audit log") << QStringList{"audit", "log"};
        QTest::newRow("delete-secret") << QStringList{"delete-secret"};
        QTest::newRow("rotation") << QStringList{"rotation"};
        QTest::newRow("aws delete") << QStringList{"aws", "delete"};
    }
    void everyCommandHasItsOwnHelp() {
        QFETCH(QStringList, words);
        CliHarness cli;
        const CliRun run = cli.run(words + QStringList{QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.outText().contains(QStringLiteral("strongroom-cli ") + words.join(' ')),
                 run.describe());
        QVERIFY(run.outText().contains(QStringLiteral("--connection")));
        // Help touches no file: nothing is created in the home.
        QVERIFY(cli.allFileContents().isEmpty());
    }

    void unknownCommandIsAUsageError() {
        CliHarness cli;
        const CliRun run = cli.run({QStringLiteral("frobnicate")});
        QCOMPARE(run.exitCode, Usage);
        verifyOneLineError(run);
        QVERIFY(run.errText().contains(QStringLiteral("frobnicate")));
        QVERIFY(run.out.isEmpty());
    }

    void noCommandIsAUsageError() {
        CliHarness cli;
        const CliRun run = cli.run({});
        QCOMPARE(run.exitCode, Usage);
        verifyOneLineError(run);
    }

    void unknownOptionIsAUsageError() {
        CliHarness cli;
        const CliRun run = cli.run({QStringLiteral("ls"), QStringLiteral("--no-such-option")});
        QCOMPARE(run.exitCode, Usage);
        verifyOneLineError(run);
        QVERIFY(run.errText().contains(QStringLiteral("no-such-option")));
    }

    void missingArguments_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("get") << QStringList{"get"};
        QTest::newRow("versions") << QStringList{"versions"};
        QTest::newRow("diff one version") << QStringList{"diff", "a/b", "1"};
        QTest::newRow("put path only") << QStringList{"put", "a/b"};
        QTest::newRow("rollback") << QStringList{"rollback", "a/b"};
        QTest::newRow("undelete") << QStringList{"undelete", "a/b"};
        QTest::newRow("destroy") << QStringList{"destroy", "a/b"};
        QTest::newRow("metadata") << QStringList{"metadata"};
        QTest::newRow("store alone") << QStringList{"store"};
        QTest::newRow("too many") << QStringList{"versions", "a", "b"};
    }
    void missingArguments() {
        QFETCH(QStringList, arguments);
        CliHarness cli;
        const CliRun run = cli.run(arguments);
        QVERIFY2(run.exitCode == Usage, run.describe());
        verifyOneLineError(run);
    }

    void badKeyValueNeverEchoesTheValue() {
        CliHarness cli;
        const QString secretLooking = QStringLiteral("hunter2-correct-horse");
        const CliRun run = cli.run({QStringLiteral("put"), QStringLiteral("app/db"),
                                    QStringLiteral("user=admin"), secretLooking});
        QCOMPARE(run.exitCode, Usage);
        verifyOneLineError(run);
        QVERIFY(!run.errText().contains(secretLooking));
        QVERIFY(!run.errText().contains(QStringLiteral("admin")));
    }

    void emptyKeyIsRejected() {
        CliHarness cli;
        const CliRun run =
            cli.run({QStringLiteral("put"), QStringLiteral("app/db"), QStringLiteral("=value")});
        QCOMPARE(run.exitCode, Usage);
        verifyOneLineError(run);
    }

    void commandsNeedAStore() {
        CliHarness cli;
        const CliRun run = cli.run({QStringLiteral("ls")});
        QCOMPARE(run.exitCode, NotFound);
        verifyOneLineError(run);
        QVERIFY(run.errText().contains(QStringLiteral("store init")));
    }

    void unknownConnection() {
        CliHarness cli;
        const CliRun run = cli.run(
            {QStringLiteral("--connection"), QStringLiteral("prod-vault"), QStringLiteral("ls")});
        QCOMPARE(run.exitCode, NotFound);
        verifyOneLineError(run);
        QVERIFY(run.errText().contains(QStringLiteral("prod-vault")));
    }

    void storeStatusWithoutStore() {
        CliHarness cli;
        const CliRun run =
            cli.run({QStringLiteral("store"), QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, NotFound);
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(run.out, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, run.describe());
        QCOMPARE(document.object().value(QStringLiteral("exists")).toBool(true), false);
        QCOMPARE(document.object().value(QStringLiteral("file")).toString(), cli.storeFile());
    }
};

QTEST_GUILESS_MAIN(TestCliUsage)
#include "test_cli_usage.moc"
