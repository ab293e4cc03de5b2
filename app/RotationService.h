#pragma once

#include "Connection.h"
#include "OperationAudit.h"
#include "SecretBackend.h"

#include <QCoroTask>
#include <QObject>

namespace strongroom {

class AuditLog;

// Rotation of one secret for every store that rotates: how it rotates (audited as
// show-rotation, since it names who rotates), rotate now, configure, turn off, and clear a stuck
// rotation. Each call is audited once with its outcome; never a value.
class RotationService : public QObject {
    Q_OBJECT
public:
    explicit RotationService(AuditLog* audit, QObject* parent = nullptr);

    QCoro::Task<Result<RotationInfo>> rotation(Connection* connection, SecretRef ref);
    // The new version's id when the store gives one.
    QCoro::Task<Result<QString>> rotateNow(Connection* connection, SecretRef ref);
    // `summary` says what changes in the operator's words ("every 30 days, Lambda arn:…"), for
    // the audit detail; the settings themselves are the store form's keys.
    QCoro::Task<Status> configure(Connection* connection, SecretRef ref, RotationSettings settings,
                                  QString summary);
    QCoro::Task<Status> disable(Connection* connection, SecretRef ref);
    QCoro::Task<Status> clearStuck(Connection* connection, SecretRef ref, QString stuckVersion);

private:
    OperationAudit m_audit;
};

} // namespace strongroom
