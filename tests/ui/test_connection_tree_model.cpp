#include "ConnectionTreeModel.h"
#include "FakeStore.h"
#include "LocalTestKit.h"
#include "QuickOpenModel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <vector>

using namespace strongroom;
using namespace localtest;

namespace {

using Kind = ConnectionTreeModel::NodeKind;

Kind kindOf(const QModelIndex& index) {
    return static_cast<Kind>(index.data(ConnectionTreeModel::KindRole).toInt());
}

QStringList childNames(const QAbstractItemModel& model, const QModelIndex& parent) {
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        names << model.index(row, 0, parent).data().toString();
    }
    return names;
}

// Waits until `folder` is no longer listing.
bool waitLoaded(const QModelIndex& folder, int timeoutMs = 20000) {
    return QTest::qWaitFor([&] { return !folder.data(ConnectionTreeModel::LoadingRole).toBool(); },
                           timeoutMs);
}

} // namespace

class TestConnectionTreeModel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<LocalStore> m_store;

private Q_SLOTS:
    void initTestCase() {
        m_store = createStore(m_dir.filePath(QStringLiteral("tree.db")));
        QVERIFY(m_store);
        for (const char* path : {"app/db", "app/api", "top", "deep/er/most"}) {
            QVERIFY(put(*m_store, QString::fromLatin1(path), kv({{"k", "v"}}), {}));
        }
        std::vector<QCoro::Task<Result<WriteResult>>> pending;
        for (int i = 0; i < 250; ++i) {
            pending.push_back(
                m_store->write({{QStringLiteral("many/m%1").arg(i, 3, 10, QLatin1Char('0'))},
                                kv({{"k", "v"}}),
                                {},
                                {}}));
        }
        for (auto& task : pending) {
            QVERIFY(await(std::move(task)));
        }
    }

    void listsLazilyWithALoadingRow() {
        ConnectionTreeModel model;
        // The first row a listing inserts is the placeholder, before the store answered.
        QStringList firstRows;
        connect(&model, &QAbstractItemModel::rowsInserted, this,
                [&](const QModelIndex& parent, int first, int) {
                    if (parent.isValid() && first == 0) {
                        const QModelIndex row = model.index(0, 0, parent);
                        firstRows << QString::number(int(kindOf(row))) + QLatin1Char(':') +
                                         row.data().toString();
                    }
                });
        model.addConnection(QStringLiteral("local"), QStringLiteral("Local store"), m_store.get());
        const QModelIndex connection = model.connectionIndex(QStringLiteral("local"));
        // Nothing is listed until a view asks.
        QCOMPARE(model.rowCount(connection), 0);
        QVERIFY(model.hasChildren(connection));
        QVERIFY(model.canFetchMore(connection));
        QTest::qWait(20);
        QCOMPARE(model.rowCount(connection), 0);
        QCOMPARE(connection.data().toString(), QStringLiteral("Local store"));
        QCOMPARE(connection.data(ConnectionTreeModel::IconNameRole).toString(),
                 QStringLiteral("provider/local"));
        QCOMPARE(connection.data(ConnectionTreeModel::StateRole).toString(),
                 QStringLiteral("connected"));

        // The tester walks (and fetches) the tree like a view would.
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.fetchMore(connection);
        QVERIFY(connection.data(ConnectionTreeModel::LoadingRole).toBool());
        QVERIFY(!model.canFetchMore(connection)); // no second listing while one runs
        QVERIFY(waitLoaded(connection));
        QCOMPARE(childNames(model, connection),
                 (QStringList{QStringLiteral("app"), QStringLiteral("deep"), QStringLiteral("many"),
                              QStringLiteral("top")}));
        QVERIFY(!model.canFetchMore(connection));
        QVERIFY(!firstRows.isEmpty());
        QCOMPARE(firstRows.first(),
                 QString::number(int(Kind::StatusRow)) + QStringLiteral(":Loading…"));

        const QModelIndex app = model.indexForPath(QStringLiteral("local"), QStringLiteral("app/"));
        QCOMPARE(kindOf(app), Kind::Folder);
        QVERIFY(model.hasChildren(app));
        model.fetchMore(app); // a no-op if the tester already asked
        QVERIFY(QTest::qWaitFor(
            [&] {
                return model.rowCount(app) == 2 &&
                       !app.data(ConnectionTreeModel::LoadingRole).toBool();
            },
            10000));
        QCOMPARE(childNames(model, app),
                 (QStringList{QStringLiteral("api"), QStringLiteral("db")}));
        const QModelIndex db =
            model.indexForPath(QStringLiteral("local"), QStringLiteral("app/db"));
        QCOMPARE(kindOf(db), Kind::Secret);
        QCOMPARE(db.data(ConnectionTreeModel::PathRole).toString(), QStringLiteral("app/db"));
        QVERIFY(!model.hasChildren(db));
    }

    void appendsEachPageAsOneBatch() {
        ConnectionTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(100);
        model.addConnection(QStringLiteral("local"), QStringLiteral("Local store"), m_store.get());
        const QModelIndex connection = model.connectionIndex(QStringLiteral("local"));
        model.fetchMore(connection);
        QVERIFY(waitLoaded(connection));
        const QModelIndex many =
            model.indexForPath(QStringLiteral("local"), QStringLiteral("many/"));
        QList<int> batchSizes;
        connect(&model, &QAbstractItemModel::rowsInserted, this,
                [&](const QModelIndex& parent, int first, int last) {
                    if (parent == many) {
                        batchSizes << last - first + 1;
                    }
                });
        model.fetchMore(many);
        QVERIFY(waitLoaded(many));
        // One insert for the loading row, then 100 + 100 + 50 for the three pages.
        QCOMPARE(batchSizes, (QList<int>{1, 100, 100, 50}));
        QCOMPARE(model.rowCount(many), 250);
        QCOMPARE(model.index(0, 0, many).data().toString(), QStringLiteral("m000"));
        QCOMPARE(model.index(249, 0, many).data().toString(), QStringLiteral("m249"));
    }

    void offersCompletelyListedFoldersForReuse() {
        ConnectionTreeModel model;
        model.setPageSize(100);
        model.addConnection(QStringLiteral("local"), QStringLiteral("Local store"), m_store.get());
        const auto id = QStringLiteral("local");
        QVERIFY(!model.loadedEntries(id, QString())); // nothing listed yet
        const QModelIndex connection = model.connectionIndex(id);
        model.fetchMore(connection);
        QVERIFY(waitLoaded(connection));
        const auto root = model.loadedEntries(id, QString());
        QVERIFY(root);
        QCOMPARE(root->size(), 4); // app/, deep/, many/, top
        QVERIFY(root->contains(
            Entry{Entry::Kind::Secret, QStringLiteral("top"), QStringLiteral("top")}));
        QVERIFY(root->contains(
            Entry{Entry::Kind::Folder, QStringLiteral("many"), QStringLiteral("many/")}));
        QVERIFY(!model.loadedEntries(id, QStringLiteral("many/"))); // not expanded
        const QModelIndex many = model.indexForPath(id, QStringLiteral("many/"));
        model.fetchMore(many);
        QVERIFY(!model.loadedEntries(id, QStringLiteral("many/"))); // still loading
        QVERIFY(waitLoaded(many));
        QCOMPARE(model.loadedEntries(id, QStringLiteral("many/"))->size(), 250);
        model.refresh(many);
        QVERIFY(!model.loadedEntries(id, QStringLiteral("many/")));
    }

    void cancelKeepsWhatArrivedAndResumes() {
        ConnectionTreeModel model;
        model.setPageSize(100);
        // Collapse right after the first page of "many/" arrived, whoever asked for it.
        connect(&model, &QAbstractItemModel::rowsInserted, this,
                [&](const QModelIndex& parent, int first, int last) {
                    if (parent.data(ConnectionTreeModel::PathRole).toString() ==
                            QStringLiteral("many/") &&
                        first == 0 && last == 99) {
                        model.cancelLoading(parent);
                    }
                });
        model.addConnection(QStringLiteral("local"), QStringLiteral("Local store"), m_store.get());
        const QModelIndex connection = model.connectionIndex(QStringLiteral("local"));
        model.fetchMore(connection);
        QVERIFY(waitLoaded(connection));
        const QModelIndex many =
            model.indexForPath(QStringLiteral("local"), QStringLiteral("many/"));
        if (model.rowCount(many) == 0) {
            model.fetchMore(many); // unless the tester already did
        }
        QVERIFY(QTest::qWaitFor([&] { return model.rowCount(many) == 100; }, 10000));
        QVERIFY(waitLoaded(many));
        QTest::qWait(100); // a cancelled listing must not append anything later
        QCOMPARE(model.rowCount(many), 100);
        QVERIFY(model.canFetchMore(many));
        disconnect(&model, &QAbstractItemModel::rowsInserted, this, nullptr);
        // Attached only now: like an expanded view, the tester fetches whatever can be fetched,
        // which would undo the "collapse" above.
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.fetchMore(many);
        QVERIFY(waitLoaded(many));
        QCOMPARE(model.rowCount(many), 250);
        QStringList names = childNames(model, many);
        QCOMPARE(names.removeDuplicates(), 0);
        QCOMPARE(names.last(), QStringLiteral("m249"));
    }

    // A view may ask for rows again while refresh() has the folder emptied but not yet listed
    // again. Two listings of one folder would append everything twice, and the one whose token
    // the node no longer holds would outlive the node (a crash when the folder is dropped).
    void aViewAskingDuringARefreshLeavesOneListing() {
        ConnectionTreeModel model;
        model.setPageSize(100);
        model.addConnection(QStringLiteral("local"), QStringLiteral("Local store"), m_store.get());
        const QModelIndex connection = model.connectionIndex(QStringLiteral("local"));
        model.fetchMore(connection);
        QVERIFY(waitLoaded(connection));
        const QPersistentModelIndex many =
            model.indexForPath(QStringLiteral("local"), QStringLiteral("many/"));
        bool refreshed = false;
        bool askedAgain = false;
        // After the first page, while the rest is still coming: refresh, and like a view ask
        // for rows while the old ones are being removed.
        connect(&model, &QAbstractItemModel::rowsInserted, this,
                [&](const QModelIndex& parent, int first, int last) {
                    if (parent == many && first == 0 && last == 99 && !refreshed) {
                        refreshed = true;
                        QMetaObject::invokeMethod(
                            this, [&] { model.refresh(many); }, Qt::QueuedConnection);
                    }
                });
        connect(&model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                [&](const QModelIndex& parent) {
                    if (parent == many && !askedAgain) {
                        askedAgain = true;
                        model.fetchMore(many);
                    }
                });
        model.fetchMore(many);
        QVERIFY(QTest::qWaitFor([&] { return askedAgain; }, 10000));
        QVERIFY(waitLoaded(many));
        QTest::qWait(200); // a second listing would still be appending
        QStringList names = childNames(model, many);
        QCOMPARE(names.size(), 250);
        QCOMPARE(names.removeDuplicates(), 0);
    }

    void failedListingShowsAnErrorRowAndRefreshRecovers() {
        auto store = createStore(m_dir.filePath(QStringLiteral("locked.db")));
        QVERIFY(store);
        QVERIFY(put(*store, QStringLiteral("a"), kv({{"k", "v"}}), {}));
        ConnectionTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        store->lock();
        model.addConnection(QStringLiteral("l"), QStringLiteral("Locked"), store.get());
        const QModelIndex connection = model.connectionIndex(QStringLiteral("l"));
        QCOMPARE(connection.data().toString(), QStringLiteral("Locked (locked)"));
        model.fetchMore(connection);
        QVERIFY(waitLoaded(connection));
        QCOMPARE(model.rowCount(connection), 1);
        const QModelIndex errorRow = model.index(0, 0, connection);
        QCOMPARE(kindOf(errorRow), Kind::StatusRow);
        QCOMPARE(errorRow.data(ConnectionTreeModel::IconNameRole).toString(),
                 QStringLiteral("error"));
        QVERIFY(errorRow.data().toString().startsWith(QStringLiteral("Could not list: ")));
        QVERIFY(!connection.data(ConnectionTreeModel::ErrorRole).toString().isEmpty());
        QVERIFY(!model.canFetchMore(connection)); // no retry loop from the view

        QVERIFY(await(store->unlock(passphrase("pass phrase"))));
        model.refresh(connection);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return model.rowCount(connection) == 1 &&
                       !connection.data(ConnectionTreeModel::LoadingRole).toBool() &&
                       kindOf(model.index(0, 0, connection)) == Kind::Secret;
            },
            10000));
        QCOMPARE(childNames(model, connection), QStringList{QStringLiteral("a")});
    }

    void hundredThousandEntriesStayResponsive() {
        strongroom::testing::FakeStore backend;
        backend.setCapabilities(Capability::List);
        backend.generateFolder(QStringLiteral("huge/"), 100000);
        ConnectionTreeModel model;
        QuickOpenModel quickOpen(&model);
        model.addConnection(QStringLiteral("t"), QStringLiteral("Big"), &backend);
        const QModelIndex connection = model.connectionIndex(QStringLiteral("t"));
        model.fetchMore(connection);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return model.rowCount(connection) == 1 &&
                       !connection.data(ConnectionTreeModel::LoadingRole).toBool();
            },
            5000));
        const QModelIndex huge = model.index(0, 0, connection);
        int inserts = 0;
        connect(&model, &QAbstractItemModel::rowsInserted, this, [&] { ++inserts; });
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });
        ticker.start(0);
        QElapsedTimer clock;
        clock.start();
        model.fetchMore(huge);
        // The first page is there before the rest is listed.
        QVERIFY(QTest::qWaitFor([&] { return model.rowCount(huge) > 1; }, 5000));
        QVERIFY(huge.data(ConnectionTreeModel::LoadingRole).toBool());
        QVERIFY(waitLoaded(huge, 60000));
        const qint64 elapsed = clock.elapsed();
        ticker.stop();
        QCOMPARE(model.rowCount(huge), 100000);
        QCOMPARE(backend.listCalls(), 1 + 100);
        // 100 pages + the loading row, never one insert per entry.
        QCOMPARE(inserts, 101);
        // The event loop ran between pages (the timer fired), so the window kept painting.
        QVERIFY2(ticks >= 50, qPrintable(QString::number(ticks)));
        QVERIFY2(elapsed < 20000, qPrintable(QString::number(elapsed)));

        QCOMPARE(quickOpen.totalCount(), 100000);
        clock.restart();
        quickOpen.setQuery(QStringLiteral("s0999"));
        QCOMPARE(quickOpen.rowCount(), 100); // s099900..s099999
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestConnectionTreeModel)
#include "test_connection_tree_model.moc"
