#include "AuditLog.h"

#include "AuditFile.h"

#include <QCoroFuture>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <pwd.h>
#include <unistd.h>

#include <vector>

namespace strongroom {

AuditLog::AuditLog(QString file, QObject* parent)
    : QObject(parent)
    , m_file(std::move(file))
    , m_state(std::make_shared<AuditFile>(m_file)) {
    // One worker thread: lines reach the file in the order append() was called.
    m_worker.setMaxThreadCount(1);
}

AuditLog::~AuditLog() {
    m_worker.waitForDone();
}

QString AuditLog::currentActor() {
    std::vector<char> buffer(16384);
    passwd entry{};
    passwd* found = nullptr;
    if (::getpwuid_r(::geteuid(), &entry, buffer.data(), buffer.size(), &found) == 0 && found &&
        found->pw_name) {
        return QString::fromLocal8Bit(found->pw_name);
    }
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QStringLiteral("uid:%1").arg(::geteuid()) : user;
}

QCoro::Task<Result<AuditEntry>> AuditLog::append(AuditRecord record) {
    QPointer<AuditLog> self(this);
    auto state = m_state;
    // The future is a named local, not a temporary inside co_await: GCC 12 mishandles
    // temporaries with non-trivial destructors in co_await expressions.
    QFuture<Result<AuditEntry>> future =
        QtConcurrent::run(&m_worker, [state, record, actor = currentActor()] {
            return state->append(record, actor);
        });
    auto written = co_await future;
    if (self) {
        if (written) {
            Q_EMIT appended(written.value());
        } else {
            Q_EMIT appendFailed(written.error().message());
        }
    }
    co_return written;
}

QCoro::Task<AuditVerification> AuditLog::verify() {
    auto state = m_state;
    QFuture<AuditVerification> future =
        QtConcurrent::run(&m_worker, [state] { return state->verify(); });
    co_return co_await future;
}

QCoro::Task<Result<QList<AuditEntry>>> AuditLog::entriesFor(QString connection, QString path) {
    auto state = m_state;
    QFuture<Result<QList<AuditEntry>>> future =
        QtConcurrent::run(&m_worker, [state, connection, path] {
            return state->entries([&](const AuditEntry& entry) {
                return entry.connection == connection && entry.path == path;
            });
        });
    co_return co_await future;
}

QCoro::Task<Result<QList<AuditEntry>>> AuditLog::recent(int count) {
    auto state = m_state;
    QFuture<Result<QList<AuditEntry>>> future = QtConcurrent::run(&m_worker, [state, count] {
        return state->entries([](const AuditEntry&) { return true; }, qMax(count, 0));
    });
    co_return co_await future;
}

} // namespace strongroom
