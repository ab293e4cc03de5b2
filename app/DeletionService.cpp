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
    const QString detail = describe(options, rulesOf(connection));
    return m_audit.run<Done>(
        connection, ref.path, actions::deleteSecret(),
        [ref, options](SecretBackend& store) { return store.deleteSecret(ref, options); }, detail);
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
    return m_audit.run<Done>(connection, ref.path, actions::restoreSecret(),
                             [ref](SecretBackend& store) { return store.restoreSecret(ref); });
}

QCoro::Task<Status> DeletionService::purge(Connection* connection, SecretRef ref) {
    return m_audit.run<Done>(
        connection, ref.path, actions::purgeSecret(),
        [ref](SecretBackend& store) { return store.purgeSecret(ref); },
        QStringLiteral("from the bin"));
}

} // namespace strongroom
