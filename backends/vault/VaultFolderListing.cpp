#include "VaultFolderListing.h"

#include "EventLoopTurn.h"

#include <QCoroSignal>
#include <QPointer>
#include <QTimer>

namespace strongroom {

namespace {
using Kind = BackendError::Kind;
} // namespace

// Every key after `after` (empty = the whole folder), in the server's order, once it arrives.
struct VaultFolderListing::Snapshot : QObject {
    Q_OBJECT
public:
    QString after;
    QStringList keys;
    std::optional<BackendError> error;
    bool settled = false;
    CancelToken cancel;
    int servedUpTo = 0; // index after the last key handed out, for the sequential fast path
    QElapsedTimer takenAt;
    quint64 generation = 0; // the listing (first page onwards) it belongs to

Q_SIGNALS:
    void done();
};

VaultFolderListing::VaultFolderListing(Lister lister, QObject* parent)
    : QObject(parent)
    , m_lister(std::move(lister)) {}

VaultFolderListing::~VaultFolderListing() {
    clear();
}

void VaultFolderListing::clear() {
    for (const auto& snapshots : std::as_const(m_snapshots)) {
        for (const auto& snapshot : snapshots) {
            snapshot->cancel.cancel();
        }
    }
    m_snapshots.clear();
}

std::optional<qsizetype> VaultFolderListing::startOf(const Snapshot& snapshot,
                                                     const QString& cursor) {
    if (cursor == snapshot.after) {
        return 0;
    }
    const auto fast = snapshot.servedUpTo;
    if (fast > 0 && fast <= snapshot.keys.size() && snapshot.keys.at(fast - 1) == cursor) {
        return fast;
    }
    const auto at = snapshot.keys.indexOf(cursor);
    if (at < 0) {
        return std::nullopt; // the cursor lies before this snapshot (or the key is gone)
    }
    return at + 1;
}

QString VaultFolderListing::cursorFor(quint64 generation, const QString& key) {
    return QString::number(generation) + QLatin1Char(':') + key;
}

std::pair<quint64, QString> VaultFolderListing::parseCursor(const QString& cursor) {
    const auto colon = cursor.indexOf(QLatin1Char(':'));
    bool ok = false;
    const auto generation = colon > 0 ? cursor.left(colon).toULongLong(&ok) : 0;
    if (!ok) {
        return {0, cursor}; // not ours: a plain key to list after
    }
    return {generation, cursor.mid(colon + 1)};
}

QStringList VaultFolderListing::slice(Snapshot& snapshot, qsizetype from, int limit,
                                      QString* nextCursor) {
    const auto count = limit > 0 ? std::min<qsizetype>(limit, snapshot.keys.size() - from)
                                 : snapshot.keys.size() - from;
    QStringList out = snapshot.keys.mid(from, count);
    snapshot.servedUpTo = static_cast<int>(from + count);
    *nextCursor = from + count < snapshot.keys.size() ? cursorFor(snapshot.generation, out.last())
                                                      : QString();
    return out;
}

void VaultFolderListing::keep(const QString& apiPath, std::shared_ptr<Snapshot> snapshot) {
    auto& snapshots = m_snapshots[apiPath];
    snapshot->takenAt.start();
    // A few per folder at most (the tree, a search, a second view), none older than a minute.
    snapshots.removeIf([](const std::shared_ptr<Snapshot>& old) {
        return old->settled && old->takenAt.hasExpired(maxAgeMs);
    });
    while (snapshots.size() >= maxPerFolder) {
        snapshots.removeFirst(); // waiters hold their own reference and still get it
    }
    snapshots.append(std::move(snapshot));
}

void VaultFolderListing::forget(const QString& apiPath, const std::shared_ptr<Snapshot>& snapshot) {
    auto found = m_snapshots.find(apiPath);
    if (found == m_snapshots.end()) {
        return;
    }
    found->removeAll(snapshot);
    if (found->isEmpty()) {
        m_snapshots.erase(found);
    }
}

QCoro::Task<> VaultFolderListing::fetchRest(std::shared_ptr<Snapshot> snapshot, QString apiPath,
                                            QString after) {
    auto call = VaultCall::list(apiPath);
    if (!after.isEmpty()) {
        call.query.addQueryItem(QStringLiteral("after"), after);
    }
    auto listing = m_lister(std::move(call), snapshot->cancel);
    auto listed = co_await std::move(listing);
    if (listed) {
        snapshot->keys = std::move(listed.value());
    } else if (listed.error().kind() == Kind::NotFound) {
        snapshot->keys.clear(); // the folder emptied meanwhile
    } else {
        snapshot->error = listed.error();
    }
    snapshot->settled = true;
    Q_EMIT snapshot->done();
}

QCoro::Task<Result<QStringList>> VaultFolderListing::page(QString apiPath, QString cursor,
                                                          int limit, CancelToken cancel,
                                                          QString* nextCursor) {
    QPointer<VaultFolderListing> self(this);
    nextCursor->clear();
    if (!cursor.isEmpty()) {
        // The snapshots this listing took (its generation is in the cursor) that may cover the
        // cursor: settled ones are checked at once, pending ones when they arrive. Another
        // listing's snapshots are never used: they may be older than this listing's first page.
        const auto [generation, after] = parseCursor(cursor);
        const auto candidates = m_snapshots.value(apiPath);
        for (const auto& snapshot : candidates) {
            if (snapshot->generation != generation || generation == 0) {
                continue;
            }
            while (!snapshot->settled) {
                if (cancel.isCancelled()) {
                    co_return BackendError(Kind::Cancelled);
                }
                auto settling = qCoro(snapshot.get(), &Snapshot::done);
                co_await std::move(settling);
            }
            if (!self) {
                co_return BackendError(Kind::Cancelled);
            }
            if (snapshot->error) {
                continue;
            }
            if (const auto from = startOf(*snapshot, after)) {
                // Served from memory: still give the event loop a turn between pages, so a
                // caller that appends page after page (the tree) never holds the UI thread.
                co_await EventLoopTurn{};
                if (!self) {
                    co_return BackendError(Kind::Cancelled);
                }
                auto keys = slice(*snapshot, *from, limit, nextCursor);
                if (nextCursor->isEmpty()) {
                    forget(apiPath, snapshot); // its listing is done with it
                }
                co_return keys;
            }
        }
        auto fresh = std::make_shared<Snapshot>();
        fresh->after = after;
        fresh->generation = generation != 0 ? generation : ++m_generation;
        keep(apiPath, fresh);
        fetchRest(fresh, apiPath, after);
        while (!fresh->settled) {
            if (cancel.isCancelled()) {
                co_return BackendError(Kind::Cancelled);
            }
            auto settling = qCoro(fresh.get(), &Snapshot::done);
            co_await std::move(settling);
        }
        if (!self) {
            co_return BackendError(Kind::Cancelled);
        }
        if (fresh->error) {
            forget(apiPath, fresh);
            co_return BackendError(*fresh->error); // a copy: QCoro moves from what it is given
        }
        auto keys = slice(*fresh, 0, limit, nextCursor);
        if (nextCursor->isEmpty()) {
            forget(apiPath, fresh);
        }
        co_return keys;
    }

    // First page: a fresh look at the folder, a new generation. Older snapshots stay for the
    // listings still paging through them.
    const quint64 generation = ++m_generation;
    auto call = VaultCall::list(apiPath);
    if (limit > 0) {
        call.query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    }
    std::shared_ptr<Snapshot> rest;
    QTimer grace;
    grace.setSingleShot(true);
    QObject::connect(&grace, &QTimer::timeout, this, [&, apiPath] {
        if (!self || limit <= 0) {
            return;
        }
        rest = std::make_shared<Snapshot>();
        rest->generation = generation;
        keep(apiPath, rest);
        fetchRest(rest, apiPath, QString());
    });
    grace.start(graceMs);
    auto listing = m_lister(std::move(call), cancel);
    auto listed = co_await std::move(listing);
    grace.stop();
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    const auto dropRest = [&] {
        if (rest) {
            rest->cancel.cancel();
            forget(apiPath, rest);
        }
    };
    if (!listed) {
        dropRest();
        co_return listed.error();
    }
    auto keys = std::move(listed.value());
    if (limit <= 0 || keys.size() < limit) {
        dropRest(); // the folder was small after all
        co_return keys;
    }
    if (keys.size() > limit) {
        // The server ignored the limit (Vault): keep the rest and hand it out page by page.
        dropRest();
        auto whole = std::make_shared<Snapshot>();
        whole->keys = std::move(keys);
        whole->settled = true;
        whole->generation = generation;
        keep(apiPath, whole);
        co_return slice(*whole, 0, limit, nextCursor);
    }
    // A full page: more may follow; the rest is being fetched already or is fetched on demand.
    *nextCursor = cursorFor(generation, keys.last());
    co_return keys;
}

} // namespace strongroom

#include "VaultFolderListing.moc"
