// Vault/OpenBao at scale, against a real local OpenBao dev server: seeds 10k and 100k keys in
// one folder and 10k secrets spread over 100 folders, then prints what an operator feels in the
// tree (time to the first rows and to the whole folder, the longest UI-thread stall, RSS) and
// for a recursive search, each next to the same work done with the `bao` CLI as the reference.
// Prints figures; asserts nothing. Usage: bench_vault [--skip-100k]
#include "BenchSupport.h"
#include "OpenBaoServer.h"
#include "SecretSearch.h"
#include "VaultBackend.h"

#include <QCoreApplication>
#include <QCoroTask>
#include <QElapsedTimer>
#include <QProcess>
#include <QSortFilterProxyModel>

#include <algorithm>
#include <cstdio>

using namespace strongroom;
using namespace strongroom::bench;

namespace {

QProcessEnvironment baoEnvironment(const OpenBaoServer& server) {
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("VAULT_ADDR"), server.address().toString());
    env.insert(QStringLiteral("VAULT_TOKEN"), QString::fromLatin1(server.rootToken()));
    env.insert(QStringLiteral("BAO_ADDR"), server.address().toString());
    env.insert(QStringLiteral("BAO_TOKEN"), QString::fromLatin1(server.rootToken()));
    return env;
}

// `bao kv list <path>`; the listed lines, or empty on failure.
QStringList baoList(const OpenBaoServer& server, const QString& path) {
    QProcess bao;
    bao.setProcessEnvironment(baoEnvironment(server));
    bao.start(OpenBaoServer::binary(),
              {QStringLiteral("kv"), QStringLiteral("list"), QStringLiteral("-format=json"), path});
    bao.waitForFinished(600'000);
    if (bao.exitCode() != 0) {
        return {};
    }
    QStringList keys;
    for (auto line : QString::fromUtf8(bao.readAllStandardOutput()).split(u'\n')) {
        line = line.trimmed();
        if (line.startsWith(u'"')) {
            keys << line.section(u'"', 1, 1);
        }
    }
    return keys;
}

// The scripted way today: `bao kv list` folder after folder, one at a time.
QStringList baoCrawl(const OpenBaoServer& server, const QString& root, const QString& needle) {
    QStringList hits;
    QStringList queue{root};
    while (!queue.isEmpty()) {
        const auto folder = queue.takeFirst();
        for (const auto& key : baoList(server, folder)) {
            if (key.endsWith(u'/')) {
                queue << folder + key;
            } else if ((folder + key).contains(needle, Qt::CaseInsensitive)) {
                hits << folder + key;
            }
        }
    }
    return hits;
}

// The backend alone, page after page, without the tree model: where the time goes.
void printBackendListing(VaultBackend& backend, const QString& folder) {
    const auto listed = listInBackend(backend, folder);
    if (listed.ok) {
        std::printf("%s backend only: first page %.0f ms, all %d rows in %d pages %.0f ms, "
                    "slowest page %.0f ms\n",
                    qPrintable(folder), listed.firstPageMs, listed.rows, listed.pages,
                    listed.fullMs, listed.slowestPageMs);
    }
}

// The tree's filter box (same proxy settings as ConnectionsPane) typed into one key at a time.
void filterAsTyped(ConnectionTreeModel& model, const QString& text) {
    QSortFilterProxyModel proxy;
    proxy.setRecursiveFilteringEnabled(true);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy.setSourceModel(&model);
    double slowest = 0;
    double total = 0;
    for (qsizetype typed = 1; typed <= text.size(); ++typed) {
        QElapsedTimer clock;
        clock.start();
        proxy.setFilterFixedString(text.left(typed));
        const double took = ms(clock.nsecsElapsed());
        slowest = std::max(slowest, took);
        total += took;
    }
    QModelIndex folder = proxy.index(0, 0);
    while (folder.isValid() && proxy.rowCount(folder) > 0 &&
           proxy.index(0, 0, folder).data(ConnectionTreeModel::KindRole).toInt() !=
               static_cast<int>(ConnectionTreeModel::NodeKind::Secret)) {
        folder = proxy.index(0, 0, folder);
    }
    std::printf("tree filter over 100k loaded keys, typing '%s': slowest keystroke %.1f ms, all "
                "%lld keystrokes %.1f ms, %d row(s) left\n",
                qPrintable(text), slowest, static_cast<long long>(text.size()), total,
                proxy.rowCount(folder));
}

void compareFolder(VaultBackend& backend, const OpenBaoServer& server, const QString& folder,
                   int expected) {
    std::vector<double> ours;
    std::vector<double> firstRows;
    std::vector<double> stalls;
    int rows = 0;
    for (int run = 0; run < 3; ++run) {
        ConnectionTreeModel model;
        const auto listing = listInModel(backend, folder, model);
        ours.push_back(listing.fullMs);
        firstRows.push_back(listing.firstRowsMs);
        stalls.push_back(listing.stallMs);
        rows = listing.rows;
    }
    std::vector<double> reference;
    int baoRows = 0;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer clock;
        clock.start();
        baoRows = static_cast<int>(baoList(server, folder).size());
        reference.push_back(ms(clock.nsecsElapsed()));
    }
    std::printf("%s (%d keys): Strongroom model: first rows %.0f ms, full %.0f ms (%d rows), "
                "longest UI stall %.1f ms | bao kv list: %.0f ms (%d keys) | ratio %.2fx "
                "(median of 3)\n",
                qPrintable(folder), expected, median(firstRows), median(ours), rows,
                *std::max_element(stalls.begin(), stalls.end()), median(reference), baoRows,
                median(ours) / median(reference));
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const bool skipBig = app.arguments().contains(QStringLiteral("--skip-100k"));
    OpenBaoServer server;
    if (!server.start()) {
        std::fprintf(stderr, "cannot start OpenBao: %s\n", qPrintable(server.lastError()));
        return 1;
    }
    QElapsedTimer seeding;
    seeding.start();
    bool seeded = server.bulkSeed(QStringLiteral("secret"), QStringLiteral("big10k"), 10'000, 64);
    if (!skipBig) {
        seeded = seeded &&
                 server.bulkSeed(QStringLiteral("secret"), QStringLiteral("big100k"), 100'000, 64);
    }
    for (int f = 0; f < 100 && seeded; ++f) {
        seeded = server.bulkSeed(QStringLiteral("secret"),
                                 QStringLiteral("tree/team-%1").arg(f, 3, 10, QLatin1Char('0')),
                                 100, 64);
    }
    seeded =
        seeded && server.putKv2(QStringLiteral("secret"), QStringLiteral("tree/team-042/needle-db"),
                                {{QStringLiteral("v"), QStringLiteral("x")}}) > 0;
    if (!seeded) {
        std::fprintf(stderr, "seeding failed: %s\n", qPrintable(server.lastError()));
        return 1;
    }
    std::printf("OpenBao dev server (in memory), seeded in %.1f s\n",
                ms(seeding.nsecsElapsed()) / 1000);

    VaultEndpoint endpoint;
    endpoint.address = server.address();
    VaultBackend backend(endpoint);
    backend.session()->setToken(
        SecretBytes(std::string_view(server.rootToken().constData(), server.rootToken().size())));
    const auto connected = await(backend.connectToServer());
    if (!connected) {
        std::fprintf(stderr, "connect failed: %s\n", qPrintable(connected.error().message()));
        return 1;
    }

    printBackendListing(backend, QStringLiteral("secret/big10k/"));
    compareFolder(backend, server, QStringLiteral("secret/big10k/"), 10'000);
    if (!skipBig) {
        printBackendListing(backend, QStringLiteral("secret/big100k/"));
        compareFolder(backend, server, QStringLiteral("secret/big100k/"), 100'000);
        // One 100k listing kept loaded: memory, and the tree's filter box typed into.
        ConnectionTreeModel kept;
        listInModel(backend, QStringLiteral("secret/big100k/"), kept);
        std::printf("RSS with 100k keys loaded in the tree model: %.1f MiB\n", rssKib() / 1024.0);
        filterAsTyped(kept, QStringLiteral("key-04217"));
    }

    std::vector<double> ours;
    int hits = 0;
    for (int run = 0; run < 3; ++run) {
        SecretSearch search;
        int found = 0;
        bool finished = false;
        QObject::connect(&search, &SecretSearch::found, [&](const QString&) { ++found; });
        QObject::connect(&search, &SecretSearch::finished, [&](const Status&) { finished = true; });
        QElapsedTimer clock;
        clock.start();
        search.start(&backend, QStringLiteral("needle"), {QStringLiteral("secret/tree/")});
        if (!finished) {
            waitUntil(search, &SecretSearch::finished, [&] { return finished; });
        }
        ours.push_back(ms(clock.nsecsElapsed()));
        hits = found;
    }
    QElapsedTimer crawl;
    crawl.start();
    const auto baoHits = baoCrawl(server, QStringLiteral("secret/tree/"), QStringLiteral("needle"));
    const double reference = ms(crawl.nsecsElapsed());
    std::printf("recursive search over 100 folders / 10k secrets: Strongroom %.0f ms (%d hit, 8 "
                "listings in flight) | sequential `bao kv list` crawl %.0f ms (%lld hit) | "
                "speed-up %.1fx\n",
                median(ours), hits, reference, static_cast<long long>(baoHits.size()),
                reference / median(ours));
    return 0;
}
