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
    for (const auto& snapshot : std::as_const(m_snapshots)) {
        snapshot->cancel.cancel();
    }
    m_snapshots.clear();
}

QStringList VaultFolderListing::slice(const Snapshot& snapshot, const QString& cursor, int limit,
                                      QString* nextCursor) {
    qsizetype from = 0;
    if (!cursor.isEmpty() && cursor != snapshot.after) {
        const auto fast = snapshot.servedUpTo;
        if (fast > 0 && fast <= snapshot.keys.size() && snapshot.keys.at(fast - 1) == cursor) {
            from = fast;
        } else {
            from = snapshot.keys.indexOf(cursor);
            from = from < 0 ? snapshot.keys.size() : from + 1;
        }
    }
    const auto count = limit > 0 ? std::min<qsizetype>(limit, snapshot.keys.size() - from)
                                 : snapshot.keys.size() - from;
    QStringList out = snapshot.keys.mid(from, count);
    const_cast<Snapshot&>(snapshot).servedUpTo = static_cast<int>(from + count);
    *nextCursor = from + count < snapshot.keys.size() ? out.last() : QString();
    return out;
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
        auto snapshot = m_snapshots.value(apiPath);
        if (!snapshot) {
            // No snapshot (expired or another client's cursor): everything after the cursor.
            snapshot = std::make_shared<Snapshot>();
            snapshot->after = cursor;
            m_snapshots.insert(apiPath, snapshot);
            fetchRest(snapshot, apiPath, cursor);
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
            m_snapshots.remove(apiPath);
            co_return *snapshot->error;
        }
        // Served from memory: still give the event loop a turn between pages, so a caller that
        // appends page after page (the tree) never holds the UI thread for the whole folder.
        co_await EventLoopTurn{};
        if (!self) {
            co_return BackendError(Kind::Cancelled);
        }
        auto keys = slice(*snapshot, cursor, limit, nextCursor);
        if (nextCursor->isEmpty() && m_snapshots.value(apiPath) == snapshot) {
            m_snapshots.remove(apiPath); // fully served: the next visit lists afresh
        }
        co_return keys;
    }

    // First page: a fresh look at the folder.
    if (auto stale = m_snapshots.take(apiPath)) {
        stale->cancel.cancel();
    }
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
        m_snapshots.insert(apiPath, rest);
        fetchRest(rest, apiPath, QString());
    });
    grace.start(graceMs);
    auto listing = m_lister(std::move(call), cancel);
    auto listed = co_await std::move(listing);
    grace.stop();
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!listed) {
        if (rest) {
            rest->cancel.cancel();
            m_snapshots.remove(apiPath);
        }
        co_return listed.error();
    }
    auto keys = std::move(listed.value());
    if (limit <= 0 || keys.size() < limit) {
        if (rest) {
            rest->cancel.cancel(); // the folder was small after all
            m_snapshots.remove(apiPath);
        }
        co_return keys;
    }
    if (keys.size() > limit) {
        // The server ignored the limit (Vault): keep the rest and hand it out page by page.
        auto whole = std::make_shared<Snapshot>();
        whole->keys = std::move(keys);
        whole->settled = true;
        if (rest) {
            rest->cancel.cancel();
        }
        m_snapshots.insert(apiPath, whole);
        co_return slice(*whole, QString(), limit, nextCursor);
    }
    // A full page: more may follow; the rest is being fetched already or is fetched on demand.
    *nextCursor = keys.last();
    co_return keys;
}

} // namespace strongroom

#include "VaultFolderListing.moc"
