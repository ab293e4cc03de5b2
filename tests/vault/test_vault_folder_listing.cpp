// The paging strategy for big Vault folders, with the LIST requests answered by a function that
// behaves like OpenBao (honours after/limit, slow on big folders) or like Vault (ignores both).
// What matters: how many LIST requests reach the server, and that every key comes back exactly
// once, in order.
#include "Await.h"
#include "VaultFolderListing.h"

#include <QTest>
#include <QTimer>

#include <QCoroTimer>

using namespace strongroom;
using Kind = BackendError::Kind;

namespace {

struct FakeServer {
    QStringList keys;
    bool honoursPaging = true;
    int delayMs = 0;
    std::optional<BackendError> failWith;
    QList<QUrlQuery> requests;

    QCoro::Task<Result<QStringList>> list(VaultCall call, CancelToken) {
        requests << call.query;
        if (delayMs > 0) {
            QTimer timer;
            timer.setSingleShot(true);
            timer.start(delayMs);
            co_await timer;
        }
        if (failWith) {
            co_return *failWith;
        }
        QStringList out = keys;
        if (honoursPaging) {
            const auto after = call.query.queryItemValue(QStringLiteral("after"));
            if (!after.isEmpty()) {
                out = out.mid(out.indexOf(after) + 1);
            }
            if (call.query.hasQueryItem(QStringLiteral("limit"))) {
                out = out.mid(0, call.query.queryItemValue(QStringLiteral("limit")).toInt());
            }
        }
        co_return out;
    }
};

QStringList numbered(int count) {
    QStringList out;
    for (int i = 0; i < count; ++i) {
        out << QStringLiteral("key-%1").arg(i, 6, 10, QLatin1Char('0'));
    }
    return out;
}

QStringList listAll(VaultFolderListing& listing, int limit, int* pages = nullptr) {
    QStringList all;
    QString cursor;
    int count = 0;
    do {
        QString next;
        auto page = await(listing.page(QStringLiteral("secret/metadata/big/"), cursor, limit,
                                       CancelToken(), &next));
        if (!page) {
            qFatal("listing failed: %s", qPrintable(page.error().message()));
        }
        all += page.value();
        cursor = next;
        ++count;
    } while (!cursor.isEmpty());
    if (pages) {
        *pages = count;
    }
    return all;
}

VaultFolderListing::Lister listerFor(FakeServer& server) {
    return [&server](VaultCall call, CancelToken cancel) {
        return server.list(std::move(call), std::move(cancel));
    };
}

} // namespace

class VaultFolderListingTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aSmallFolderIsOneRequest() {
        FakeServer server;
        server.keys = numbered(10);
        VaultFolderListing listing(listerFor(server));
        QCOMPARE(listAll(listing, 1000), server.keys);
        QCOMPARE(server.requests.size(), 1);
        QCOMPARE(server.requests[0].queryItemValue(QStringLiteral("limit")),
                 QStringLiteral("1000"));
    }

    void aSlowBigFolderIsFetchedOnceMoreAlongsideAndServedFromThat() {
        FakeServer server;
        server.keys = numbered(25'000);
        server.delayMs = VaultFolderListing::graceMs * 2;
        VaultFolderListing listing(listerFor(server));
        int pages = 0;
        QCOMPARE(listAll(listing, 1000, &pages), server.keys);
        QCOMPARE(pages, 25);
        // The first page, and the whole folder started during the grace period; nothing else.
        QCOMPARE(server.requests.size(), 2);
        QVERIFY(!server.requests[1].hasQueryItem(QStringLiteral("limit")));
    }

    void aQuickFullFirstPageIsFollowedByOneRequestForTheRest() {
        FakeServer server;
        server.keys = numbered(3'500);
        VaultFolderListing listing(listerFor(server));
        int pages = 0;
        QCOMPARE(listAll(listing, 1000, &pages), server.keys);
        QCOMPARE(pages, 4);
        QCOMPARE(server.requests.size(), 2);
        QCOMPARE(server.requests[1].queryItemValue(QStringLiteral("after")),
                 QStringLiteral("key-000999")); // the key the first page ended on
    }

    void aServerThatIgnoresPagingIsPagedHere() {
        FakeServer server;
        server.keys = numbered(4'200);
        server.honoursPaging = false; // Vault
        VaultFolderListing listing(listerFor(server));
        int pages = 0;
        QCOMPARE(listAll(listing, 1000, &pages), server.keys);
        QCOMPARE(pages, 5);
        QCOMPARE(server.requests.size(), 1);
    }

    void aFreshFirstPageSeesNewKeys() {
        FakeServer server;
        server.keys = numbered(2'000);
        VaultFolderListing listing(listerFor(server));
        QCOMPARE(listAll(listing, 1000).size(), 2'000);
        server.keys << QStringLiteral("key-999999");
        QCOMPARE(listAll(listing, 1000).size(), 2'001);
    }

    void twoInterleavedListingsEachSeeEveryKeyOnce() {
        // The tree pages a folder while a search starts it from the top; each asks for its next
        // page in turn. Neither may lose a key, repeat one or take the other's snapshot.
        FakeServer server;
        server.keys = numbered(10'000);
        VaultFolderListing listing(listerFor(server));
        const auto folder = QStringLiteral("secret/metadata/big/");
        QStringList a;
        QStringList b;
        QString cursorA;
        QString cursorB;
        bool doneA = false;
        bool doneB = false;
        bool startedB = false;
        for (int step = 0; step < 100 && !(doneA && doneB); ++step) {
            if (!doneA) {
                QString next;
                auto page = await(listing.page(folder, cursorA, 1000, CancelToken(), &next));
                QVERIFY(page.ok());
                a += page.value();
                cursorA = next;
                doneA = next.isEmpty();
            }
            if (step >= 1 && !doneB) {
                QString next;
                auto page = await(listing.page(folder, startedB ? cursorB : QString(), 1000,
                                               CancelToken(), &next));
                startedB = true;
                QVERIFY(page.ok());
                b += page.value();
                cursorB = next;
                doneB = next.isEmpty();
            }
        }
        QCOMPARE(a, server.keys);
        QCOMPARE(b, server.keys);
    }

    void aCursorOfAnotherToolIsAKeyToListAfter() {
        FakeServer server;
        server.keys = numbered(3'000);
        VaultFolderListing listing(listerFor(server));
        QString next;
        auto page = await(listing.page(QStringLiteral("secret/metadata/big/"),
                                       QStringLiteral("key-002499"), 1000, CancelToken(), &next));
        QVERIFY(page.ok());
        QCOMPARE(page->size(), 500);
        QCOMPARE(page->first(), QStringLiteral("key-002500"));
        QVERIFY(next.isEmpty());
    }

    void errorsReachTheCaller() {
        FakeServer server;
        server.keys = numbered(5);
        server.failWith = BackendError(Kind::PermissionDenied, QStringLiteral("no list"));
        VaultFolderListing listing(listerFor(server));
        QString next;
        auto page = await(listing.page(QStringLiteral("secret/metadata/x/"), QString(), 1000,
                                       CancelToken(), &next));
        QVERIFY(!page.ok());
        QCOMPARE(page.error().kind(), Kind::PermissionDenied);
    }
};

QTEST_GUILESS_MAIN(VaultFolderListingTest)
#include "test_vault_folder_listing.moc"
