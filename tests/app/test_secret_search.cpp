// The recursive search: finds by every word, never has more listings in flight than allowed,
// reuses folders already listed, skips folders it may not list, pages through big folders, and
// stops when cancelled. The store is a folder tree whose listings answer after a short delay, so
// listings really overlap.
#include "SecretBackend.h"
#include "SecretSearch.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <QCoroTimer>

using namespace strongroom;
using Kind = BackendError::Kind;

namespace {

class FolderTree : public SecretBackend {
public:
    QMap<QString, QList<Entry>> folders;
    QSet<QString> forbidden;
    int inFlight = 0;
    int mostInFlight = 0;
    int listings = 0;

    void lock() override {}

    void add(const QString& path) {
        QString folder;
        const auto parts = path.split(u'/');
        for (int i = 0; i < parts.size(); ++i) {
            const bool last = i == parts.size() - 1;
            const auto child = folder + parts[i] + (last ? QString() : QStringLiteral("/"));
            const Entry entry{last ? Entry::Kind::Secret : Entry::Kind::Folder, parts[i], child};
            if (!folders[folder].contains(entry)) {
                folders[folder].append(entry);
            }
            folder = last ? folder : child;
        }
    }

    QString providerId() const override { return QStringLiteral("tree"); }
    ConnectionState state() const override { return ConnectionState::Connected; }
    Capabilities storeCapabilities() const override { return Capabilities(Capability::List); }
    QCoro::Task<Result<Capabilities>> capabilitiesFor(SecretRef) override {
        co_return storeCapabilities();
    }
    QCoro::Task<Result<ListPage>> list(QString folder, PageRequest page,
                                       CancelToken cancel) override {
        ++listings;
        ++inFlight;
        mostInFlight = std::max(mostInFlight, inFlight);
        QTimer timer;
        timer.setSingleShot(true);
        timer.start(5);
        co_await timer;
        --inFlight;
        if (cancel.isCancelled()) {
            co_return BackendError(Kind::Cancelled);
        }
        if (forbidden.contains(folder)) {
            co_return BackendError(Kind::PermissionDenied, QStringLiteral("no list"));
        }
        const auto all = folders.value(folder);
        const int from = page.cursor.isEmpty() ? 0 : page.cursor.toInt();
        ListPage out;
        out.entries = all.mid(from, page.limit);
        if (from + page.limit < all.size()) {
            out.nextCursor = QString::number(from + page.limit);
        }
        co_return out;
    }
    QCoro::Task<Result<SecretValue>> read(SecretRef, QString) override {
        co_return BackendError(Kind::Unsupported);
    }
    QCoro::Task<Result<QList<VersionInfo>>> versions(SecretRef) override {
        co_return BackendError(Kind::Unsupported);
    }
    QCoro::Task<Result<SecretMetadata>> metadata(SecretRef) override {
        co_return BackendError(Kind::Unsupported);
    }
    QCoro::Task<Result<WriteResult>> write(WriteRequest) override {
        co_return BackendError(Kind::Unsupported);
    }
};

// 100 folders of 20 secrets, one "needle" deep inside.
void seed(FolderTree& tree) {
    for (int f = 0; f < 100; ++f) {
        for (int s = 0; s < 20; ++s) {
            tree.add(QStringLiteral("team-%1/app/secret-%2").arg(f).arg(s));
        }
    }
    tree.add(QStringLiteral("team-42/app/db/Needle-Password"));
}

QStringList run(SecretSearch& search, FolderTree& tree, const QString& query,
                Status* status = nullptr) {
    QStringList hits;
    std::optional<Status> outcome;
    const auto onFound =
        QObject::connect(&search, &SecretSearch::found, [&](const QString& path) { hits << path; });
    const auto onFinished = QObject::connect(&search, &SecretSearch::finished,
                                             [&](const Status& done) { outcome = done; });
    search.start(&tree, query);
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20000)) {
        qFatal("search did not finish");
    }
    QObject::disconnect(onFound);
    QObject::disconnect(onFinished);
    if (status) {
        *status = *outcome;
    }
    return hits;
}

} // namespace

class SecretSearchTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void findsByEveryWordInAnyCaseAcrossTheTree() {
        FolderTree tree;
        seed(tree);
        SecretSearch search;
        const auto hits = run(search, tree, QStringLiteral("needle db"));
        QCOMPARE(hits, QStringList{QStringLiteral("team-42/app/db/Needle-Password")});
        QCOMPARE(search.foldersListed(), 1 + 100 * 2 + 1); // root, team-*, app/, db/
        QVERIFY(run(search, tree, QStringLiteral("needle nowhere")).isEmpty());
    }

    void keepsListingsInFlightWithinTheBound() {
        FolderTree tree;
        seed(tree);
        SecretSearch search;
        search.setConcurrency(4);
        run(search, tree, QStringLiteral("needle"));
        QVERIFY2(tree.mostInFlight <= 4, qPrintable(QString::number(tree.mostInFlight)));
        QVERIFY2(tree.mostInFlight >= 3, "listings did not overlap at all");
    }

    void reusesFoldersAlreadyListed() {
        FolderTree tree;
        seed(tree);
        SecretSearch search;
        search.setKnownListing([&tree](const QString& folder) -> std::optional<QList<Entry>> {
            if (folder.startsWith(QLatin1String("team-4"))) {
                return tree.folders.value(folder);
            }
            return std::nullopt;
        });
        const auto hits = run(search, tree, QStringLiteral("needle"));
        QCOMPARE(hits.size(), 1);
        // team-4, team-40..49: their own folder, app/ (and db/ for 42) were not listed again.
        QCOMPARE(search.foldersReused(), 11 * 2 + 1);
        QCOMPARE(tree.listings, 1 + 89 * 2);
    }

    void skipsFoldersItMayNotListAndSaysSo() {
        FolderTree tree;
        seed(tree);
        tree.forbidden.insert(QStringLiteral("team-42/"));
        SecretSearch search;
        Status status = Done{};
        const auto hits = run(search, tree, QStringLiteral("needle"), &status);
        QVERIFY(hits.isEmpty());
        QVERIFY(status.ok());
        QCOMPARE(search.foldersSkipped(), 1);
    }

    void nothingListableIsAnError() {
        FolderTree tree;
        seed(tree);
        tree.forbidden.insert(QString());
        SecretSearch search;
        Status status = Done{};
        run(search, tree, QStringLiteral("x"), &status);
        QVERIFY(!status.ok());
        QCOMPARE(status.error().kind(), Kind::PermissionDenied);
    }

    void pagesThroughBigFolders() {
        FolderTree tree;
        for (int i = 0; i < 2500; ++i) {
            tree.add(QStringLiteral("big/key-%1").arg(i, 5, 10, QLatin1Char('0')));
        }
        SecretSearch search;
        const auto hits = run(search, tree, QStringLiteral("KEY-0240"));
        QCOMPARE(hits.size(), 10);      // key-02400 .. key-02409, in the third page
        QCOMPARE(tree.listings, 1 + 3); // root, then big/ in three pages of 1000
    }

    void cancelStopsTheCrawlAndSaysCancelled() {
        FolderTree tree;
        seed(tree);
        SecretSearch search;
        search.setConcurrency(2);
        QList<Status> finished;
        QObject::connect(&search, &SecretSearch::finished,
                         [&](const Status& done) { finished.append(done); });
        QSignalSpy progress(&search, &SecretSearch::progress);
        search.start(&tree, QStringLiteral("needle"));
        QVERIFY(progress.wait(5000));
        search.cancel();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().error().kind(), Kind::Cancelled);
        const int listedAtCancel = tree.listings;
        QTest::qWait(100);
        QVERIFY(tree.listings <= listedAtCancel + 2); // at most what was in flight
        QVERIFY(!search.isRunning());
        QCOMPARE(finished.count(), 1);
    }
};

QTEST_GUILESS_MAIN(SecretSearchTest)
#include "test_secret_search.moc"
