#include "CliHarness.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// `audit log` shows what the other commands did (they all go through the audited service) and
// `audit verify` catches an edited line with exit code 8, naming the line.
class TestCliAudit : public QObject {
    Q_OBJECT

private:
    static constexpr int AuditBroken = 8;

    static QStringList args(std::initializer_list<const char*> words) {
        QStringList list;
        for (const char* word : words) {
            list << QString::fromUtf8(word);
        }
        return list;
    }

    static void prepare(CliHarness& cli) {
        QCOMPARE(cli.run(args({"store", "init"})).exitCode, 0);
        QCOMPARE(cli.run(args({"put", "svc", "a=audit-secret-1"})).exitCode, 0);
        QCOMPARE(cli.run(args({"put", "svc", "a=audit-secret-2"})).exitCode, 0);
        QCOMPARE(cli.run(args({"get", "svc"})).exitCode, 0);
        QCOMPARE(cli.run(args({"put", "svc", "a=x", "--cas", "1"})).exitCode, 5);
    }

private Q_SLOTS:
    void logShowsEveryOperationWithoutValues() {
        CliHarness cli;
        prepare(cli);
        const CliRun log = cli.run(args({"audit", "log", "--path", "svc", "--json"}));
        QVERIFY2(log.exitCode == 0, log.describe());
        const QJsonArray entries = QJsonDocument::fromJson(log.out).array();
        QStringList actions;
        QStringList results;
        for (const auto& entry : entries) {
            actions << entry.toObject().value(QStringLiteral("action")).toString();
            results << entry.toObject().value(QStringLiteral("result")).toString();
        }
        QCOMPARE(actions.count(QStringLiteral("write")), 3);
        QCOMPARE(actions.count(QStringLiteral("read")), 1);
        // The refused write is recorded with its failure, not as ok.
        QCOMPARE(results.count(QStringLiteral("conflict")), 1);
        QVERIFY(!log.out.contains("audit-secret"));
        QVERIFY(!cli.allFileContents().contains("audit-secret"));

        const CliRun lastTwo = cli.run(args({"audit", "log", "-n", "2"}));
        QCOMPARE(lastTwo.outLines().size(), 2);
        QCOMPARE(cli.run(args({"audit", "log", "-n", "zero"})).exitCode, 2);
    }

    void verifyPassesThenCatchesAnEditedLine() {
        CliHarness cli;
        prepare(cli);
        const CliRun ok = cli.run(args({"audit", "verify", "--json"}));
        QVERIFY2(ok.exitCode == 0, ok.describe());
        QFile file(cli.auditFile());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = file.readAll().split('\n');
        file.close();
        if (lines.last().isEmpty()) {
            lines.removeLast();
        }
        const QJsonObject summary = QJsonDocument::fromJson(ok.out).object();
        QCOMPARE(summary.value(QStringLiteral("lines")).toInteger(), qint64(lines.size()));

        // An operator hides their read by renaming the action on line 3.
        const int edited = 3;
        QVERIFY(lines.size() > edited);
        QByteArray& line = lines[edited - 1];
        const qsizetype action = line.indexOf("\"action\":\"");
        QVERIFY(action >= 0);
        line.insert(action + qsizetype(sizeof("\"action\":\"") - 1), "x");
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(lines.join('\n') + '\n');
        file.close();

        const CliRun broken = cli.run(args({"audit", "verify"}));
        QVERIFY2(broken.exitCode == AuditBroken, broken.describe());
        const QStringList errors = broken.errText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().contains(QStringLiteral("line %1").arg(edited)), broken.describe());
        const CliRun json = cli.run(args({"audit", "verify", "--json"}));
        QCOMPARE(json.exitCode, AuditBroken);
        QCOMPARE(QJsonDocument::fromJson(json.out)
                     .object()
                     .value(QStringLiteral("brokenLine"))
                     .toInteger(),
                 qint64(edited));
    }
};

QTEST_GUILESS_MAIN(TestCliAudit)
#include "test_cli_audit.moc"
