#include "AuditEntriesModel.h"
#include "LocalTestKit.h"
#include "VersionsModel.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using namespace strongroom;
using namespace localtest;

class TestHistoryModels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void versionsFromARealStoreNewestFirstWithMarks() {
        QTemporaryDir dir;
        auto store = createStore(dir.filePath(QStringLiteral("v.db")));
        QVERIFY(store);
        QVERIFY(put(*store, QStringLiteral("app/db"), kv({{"user", "a"}}), {}));
        QVERIFY(put(*store, QStringLiteral("app/db"), kv({{"user", "b"}}), QStringLiteral("1")));
        QVERIFY(put(*store, QStringLiteral("app/db"), kv({{"user", "c"}}), QStringLiteral("2")));
        QVERIFY(await(store->deleteVersions({QStringLiteral("app/db")}, {QStringLiteral("1")})));
        auto versions = await(store->versions({QStringLiteral("app/db")}));
        QVERIFY(versions);

        VersionsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setVersions(versions.value());
        QCOMPARE(model.rowCount(), 3);
        QStringList headers;
        for (int column = 0; column < model.columnCount(); ++column) {
            headers << model.headerData(column, Qt::Horizontal).toString();
        }
        QCOMPARE(headers, (QStringList{QStringLiteral("Version"), QStringLiteral("Created"),
                                       QStringLiteral("Marks"), QStringLiteral("Deleted at"),
                                       QStringLiteral("Expires"), QStringLiteral("Not before"),
                                       QStringLiteral("Destroyed on")}));
        const auto text = [&](int row, int column) {
            return model.index(row, column).data().toString();
        };
        QCOMPARE(text(0, VersionsModel::IdColumn), QStringLiteral("3"));
        QCOMPARE(text(1, VersionsModel::IdColumn), QStringLiteral("2"));
        QCOMPARE(text(2, VersionsModel::IdColumn), QStringLiteral("1"));
        QCOMPARE(text(0, VersionsModel::MarksColumn), QStringLiteral("current"));
        QCOMPARE(text(1, VersionsModel::MarksColumn), QString());
        QCOMPARE(text(2, VersionsModel::MarksColumn), QStringLiteral("deleted"));
        QVERIFY(!text(2, VersionsModel::DeletedColumn).isEmpty());
        QVERIFY(text(1, VersionsModel::DeletedColumn).isEmpty());
        QVERIFY(!model.index(2, 0).data(VersionsModel::ReadableRole).toBool());
        QCOMPARE(model.currentVersionId(), QStringLiteral("3"));
        QCOMPARE(model.rowOf(QStringLiteral("2")), 1);
        QCOMPARE(model.headerData(VersionsModel::MarksColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Marks"));
    }

    // A pending destroy reads as a mark with its date in its own column, until it happened.
    void pendingDestroyAndNotBeforeHaveTheirWordsAndColumns() {
        const QDateTime soon = QDateTime::fromSecsSinceEpoch(86400 * 400, Qt::UTC);
        VersionInfo pending;
        pending.id = QStringLiteral("2");
        pending.destroyAt = soon;
        pending.notBefore = soon;
        VersionInfo done = pending;
        done.id = QStringLiteral("1");
        done.marks = VersionMark::Destroyed;
        VersionsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setVersions({done, pending});
        QCOMPARE(model.index(0, VersionsModel::MarksColumn).data().toString(),
                 QStringLiteral("destroy pending"));
        QCOMPARE(model.index(1, VersionsModel::MarksColumn).data().toString(),
                 QStringLiteral("destroyed"));
        QVERIFY(!model.index(0, VersionsModel::DestroyAtColumn).data().toString().isEmpty());
        QVERIFY(!model.index(0, VersionsModel::NotBeforeColumn).data().toString().isEmpty());
        QCOMPARE(model.headerData(VersionsModel::NotBeforeColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Not before"));
    }

    void labelsAndNonNumericIdsSortByCreation() {
        VersionInfo older;
        older.id = QStringLiteral("b7e1");
        older.created = QDateTime::fromSecsSinceEpoch(1000, Qt::UTC);
        older.marks = VersionMark::Previous;
        older.labels = {QStringLiteral("AWSPREVIOUS")};
        VersionInfo newer;
        newer.id = QStringLiteral("0a2c");
        newer.created = QDateTime::fromSecsSinceEpoch(2000, Qt::UTC);
        newer.marks = VersionMark::Current;
        newer.labels = {QStringLiteral("AWSCURRENT")};
        VersionsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setVersions({older, newer});
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("0a2c"));
        QCOMPARE(model.index(1, VersionsModel::MarksColumn).data().toString(),
                 QStringLiteral("previous · labels: AWSPREVIOUS"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void auditEntriesFilteredNewestFirstAndLive() {
        const auto entry = [](qint64 seq, const char* path, const char* action,
                              const char* result) {
            AuditEntry e;
            e.seq = seq;
            e.time = QDateTime::fromSecsSinceEpoch(1700000000 + seq, Qt::UTC);
            e.actor = QStringLiteral("ops");
            e.connection = QStringLiteral("local");
            e.path = QString::fromLatin1(path);
            e.action = QString::fromLatin1(action);
            e.versions = {QString::number(seq)};
            e.result = QString::fromLatin1(result);
            return e;
        };
        AuditEntriesModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFilter(QStringLiteral("local"), QStringLiteral("app/db"));
        model.setEntries({entry(1, "app/db", "write", "ok"), entry(2, "other", "read", "ok"),
                          entry(3, "app/db", "read", "PermissionDenied")});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, AuditEntriesModel::ActionColumn).data().toString(),
                 QStringLiteral("read"));
        QCOMPARE(model.index(0, AuditEntriesModel::ResultColumn).data().toString(),
                 QStringLiteral("PermissionDenied"));
        QVERIFY(!model.index(0, 0).data(AuditEntriesModel::SucceededRole).toBool());
        QCOMPARE(model.index(1, AuditEntriesModel::VersionsColumn).data().toString(),
                 QStringLiteral("1"));
        QCOMPARE(model.index(1, AuditEntriesModel::ActorColumn).data().toString(),
                 QStringLiteral("ops"));

        model.addEntry(entry(4, "other", "write", "ok")); // another secret: ignored
        QCOMPARE(model.rowCount(), 2);
        model.addEntry(entry(5, "app/db", "rollback", "ok"));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, AuditEntriesModel::ActionColumn).data().toString(),
                 QStringLiteral("rollback"));
        model.addEntry(entry(5, "app/db", "rollback", "ok")); // the same line twice is one row
        QCOMPARE(model.rowCount(), 3);
    }
};

QTEST_GUILESS_MAIN(TestHistoryModels)
#include "test_history_models.moc"
