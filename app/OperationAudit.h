#pragma once

#include "AuditActions.h"
#include "Connection.h"
#include "Result.h"
#include "SecretBackend.h"

#include <QCoroTask>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>

namespace strongroom {

class AuditLog;

// How the app/ services write one audit line for an operator action: the outcome as "ok" or the
// error kind, and a detail that names the store's error detail (never a value) or, for a
// conflict, the version that won. Every service that changes a store goes through this.
class OperationAudit {
public:
    explicit OperationAudit(AuditLog* log);

    template <typename T> static QString outcome(const Result<T>& result) {
        return result.ok() ? QStringLiteral("ok") : BackendError::kindName(result.error().kind());
    }
    template <typename T> static QString failureDetail(const Result<T>& result) {
        return result.ok() ? QString() : failureDetail(result.error());
    }
    static QString failureDetail(const BackendError& error);
    // `detail`, followed by the failure's detail when there is one ("a; b").
    template <typename T> static QString withFailure(QString detail, const Result<T>& result) {
        const QString failure = failureDetail(result);
        if (failure.isEmpty()) {
            return detail;
        }
        return detail.isEmpty() ? failure : detail + QStringLiteral("; ") + failure;
    }

    // One line; nothing when the log is gone. A failed append is reported by
    // AuditLog::appendFailed and does not change the operation's own result.
    QCoro::Task<void> record(QString connection, QString path, QString action, QStringList versions,
                             QString result, QString detail = {}) const;

    // One operator action on a store: runs `call` on the connection's backend and writes its line
    // whatever the outcome (`action` on `path`, the versions `versionsOf` names, `detail` with the
    // failure's detail appended). InvalidInput when there is no connection (nothing written).
    template <typename T>
    QCoro::Task<Result<T>> run(Connection* connection, QString path, QString action,
                               std::function<QCoro::Task<Result<T>>(SecretBackend&)> call,
                               QString detail = {},
                               std::function<QStringList(const Result<T>&)> versionsOf = {}) const;

private:
    QPointer<AuditLog> m_log;
};

template <typename T>
QCoro::Task<Result<T>>
OperationAudit::run(Connection* connection, QString path, QString action,
                    std::function<QCoro::Task<Result<T>>(SecretBackend&)> call, QString detail,
                    std::function<QStringList(const Result<T>&)> versionsOf) const {
    if (!connection) {
        co_return BackendError(BackendError::Kind::InvalidInput, QStringLiteral("no connection"));
    }
    // A copy: the service holding this may be gone when the call comes back.
    const OperationAudit audit = *this;
    const QString id = connection->id();
    auto calling = call(*connection->backend());
    auto result = co_await std::move(calling);
    const QStringList versions = versionsOf ? versionsOf(result) : QStringList();
    auto recording = audit.record(id, std::move(path), std::move(action), versions, outcome(result),
                                  withFailure(std::move(detail), result));
    co_await std::move(recording);
    co_return result;
}

} // namespace strongroom
