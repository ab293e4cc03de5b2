#pragma once

#include "AuditActions.h"
#include "Result.h"

#include <QCoroTask>
#include <QPointer>
#include <QString>
#include <QStringList>

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

private:
    QPointer<AuditLog> m_log;
};

} // namespace strongroom
