#include "LocalTestKit.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <vector>

using namespace strongroom;
using namespace localtest;

namespace {

QStringList describe(const QList<Entry>& entries) {
    QStringList out;
    for (const auto& entry : entries) {
        out << (entry.isFolder() ? QStringLiteral("F:") : QStringLiteral("S:")) + entry.name +
                   QLatin1Char('=') + entry.path;
    }
    return out;
}

} // namespace

class TestLocalStoreListing : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void foldersAndSecretsSortTogether() {
        auto store = createStore(m_dir.filePath(QStringLiteral("tree.db")));
        QVERIFY(store);
        for (const char* path : {"zeta/x", "b/c", "b/d/e", "a", "b0", "b/d/f", "ab"}) {
            QVERIFY2(put(*store, QString::fromLatin1(path), kv({{"k", "v"}}), {}), path);
        }
        auto root = await(store->list({}, {}, {}));
        QVERIFY(root);
        QCOMPARE(describe(root->entries),
                 (QStringList{QStringLiteral("S:a=a"), QStringLiteral("S:ab=ab"),
                              QStringLiteral("F:b=b/"), QStringLiteral("S:b0=b0"),
                              QStringLiteral("F:zeta=zeta/")}));
        QVERIFY(root->isLast());
        auto inB = await(store->list(QStringLiteral("b/"), {}, {}));
        QCOMPARE(describe(inB->entries),
                 (QStringList{QStringLiteral("S:c=b/c"), QStringLiteral("F:d=b/d/")}));
        auto inD = await(store->list(QStringLiteral("b/d/"), {}, {}));
        QCOMPARE(describe(inD->entries),
                 (QStringList{QStringLiteral("S:e=b/d/e"), QStringLiteral("S:f=b/d/f")}));
        auto none = await(store->list(QStringLiteral("nowhere/"), {}, {}));
        QVERIFY(none);
        QVERIFY(none->entries.isEmpty());

        // A secret whose every version is deleted is still listed, like Vault.
        QVERIFY(await(store->deleteVersions({QStringLiteral("b/c")}, {QStringLiteral("1")})));
        QCOMPARE(await(store->list(QStringLiteral("b/"), {}, {}))->entries.size(), 2);
        // Removing the secrets removes the folders that held only them.
        QVERIFY(await(store->deleteSecret({QStringLiteral("b/d/e")}, {})));
        QVERIFY(await(store->deleteSecret({QStringLiteral("b/d/f")}, {})));
        QCOMPARE(describe(await(store->list(QStringLiteral("b/"), {}, {}))->entries),
                 (QStringList{QStringLiteral("S:c=b/c")}));
        QVERIFY(await(store->deleteSecret({QStringLiteral("b/c")}, {})));
        QCOMPARE(describe(await(store->list({}, {}, {}))->entries),
                 (QStringList{QStringLiteral("S:a=a"), QStringLiteral("S:ab=ab"),
                              QStringLiteral("S:b0=b0"), QStringLiteral("F:zeta=zeta/")}));
    }
    void pagesThroughTwentyThousandSecrets() {
        auto store = createStore(m_dir.filePath(QStringLiteral("big.db")));
        QVERIFY(store);
        const int count = 20000;
        // Written by many concurrent coroutines so the single worker thread stays busy.
        std::vector<QCoro::Task<Result<WriteResult>>> pending;
        for (int i = 0; i < count; ++i) {
            pending.push_back(
                store->write({{QStringLiteral("big/s%1").arg(i, 5, 10, QLatin1Char('0'))},
                              kv({{"k", "v"}}),
                              {},
                              {}}));
            if (pending.size() == 500 || i == count - 1) {
                for (auto& task : pending) {
                    QVERIFY(await(std::move(task)));
                }
                pending.clear();
            }
        }
        QVERIFY(put(*store, QStringLiteral("big/zz/sub"), kv({{"k", "v"}}), {}));

        QStringList names;
        QString cursor;
        int pages = 0;
        qint64 slowestPageMs = 0;
        do {
            QElapsedTimer timer;
            timer.start();
            auto page = await(store->list(QStringLiteral("big/"), {cursor, 1000}, {}));
            slowestPageMs = std::max(slowestPageMs, timer.elapsed());
            QVERIFY(page);
            QVERIFY(page->entries.size() <= 1000);
            for (const auto& entry : page->entries) {
                names << entry.name;
            }
            cursor = page->nextCursor;
            ++pages;
        } while (!cursor.isEmpty());
        QCOMPARE(names.size(), count + 1);
        QCOMPARE(pages, 21);
        QCOMPARE(names.first(), QStringLiteral("s00000"));
        QCOMPARE(names.at(12345), QStringLiteral("s12345"));
        QCOMPARE(names.last(), QStringLiteral("zz"));
        QStringList sorted = names;
        sorted.removeDuplicates();
        QCOMPARE(sorted.size(), names.size());
        // Keyset pagination: a page deep in the folder costs what the first one does.
        QVERIFY2(slowestPageMs < 500, qPrintable(QString::number(slowestPageMs)));

        auto small = await(store->list(QStringLiteral("big/"), {{}, 3}, {}));
        QCOMPARE(small->entries.size(), 3);
        QVERIFY(!small->isLast());
        auto next = await(store->list(QStringLiteral("big/"), {small->nextCursor, 3}, {}));
        QCOMPARE(next->entries.first().name, QStringLiteral("s00003"));
    }
    void rejectsBadFoldersCursorsAndCancelled() {
        auto store = createStore(m_dir.filePath(QStringLiteral("bad.db")));
        QVERIFY(store);
        QCOMPARE(await(store->list(QStringLiteral("no-slash"), {}, {})).error().kind(),
                 BackendError::Kind::InvalidInput);
        QCOMPARE(await(store->list({}, {QStringLiteral("***"), 10}, {})).error().kind(),
                 BackendError::Kind::InvalidInput);
        CancelToken cancel;
        cancel.cancel();
        QCOMPARE(await(store->list({}, {}, cancel)).error().kind(), BackendError::Kind::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestLocalStoreListing)
#include "test_local_store_listing.moc"
