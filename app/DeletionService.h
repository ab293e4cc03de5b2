#pragma once

#include "Connection.h"
#include "OperationAudit.h"
#include "SecretBackend.h"

#include <QCoroTask>
#include <QObject>

namespace strongroom {

class AuditLog;

// Deleting whole secrets and the bin, for every store that has them: delete with a recovery
// window or for good, list what is waiting in the bin, restore, purge. Each change is audited
// once with its outcome (delete-secret, restore-secret, purge-secret); a store without the
// capability answers Unsupported, which is audited too.
class DeletionService : public QObject {
    Q_OBJECT
public:
    explicit DeletionService(AuditLog* audit, QObject* parent = nullptr);

    // The store's rules (bin, window range), for the delete dialog and the CLI's checks.
    static DeletionRules rulesOf(const Connection* connection);

    QCoro::Task<Status> deleteSecret(Connection* connection, SecretRef ref, DeleteOptions options);
    // Not audited: the listing shows no value.
    QCoro::Task<Result<QList<DeletedSecret>>>
    deletedSecrets(Connection* connection, QString prefix = {}, CancelToken cancel = {});
    QCoro::Task<Status> restore(Connection* connection, SecretRef ref);
    QCoro::Task<Status> purge(Connection* connection, SecretRef ref);

    // "recovery window 7 days", "without recovery", "the store's default window of 30 days":
    // the audit detail and the CLI's summary of `options` on `rules`.
    static QString describe(const DeleteOptions& options, const DeletionRules& rules);

private:
    OperationAudit m_audit;
};

} // namespace strongroom
