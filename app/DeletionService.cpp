#include "DeletionService.h"

#include <QPointer>

namespace strongroom {

namespace {
BackendError noConnection() {
    return BackendError(BackendError::Kind::InvalidInput, QStringLiteral("no connection"));
}
} // namespace

DeletionService::DeletionService(AuditLog* audit, QObject* parent)
    : QObject(parent)
    , m_audit(audit) {}

DeletionRules DeletionService::rulesOf(const Connection* connection) {
    return connection ? connection->backend()->deletionRules() : DeletionRules{};
}

QString DeletionService::describe(const DeleteOptions& options, const DeletionRules& rules) {
    if (options.force) {
        return QStringLiteral("without recovery");
    }
    if (!rules.hasBin) {
        return QStringLiteral("no bin: removed at once");
    }
    const int days = options.recoveryDays != 0 ? options.recoveryDays : rules.defaultRecoveryDays;
    if (days <= 0) {
        return QStringLiteral("the store's recovery window");
    }
    return days == 1 ? QStringLiteral("recovery window 1 day")
                     : QStringLiteral("recovery window %1 days").arg(days);
}

QCoro::Task<Status> DeletionService::deleteSecret(Connection* connection, SecretRef ref,
                                                  DeleteOptions options) {
    if (!connection) {
        co_return noConnection();
    }
    const OperationAudit audit = m_audit;
    const QString id = connection->id();
    const QString detail = describe(options, rulesOf(connection));
    auto deleting = connection->backend()->deleteSecret(ref, options);
    auto result = co_await std::move(deleting);
    auto auditing =
        audit.record(id, ref.path, actions::deleteSecret(), {}, OperationAudit::outcome(result),
                     OperationAudit::withFailure(detail, result));
    co_await std::move(auditing);
    co_return result;
}

QCoro::Task<Result<QList<DeletedSecret>>>
DeletionService::deletedSecrets(Connection* connection, QString prefix, CancelToken cancel) {
    if (!connection) {
        co_return noConnection();
    }
    auto listing = connection->backend()->deletedSecrets(std::move(prefix), std::move(cancel));
    co_return co_await std::move(listing);
}

QCoro::Task<Status> DeletionService::restore(Connection* connection, SecretRef ref) {
    if (!connection) {
        co_return noConnection();
    }
    const OperationAudit audit = m_audit;
    const QString id = connection->id();
    auto restoring = connection->backend()->restoreSecret(ref);
    auto result = co_await std::move(restoring);
    auto auditing =
        audit.record(id, ref.path, actions::restoreSecret(), {}, OperationAudit::outcome(result),
                     OperationAudit::failureDetail(result));
    co_await std::move(auditing);
    co_return result;
}

QCoro::Task<Status> DeletionService::purge(Connection* connection, SecretRef ref) {
    if (!connection) {
        co_return noConnection();
    }
    const OperationAudit audit = m_audit;
    const QString id = connection->id();
    auto purging = connection->backend()->purgeSecret(ref);
    auto result = co_await std::move(purging);
    auto auditing =
        audit.record(id, ref.path, actions::purgeSecret(), {}, OperationAudit::outcome(result),
                     OperationAudit::withFailure(QStringLiteral("from the bin"), result));
    co_await std::move(auditing);
    co_return result;
}

} // namespace strongroom
