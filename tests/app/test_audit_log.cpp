#include "AuditLog.h"
#include "Await.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace strongroom;

namespace {

AuditRecord record(const QString& path, const QString& action, QStringList versions = {},
                   QString result = QStringLiteral("ok")) {
    AuditRecord r;
    r.connection = QStringLiteral("local");
    r.path = path;
    r.action = action;
    r.versions = std::move(versions);
    r.result = std::move(result);
    return r;
}

QList<QByteArray> readLines(const QString& file) {
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    auto lines = f.readAll().split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty()) {
        lines.removeLast();
    }
    return lines;
}

void writeRaw(const QString& file, const QByteArray& content) {
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(content);
}

QByteArray joinLines(const QList<QByteArray>& lines) {
    return lines.join('\n') + '\n';
}

} // namespace

class TestAuditLog : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    QString freshFile() {
        return m_dir.filePath(QStringLiteral("audit-%1.jsonl").arg(++m_counter));
    }

    // Writes `count` entries through a log that is then closed.
    void writeEntries(const QString& file, int count) {
        AuditLog log(file);
        for (int i = 1; i <= count; ++i) {
            auto written = await(log.append(record(QStringLiteral("app/s%1").arg(i),
                                                   QStringLiteral("write"), {QString::number(i)})));
            QVERIFY(written.ok());
        }
    }

    static AuditVerification verifyFile(const QString& file) {
        AuditLog log(file);
        return await(log.verify());
    }

