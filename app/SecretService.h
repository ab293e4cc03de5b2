#pragma once

#include "AuditEntry.h"
#include "Connection.h"
#include "OperationAudit.h"
#include "Result.h"
#include "RollbackPreview.h"
#include "SecretBackend.h"
#include "SecretDiff.h"

#include <QCoroTask>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

namespace strongroom {

class AuditLog;

// The operations every front end calls, each one audited: reads and every mutation append exactly
// one audit entry with the outcome, success or failure, and never a value. Front ends call
// recordAccess() when the operator reveals or copies a value. Errors (including Conflict with the
// version now current) pass through unchanged.
//
// `auditAction` overrides the action name written to the log (DemoSeeder uses "seed").
class SecretService : public QObject {
    Q_OBJECT
public:
    explicit SecretService(AuditLog* audit, QObject* parent = nullptr);

    // Not audited: listing and looking at versions/metadata reveal no value.
    QCoro::Task<Result<ListPage>> list(Connection* connection, QString folder,
                                       PageRequest page = {}, CancelToken cancel = {});
    QCoro::Task<Result<QList<VersionInfo>>> versions(Connection* connection, SecretRef ref);
    QCoro::Task<Result<SecretMetadata>> metadata(Connection* connection, SecretRef ref);
    QCoro::Task<Result<Capabilities>> capabilities(Connection* connection, SecretRef ref);

    // Audited as "read" with the version asked for (empty = current).
    QCoro::Task<Result<SecretValue>> read(Connection* connection, SecretRef ref,
                                          QString version = {});
    // Audited as "write"; `request.expectedCurrentVersion` is the version the operator started
    // from (empty for a new secret).
    QCoro::Task<Result<WriteResult>> write(Connection* connection, WriteRequest request,
                                           QString auditAction = {});
    QCoro::Task<Result<WriteResult>> rollback(Connection* connection, SecretRef ref,
                                              QString targetVersion, QString expectedCurrentVersion,
                                              QString auditAction = {});
    QCoro::Task<Status> deleteVersions(Connection* connection, SecretRef ref, QStringList versions,
                                       QString auditAction = {});
    QCoro::Task<Status> undeleteVersions(Connection* connection, SecretRef ref,
                                         QStringList versions, QString auditAction = {});
    QCoro::Task<Status> destroyVersions(Connection* connection, SecretRef ref, QStringList versions,
                                        QString auditAction = {});
    // Audited as "enable-versions" / "disable-versions".
    QCoro::Task<Status> setVersionsEnabled(Connection* connection, SecretRef ref,
                                           QStringList versions, bool enabled);
    // Audited as "move-label" with the versions it moves from and to.
    QCoro::Task<Status> moveLabel(Connection* connection, SecretRef ref, QString label,
                                  QString toVersion, QString expectedFromVersion);
    QCoro::Task<Status> updateMetadata(Connection* connection, SecretRef ref, MetadataUpdate update,
                                       QString auditAction = {});

    // Reads the current value and `targetVersion` and diffs them, for the rollback confirmation.
    // Audited once as "preview-rollback" (the diff shows values).
    QCoro::Task<Result<RollbackPreview>> previewRollback(Connection* connection, SecretRef ref,
                                                         QString targetVersion);
    // Diff of two versions (`before` -> `after`; empty = current), audited as one "compare".
    QCoro::Task<Result<SecretDiff>> compareVersions(Connection* connection, SecretRef ref,
                                                    QString before, QString after);

    // Records that the operator revealed ("reveal") or copied ("copy") a value shown in the UI.
    QCoro::Task<void> recordAccess(Connection* connection, SecretRef ref, QString action,
                                   QString version);

private:
    QCoro::Task<Result<RollbackPreview>> buildPreview(QPointer<Connection> connection,
                                                      SecretRef ref, QString targetVersion);
    QCoro::Task<void> audit(QString connection, QString path, QString action, QStringList versions,
                            QString result, QString detail = {});

    OperationAudit m_audit;
};

} // namespace strongroom
