#pragma once

#include "CancelToken.h"
#include "Entry.h"
#include "Result.h"

#include <QCoroTask>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QStringList>

#include <functional>
#include <optional>

namespace strongroom {

class SecretBackend;

// A recursive search for secrets by name over one store: crawls folders breadth-first with a
// bounded number of listings in flight, reports matches as they are found and progress as it
// goes, can be cancelled, and reuses folders the caller already has listed (the tree's).
// Folders the credential may not list are skipped and counted, not fatal.
class SecretSearch : public QObject {
    Q_OBJECT
public:
    // Entries of `folder` if the caller has the whole folder listed already.
    using KnownListing = std::function<std::optional<QList<Entry>>(const QString& folder)>;

    explicit SecretSearch(QObject* parent = nullptr);
    ~SecretSearch() override;

    void setConcurrency(int listingsInFlight);
    void setKnownListing(KnownListing known) { m_known = std::move(known); }

    // Starts searching `backend` below `roots` ("" = the whole store) for secrets whose path
    // contains every word of `query` (any case). Replaces a search that is still running.
    void start(SecretBackend* backend, const QString& query, QStringList roots = {QString()});
    void cancel();
    bool isRunning() const { return m_running; }

    // Whether `path` matches `words` (every word appears, any case): shared with quick open.
    static bool matches(const QString& path, const QStringList& words);

    int foldersListed() const { return m_listed; }
    int foldersReused() const { return m_reused; }
    int foldersSkipped() const { return m_skipped; }
    int foldersQueued() const { return static_cast<int>(m_queue.size()) + m_inFlight; }

Q_SIGNALS:
    void found(const QString& path);
    // After every folder: done so far and still waiting or in flight.
    void progress(int foldersDone, int foldersLeft);
    // Done, Cancelled, or the first error when nothing at all could be listed.
    void finished(strongroom::Status status);

private:
    void pump();
    QCoro::Task<> crawl(QString folder, quint64 generation);
    void take(const QList<Entry>& entries);
    void finishIfDone();

    QPointer<SecretBackend> m_backend;
    KnownListing m_known;
    QStringList m_words;
    QQueue<QString> m_queue;
    CancelToken m_cancel;
    quint64 m_generation = 0;
    int m_concurrency = 8;
    int m_inFlight = 0;
    int m_listed = 0;
    int m_reused = 0;
    int m_skipped = 0;
    bool m_running = false;
    std::optional<BackendError> m_firstError;
};

} // namespace strongroom