private Q_SLOTS:
    void entriesChainFromGenesis() {
        const QString file = freshFile();
        AuditLog log(file);
        QSignalSpy appended(&log, &AuditLog::appended);
        auto first = await(log.append(
            record(QStringLiteral("db/pg"), QStringLiteral("read"), {QStringLiteral("3")})));
        auto second = await(log.append(record(QStringLiteral("db/pg"), QStringLiteral("write"), {},
                                              QStringLiteral("conflict"))));
        QVERIFY(first.ok() && second.ok());
        QCOMPARE(appended.count(), 2);

        const auto lines = readLines(file);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(first->seq, 1);
        QCOMPARE(second->seq, 2);
        QCOMPARE(first->prev, QString(64, QLatin1Char('0')));
        // The chain is the SHA-256 of the exact bytes of the line before.
        QCOMPARE(second->prev,
                 QString::fromLatin1(
                     QCryptographicHash::hash(lines[0], QCryptographicHash::Sha256).toHex()));
        QCOMPARE(first->actor, AuditLog::currentActor());
        QVERIFY(!first->actor.isEmpty());
        QCOMPARE(first->time.timeSpec(), Qt::UTC);
        QVERIFY(qAbs(first->time.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        // ISO-8601 UTC with milliseconds, as stored on disk.
        QVERIFY(lines[0].contains("\"time\":\"" + first->time.toString(Qt::ISODateWithMs).toUtf8() +
                                  "\""));
        QVERIFY(lines[0].contains(R"("versions":["3"])"));
        QVERIFY(lines[1].contains(R"("result":"conflict")"));

        const auto verified = await(log.verify());
        QVERIFY2(verified.ok(), qPrintable(verified.reason));
        QCOMPARE(verified.lineCount, 2);
    }

    void appendsKeepCallOrder() {
        const QString file = freshFile();
        AuditLog log(file);
        // Start many appends before awaiting any: the worker must write them in call order.
        std::vector<QCoro::Task<Result<AuditEntry>>> pending;
        for (int i = 0; i < 25; ++i) {
            pending.push_back(
                log.append(record(QStringLiteral("p%1").arg(i), QStringLiteral("read"))));
        }
        for (auto& task : pending) {
            QVERIFY(await(std::move(task)).ok());
        }
        const auto lines = readLines(file);
        QCOMPARE(lines.size(), 25);
        for (int i = 0; i < 25; ++i) {
            const auto entry = AuditEntry::fromJsonLine(lines[i]);
            QVERIFY(entry);
            QCOMPARE(entry->seq, i + 1);
            QCOMPARE(entry->path, QStringLiteral("p%1").arg(i));
        }
        QVERIFY(await(log.verify()).ok());
    }

    void appendAfterReopenContinuesTheChain() {
        const QString file = freshFile();
        writeEntries(file, 3);
        {
            AuditLog reopened(file);
            auto fourth =
                await(reopened.append(record(QStringLiteral("x"), QStringLiteral("copy"))));
            QVERIFY(fourth.ok());
            QCOMPARE(fourth->seq, 4);
            const auto lines = readLines(file);
            QCOMPARE(fourth->prev,
                     QString::fromLatin1(
                         QCryptographicHash::hash(lines[2], QCryptographicHash::Sha256).toHex()));
        }
        const auto verified = verifyFile(file);
        QVERIFY2(verified.ok(), qPrintable(verified.reason));
        QCOMPARE(verified.lineCount, 4);
    }

    void twoLogsOnOneFileShareTheChain() {
        // GUI and CLI appending to the same file.
        const QString file = freshFile();
        AuditLog gui(file);
        AuditLog cli(file);
        QVERIFY(await(gui.append(record(QStringLiteral("a"), QStringLiteral("read")))).ok());
        QVERIFY(await(cli.append(record(QStringLiteral("b"), QStringLiteral("read")))).ok());
        auto third = await(gui.append(record(QStringLiteral("c"), QStringLiteral("read"))));
        QCOMPARE(third->seq, 3);
        QVERIFY(await(gui.verify()).ok());
    }

    void detectsEditedLine() {
        const QString file = freshFile();
        writeEntries(file, 5);
        auto lines = readLines(file);
        lines[2].replace("\"write\"", "\"read\"");
        writeRaw(file, joinLines(lines));
        const auto verified = verifyFile(file);
        QCOMPARE(verified.problem, AuditVerification::Problem::EditedLine);
        QCOMPARE(verified.brokenLine, 3);
        QVERIFY(!verified.reason.isEmpty());
    }

    void detectsDeletedLine() {
        const QString file = freshFile();
        writeEntries(file, 5);
        auto lines = readLines(file);
        lines.removeAt(1);
        writeRaw(file, joinLines(lines));
        const auto verified = verifyFile(file);
        QCOMPARE(verified.problem, AuditVerification::Problem::MissingLines);
        QCOMPARE(verified.brokenLine, 2);
    }

    void detectsDeletedFirstLine() {
        const QString file = freshFile();
        writeEntries(file, 3);
        auto lines = readLines(file);
        lines.removeFirst();
        writeRaw(file, joinLines(lines));
        const auto verified = verifyFile(file);
        QCOMPARE(verified.problem, AuditVerification::Problem::MissingLines);
        QCOMPARE(verified.brokenLine, 1);
    }

    void detectsReorderedLines() {
        const QString file = freshFile();
        writeEntries(file, 5);
        auto lines = readLines(file);
        lines.swapItemsAt(2, 3);
        writeRaw(file, joinLines(lines));
        const auto verified = verifyFile(file);
        QCOMPARE(verified.problem, AuditVerification::Problem::ReorderedLines);
        QCOMPARE(verified.brokenLine, 3);
    }

    void detectsTruncatedLastLine() {
        const QString file = freshFile();
        writeEntries(file, 3);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() - 20));
        f.close();
        const auto verified = verifyFile(file);
        QCOMPARE(verified.problem, AuditVerification::Problem::TruncatedLastLine);
        QCOMPARE(verified.brokenLine, 3);
    }

    void detectsBadJson() {
        const QString file = freshFile();
        writeEntries(file, 3);
        auto lines = readLines(file);
        lines[1] = "{not json";
        writeRaw(file, joinLines(lines));
        const auto verified = verifyFile(file);
        QCOMPARE(verified.problem, AuditVerification::Problem::BadJson);
        QCOMPARE(verified.brokenLine, 2);
    }

    void detectsLinesRemovedFromTheEndWhileOpen() {
        const QString file = freshFile();
        AuditLog log(file);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(await(log.append(record(QStringLiteral("s"), QStringLiteral("read")))).ok());
        }
        auto lines = readLines(file);
        lines.removeLast();
        writeRaw(file, joinLines(lines));
        const auto verified = await(log.verify());
        QCOMPARE(verified.problem, AuditVerification::Problem::MissingLines);
        QCOMPARE(verified.brokenLine, 3);
    }

    void appendAfterCrashKeepsTheCutLineVisible() {
        const QString file = freshFile();
        writeEntries(file, 2);
        QFile f(file);
        QVERIFY(f.open(QIODevice::Append));
        f.write("{\"seq\":3,\"ti"); // a write interrupted by a crash
        f.close();
        {
            AuditLog log(file);
            auto next = await(log.append(record(QStringLiteral("s"), QStringLiteral("read"))));
            QVERIFY(next.ok());
            QCOMPARE(next->seq, 4);
        }
        QCOMPARE(readLines(file).size(), 4);
        const auto verified = verifyFile(file);
        QCOMPARE(verified.problem, AuditVerification::Problem::BadJson);
        QCOMPARE(verified.brokenLine, 3);
    }

    void queriesByPathAndRecent() {
        const QString file = freshFile();
        AuditLog log(file);
        QVERIFY(await(log.append(record(QStringLiteral("a"), QStringLiteral("read")))).ok());
        QVERIFY(await(log.append(record(QStringLiteral("b"), QStringLiteral("write")))).ok());
        QVERIFY(await(log.append(record(QStringLiteral("a"), QStringLiteral("copy")))).ok());
        auto other = record(QStringLiteral("a"), QStringLiteral("read"));
        other.connection = QStringLiteral("vault-prod");
        QVERIFY(await(log.append(other)).ok());

        auto forA = await(log.entriesFor(QStringLiteral("local"), QStringLiteral("a")));
        QVERIFY(forA.ok());
        QCOMPARE(forA->size(), 2);
        QCOMPARE(forA->at(0).action, QStringLiteral("read"));
        QCOMPARE(forA->at(1).action, QStringLiteral("copy"));

        auto lastTwo = await(log.recent(2));
        QVERIFY(lastTwo.ok());
        QCOMPARE(lastTwo->size(), 2);
        QCOMPARE(lastTwo->at(0).seq, 3);
        QCOMPARE(lastTwo->at(1).seq, 4);
        QCOMPARE(lastTwo->at(1).connection, QStringLiteral("vault-prod"));
    }

    void emptyOrMissingLogVerifies() {
        const auto verified = verifyFile(freshFile());
        QVERIFY(verified.ok());
        QCOMPARE(verified.lineCount, 0);
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "test_audit_log.moc"
