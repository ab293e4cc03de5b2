#pragma once

// What the benchmarks against a real server share: resident memory, medians, the UI-stall meter,
// and a folder listed the two ways an operator meets it (the backend alone, page after page, and
// expanded in the connections tree). Blocks on local event loops: benchmarks only.
#include "Await.h"
#include "ConnectionTreeModel.h"
#include "SecretBackend.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QStringList>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace strongroom::bench {

inline long rssKib() {
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

inline double ms(qint64 nanoseconds) {
    return double(nanoseconds) / 1e6;
}

inline double median(std::vector<double> values) {
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// Measures the longest gap between ticks of a 1 ms timer: how long the event loop (the UI
// thread in the app) was kept busy in one go. BENCH_NO_STALL=1 leaves the timer off, to see what
// the ticking itself costs.
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

struct BackendListing {
    double firstPageMs = 0;
    double fullMs = 0;
    double slowestPageMs = 0;
    int rows = 0;
    int pages = 0;
    bool ok = false;
};

// The backend alone, page after page with the default page size, without the tree model.
inline BackendListing listInBackend(SecretBackend& backend, const QString& folder) {
    BackendListing result;
    QElapsedTimer clock;
    clock.start();
    PageRequest page;
    while (true) {
        const auto before = clock.nsecsElapsed();
        auto listed = await(backend.list(folder, page, CancelToken()));
        if (!listed) {
            std::fprintf(stderr, "list failed: %s\n", qPrintable(listed.error().message()));
            return result;
        }
        result.slowestPageMs = std::max(result.slowestPageMs, ms(clock.nsecsElapsed() - before));
        result.rows += static_cast<int>(listed->entries.size());
        if (++result.pages == 1) {
            result.firstPageMs = ms(clock.nsecsElapsed());
        }
        if (listed->isLast()) {
            break;
        }
        page.cursor = listed->nextCursor;
    }
    result.fullMs = ms(clock.nsecsElapsed());
    result.ok = true;
    return result;
}

struct TreeListing {
    double firstRowsMs = 0;
    double fullMs = 0;
    double stallMs = 0;
    int rows = 0;
};

// Expands `path` of `backend` in `model` (a fresh one) the way the view does and times it; the
// parent folders are expanded first, untimed, like an operator who already has them open.
inline TreeListing listInModel(SecretBackend& backend, const QString& path,
                               ConnectionTreeModel& model) {
    const QString id = QStringLiteral("bench");
    model.addConnection(id, QStringLiteral("bench"), &backend);
    const auto expand = [&](const QString& folder) -> bool {
        const auto index =
            folder.isEmpty() ? model.connectionIndex(id) : model.indexForPath(id, folder);
        if (!index.isValid()) {
            const auto root = model.connectionIndex(id);
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
    TreeListing result;
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
    const auto index = model.indexForPath(id, path);
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
    result.rows = model.rowCount(model.indexForPath(id, path));
    return result;
}

} // namespace strongroom::bench
