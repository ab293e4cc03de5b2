// Vault/OpenBao at scale, against a real local OpenBao dev server: seeds 10k and 100k keys in
// one folder and 10k secrets spread over 100 folders, then prints what an operator feels in the
// tree (time to the first rows and to the whole folder, the longest UI-thread stall, RSS) and
// for a recursive search, each next to the same work done with the `bao` CLI as the reference.
// Prints figures; asserts nothing. Usage: bench_vault [--skip-100k]
#include "Await.h"
#include "ConnectionTreeModel.h"
#include "OpenBaoServer.h"
#include "SecretSearch.h"
#include "VaultBackend.h"

#include <QCoreApplication>
#include <QCoroTask>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QSortFilterProxyModel>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace strongroom;

namespace {

long rssKib() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const auto& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').first().toLong();
        }
    }
    return -1;
}

double ms(qint64 nanoseconds) {
    return double(nanoseconds) / 1e6;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// Measures the longest gap between ticks of a 1 ms timer: how long the event loop (the UI
// thread in the app) was kept busy in one go.
class StallMeter : public QObject {
public:
    StallMeter() {
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const auto now = m_clock.nsecsElapsed();
            m_longest = std::max(m_longest, now - m_last);
            m_last = now;
        });
    }
    void start() {
        if (qEnvironmentVariableIsSet("BENCH_NO_STALL")) {
            return;
        }
        m_longest = 0;
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    double stop() {
        m_timer.stop();
        return ms(m_longest);
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
};

// Runs the event loop until `done()` holds, checked whenever `signal` fires. Not QTest::qWaitFor:
// that sleeps 10 ms between rounds of events, which would add 10 ms to every page.
template <typename Sender, typename Signal, typename Done>
void waitUntil(Sender& sender, Signal signal, Done done) {
    QEventLoop loop;
    QObject::connect(&sender, signal, &loop, [&] {
        if (done()) {
            loop.quit();
        }
    });
    QTimer::singleShot(600'000, &loop, &QEventLoop::quit);
    loop.exec();
}

struct Listing {
    double firstRowsMs = 0;
    double fullMs = 0;
    double stallMs = 0;
    int rows = 0;
};

// Expands `path` in a fresh tree model the way the view does and times it.
Listing listInModel(VaultBackend& backend, const QString& path, ConnectionTreeModel& model) {
    model.addConnection(QStringLiteral("bao"), QStringLiteral("OpenBao"), &backend);
    const auto expand = [&](const QString& folder) -> bool {
        const auto index = folder.isEmpty() ? model.connectionIndex(QStringLiteral("bao"))
                                            : model.indexForPath(QStringLiteral("bao"), folder);
        if (!index.isValid()) {
            const auto root = model.connectionIndex(QStringLiteral("bao"));
            std::fprintf(
                stderr, "no row for %s (%d rows at the root, first: %s)\n", qPrintable(folder),
                model.rowCount(root),
                qPrintable(model.index(0, 0, root).data(ConnectionTreeModel::PathRole).toString()));
            return false;
        }
        bool loaded = false;
        const auto done =
            QObject::connect(&model, &ConnectionTreeModel::folderLoaded,
                             [&](const QString&, const QString& which, const QString& error) {
                                 if (which == folder || which.isEmpty()) {
                                     if (!error.isEmpty()) {
                                         std::fprintf(stderr, "%s\n", qPrintable(error));
                                     }
                                     loaded = true;
                                 }
                             });
        model.fetchMore(index);
        if (!loaded) {
            waitUntil(model, &ConnectionTreeModel::folderLoaded, [&] { return loaded; });
        }
        QObject::disconnect(done);
        return loaded;
    };
    Listing result;
    // Mount and parent folders first, untimed, like an operator who already has them open.
    QString parent;
    for (const auto& part : QStringList{QString()} + path.split(u'/', Qt::SkipEmptyParts)) {
        parent += part.isEmpty() ? QString() : part + u'/';
        if (parent == path) {
            break;
        }
        if (!expand(parent)) {
            return result;
        }
    }
    const auto index = model.indexForPath(QStringLiteral("bao"), path);
    QElapsedTimer clock;
    StallMeter stall;
    const auto firstRows = QObject::connect(
        &model, &QAbstractItemModel::rowsInserted, [&](const QModelIndex& where, int first, int) {
            const auto kind = model.index(first, 0, where).data(ConnectionTreeModel::KindRole);
            const bool statusRow =
                kind.toInt() == static_cast<int>(ConnectionTreeModel::NodeKind::StatusRow);
            if (where == index && !statusRow && result.firstRowsMs == 0) {
                result.firstRowsMs = ms(clock.nsecsElapsed());
            }
        });
    clock.start();
    stall.start();
    expand(path);
    result.fullMs = ms(clock.nsecsElapsed());
    result.stallMs = stall.stop();
    QObject::disconnect(firstRows);
    result.rows = model.rowCount(model.indexForPath(QStringLiteral("bao"), path));
    return result;
}

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
void listInBackend(VaultBackend& backend, const QString& folder) {
    QElapsedTimer clock;
    clock.start();
    PageRequest page;
    int rows = 0;
    int pages = 0;
    double first = 0;
    double slowest = 0;
    while (true) {
        const auto before = clock.nsecsElapsed();
        auto listed = await(backend.list(folder, page, CancelToken()));
        if (!listed) {
            std::fprintf(stderr, "list failed: %s\n", qPrintable(listed.error().message()));
            return;
        }
        slowest = std::max(slowest, ms(clock.nsecsElapsed() - before));
        rows += static_cast<int>(listed->entries.size());
        if (++pages == 1) {
            first = ms(clock.nsecsElapsed());
        }
        if (listed->isLast()) {
            break;
        }
        page.cursor = listed->nextCursor;
    }
    std::printf("%s backend only: first page %.0f ms, all %d rows in %d pages %.0f ms, slowest "
                "page %.0f ms\n",
                qPrintable(folder), first, rows, pages, ms(clock.nsecsElapsed()), slowest);
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

    listInBackend(backend, QStringLiteral("secret/big10k/"));
    compareFolder(backend, server, QStringLiteral("secret/big10k/"), 10'000);
    if (!skipBig) {
        listInBackend(backend, QStringLiteral("secret/big100k/"));
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
