#pragma once

#include "CancelToken.h"
#include "ListPage.h"
#include "Result.h"
#include "VaultCall.h"

#include <QCoroTask>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace strongroom {

// Pages a folder's LIST for the tree without paying for the folder once per page.
//
// OpenBao 2.7 pages LIST with after/limit, but every page costs about as much as the whole
// folder (measured: a 10-key page of a 100k folder takes 0.7 s, all 100k keys 0.9 s), and Vault
// ignores both parameters. So the first page is asked with `limit` (small folders: one cheap
// request, and the first rows of a big one show as early as the server allows); if that page has
// not come back after a short grace period the folder is big, and the rest is fetched in one
// request running alongside. Later pages are served from that snapshot. A server that sends more
// than `limit` (Vault) is treated the same way.
class VaultFolderListing : public QObject {
    Q_OBJECT
public:
    // Sends one LIST (the call's query already has list=true) and returns its keys.
    using Lister = std::function<QCoro::Task<Result<QStringList>>(VaultCall, CancelToken)>;

    explicit VaultFolderListing(Lister lister, QObject* parent = nullptr);
    ~VaultFolderListing() override;

    // One page of keys of the folder whose LIST path is `apiPath`. `nextCursor` is opaque: pass it
    // back as `cursor` for the next page.
    QCoro::Task<Result<QStringList>> page(QString apiPath, QString cursor, int limit,
                                          CancelToken cancel, QString* nextCursor);
    // Forgets every snapshot (refresh, lock, token change).
    void clear();

    // How long the first page may take before the rest is fetched alongside it.
    static constexpr int graceMs = 150;
    // Snapshots kept per folder, and for how long, for listings that page it at the same time.
    static constexpr int maxPerFolder = 4;
    static constexpr qint64 maxAgeMs = 60'000;

private:
    struct Snapshot;
    QCoro::Task<> fetchRest(std::shared_ptr<Snapshot> snapshot, QString apiPath, QString after);
    void keep(const QString& apiPath, std::shared_ptr<Snapshot> snapshot);
    void forget(const QString& apiPath, const std::shared_ptr<Snapshot>& snapshot);
    // Where the page after `cursor` starts in `snapshot`; nullopt when it does not cover it.
    static std::optional<qsizetype> startOf(const Snapshot& snapshot, const QString& cursor);
    static QStringList slice(Snapshot& snapshot, qsizetype from, int limit, QString* nextCursor);
    // Cursors are "<generation>:<last key>": a listing only ever reads its own snapshots.
    static QString cursorFor(quint64 generation, const QString& key);
    static std::pair<quint64, QString> parseCursor(const QString& cursor);

    Lister m_lister;
    QHash<QString, QList<std::shared_ptr<Snapshot>>> m_snapshots;
    quint64 m_generation = 0;
};

} // namespace strongroom
