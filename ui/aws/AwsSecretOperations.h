#pragma once

#include "SecretsManagerAdmin.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>

namespace strongroom {

class SecretsManagerBackend;
class Workspace;

// The Secrets Manager calls beyond the common contract (rotation, deletion window, restore) on
// one open AWS connection, each written to the audit log with its outcome and never a value.
// Fails with "not connected" once the connection is closed.
class AwsSecretOperations : public QObject {
    Q_OBJECT
public:
    AwsSecretOperations(Workspace* workspace, QString connectionId, QObject* parent = nullptr);

    QString connectionId() const { return m_connectionId; }
    SecretsManagerBackend* backend() const;

    QCoro::Task<Result<AwsSecretDescription>> describe(QString name);
    QCoro::Task<Result<QString>> rotateNow(QString name);
    QCoro::Task<Status> configureRotation(QString name, AwsRotationRequest request);
    QCoro::Task<Status> cancelRotation(QString name);
    QCoro::Task<Status> clearPending(QString name, QString versionId);
    QCoro::Task<Result<QDateTime>> scheduleDeletion(QString name, int recoveryDays);
    QCoro::Task<Status> forceDelete(QString name);
    QCoro::Task<Status> restore(QString name);
    QCoro::Task<Result<QList<AwsScheduledDeletion>>> scheduledDeletions();

private:
    void audit(const QString& path, const QString& action, const QStringList& versions,
               const std::optional<BackendError>& error, const QString& detail);

    QPointer<Workspace> m_workspace;
    QString m_connectionId;
};

} // namespace strongroom
