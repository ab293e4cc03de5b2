#include "SecretSearch.h"

#include "SecretBackend.h"

#include <QTimer>

namespace strongroom {

namespace {
using Kind = BackendError::Kind;
constexpr int pageSize = 1000;
} // namespace

SecretSearch::SecretSearch(QObject* parent)
    : QObject(parent) {}

SecretSearch::~SecretSearch() {
    m_cancel.cancel();
}

void SecretSearch::setConcurrency(int listingsInFlight) {
    m_concurrency = std::clamp(listingsInFlight, 1, 64);
}

bool SecretSearch::matches(const QString& path, const QStringList& words) {
    for (const auto& word : words) {
        if (!path.contains(word, Qt::CaseInsensitive)) {
            return false;
        }
    }
    return true;
}

void SecretSearch::start(SecretBackend* backend, const QString& query, QStringList roots) {
    cancel();
    m_cancel = CancelToken();
    ++m_generation;
    m_backend = backend;
    m_words = query.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    m_queue.clear();
    for (const auto& root : roots) {
        m_queue.enqueue(root.isEmpty() || root.endsWith(QLatin1Char('/')) ? root : root + u'/');
    }
    m_inFlight = 0;
    m_listed = m_reused = m_skipped = 0;
    m_firstError.reset();
    m_running = true;
    // Start from the event loop so a caller can connect to the signals after start().
    QTimer::singleShot(0, this, [this, generation = m_generation] {
        if (generation == m_generation) {
            pump();
        }
    });
}

void SecretSearch::cancel() {
    if (!m_running) {
        return;
    }
    m_cancel.cancel();
    m_running = false;
    m_queue.clear();
    ++m_generation; // late listings of this search are ignored
    Q_EMIT finished(BackendError(Kind::Cancelled, QStringLiteral("search cancelled")));
}

void SecretSearch::pump() {
    while (m_running && m_inFlight < m_concurrency && !m_queue.isEmpty()) {
        const auto folder = m_queue.dequeue();
        if (m_known) {
            if (auto entries = m_known(folder)) {
                ++m_reused;
                take(*entries);
                Q_EMIT progress(m_listed + m_reused + m_skipped, foldersQueued());
                continue;
            }
        }
        ++m_inFlight;
        crawl(folder, m_generation);
    }
    finishIfDone();
}

QCoro::Task<> SecretSearch::crawl(QString folder, quint64 generation) {
    QPointer<SecretSearch> self(this);
    QPointer<SecretBackend> backend = m_backend;
    const auto cancel = m_cancel;
    QList<Entry> entries;
    std::optional<BackendError> failure;
    PageRequest page{QString(), pageSize};
    while (backend && !cancel.isCancelled()) {
        auto listing = backend->list(folder, page, cancel);
        auto listed = co_await std::move(listing);
        if (!listed) {
            failure = listed.error();
            break;
        }
        entries.append(listed->entries);
        if (listed->isLast()) {
            break;
        }
        page.cursor = listed->nextCursor;
    }
    if (!self || generation != m_generation) {
        co_return;
    }
    --m_inFlight;
    if (!backend) {
        failure = BackendError(Kind::Cancelled, QStringLiteral("the connection was closed"));
    }
    if (failure) {
        ++m_skipped;
        if (!m_firstError) {
            m_firstError = failure;
        }
    } else {
        ++m_listed;
        take(entries);
    }
    Q_EMIT progress(m_listed + m_reused + m_skipped, foldersQueued());
    pump();
}

void SecretSearch::take(const QList<Entry>& entries) {
    for (const auto& entry : entries) {
        if (entry.isFolder()) {
            m_queue.enqueue(entry.path);
        } else if (matches(entry.path, m_words)) {
            Q_EMIT found(entry.path);
        }
    }
}

void SecretSearch::finishIfDone() {
    if (!m_running || m_inFlight > 0 || !m_queue.isEmpty()) {
        return;
    }
    m_running = false;
    if (m_listed == 0 && m_reused == 0 && m_firstError) {
        Q_EMIT finished(*m_firstError);
        return;
    }
    Q_EMIT finished(Done{});
}

} // namespace strongroom
