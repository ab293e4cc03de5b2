#include "OperationAudit.h"

#include "AuditLog.h"

namespace strongroom {

OperationAudit::OperationAudit(AuditLog* log)
    : m_log(log) {}

QString OperationAudit::failureDetail(const BackendError& error) {
    if (error.kind() == BackendError::Kind::Conflict && !error.currentVersion().isEmpty()) {
        return QStringLiteral("current version is %1").arg(error.currentVersion());
    }
    return error.detail();
}

QCoro::Task<void> OperationAudit::record(QString connection, QString path, QString action,
                                         QStringList versions, QString result,
                                         QString detail) const {
    QPointer<AuditLog> log = m_log;
    if (!log) {
        co_return;
    }
    AuditRecord entry{std::move(connection), std::move(path),   std::move(action),
                      std::move(versions),   std::move(result), std::move(detail)};
    auto appending = log->append(std::move(entry));
    co_await std::move(appending);
}

} // namespace strongroom
