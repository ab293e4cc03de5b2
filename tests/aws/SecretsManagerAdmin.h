#pragma once

#include "CancelToken.h"
#include "Result.h"
#include "SecretRef.h"
#include "SecretsManagerRotationApi.h"

#include <QCoroTask>
#include <QDateTime>
#include <QList>
#include <QPointer>
#include <QString>

#include <optional>

namespace strongroom {

class SecretsManagerBackend;

// A secret waiting for its deletion date (ListSecrets with IncludePlannedDeletion).
struct AwsScheduledDeletion {
    QString name;
    QDateTime deletedDate; // AWS's DeletedDate, as sent
    // When it goes for good: a DeletionDate when the reply has one, else DeletedDate, which the
    // DescribeSecret reference defines as "the date the secret is scheduled for deletion".
    QDateTime deletionDate;
};

// Test-only: the AWS-shaped rotation and deletion calls of earlier releases, which
// test_aws_admin_requests drives on a scripted server. Every call is the backend's own contract
// call (rotateNow, configureRotation, disableRotation, clearStuckRotation, deleteSecret,
// restoreSecret, deletedSecrets) or rotateSecret(), so the wire cases test the backend itself.
class SecretsManagerAdmin {
public:
    explicit SecretsManagerAdmin(SecretsManagerBackend* backend);

    // RotateSecret (ClientRequestToken = fresh UUIDv4, reused on retry). Returns the new
    // VersionId. With `request` it also sets the Lambda and schedule.
    QCoro::Task<Result<QString>> rotateNow(SecretRef ref,
                                           std::optional<AwsRotationRequest> request = {});
    // RotateSecret with RotateImmediately=false: configures the schedule without rotating now.
    QCoro::Task<Status> configureRotation(SecretRef ref, AwsRotationRequest request);
    // CancelRotateSecret: turns automatic rotation off.
    QCoro::Task<Status> cancelRotation(SecretRef ref);
    // Removes AWSPENDING from `versionId` (a stuck rotation), after checking with a describe that
    // it is still there and is not AWSCURRENT; Conflict when the labels moved meanwhile.
    QCoro::Task<Status> clearPending(SecretRef ref, QString versionId);

    // DeleteSecret with RecoveryWindowInDays 7..30 (InvalidInput otherwise); the deletion date.
    QCoro::Task<Result<QDateTime>> scheduleDeletion(SecretRef ref, int recoveryDays);
    // DeleteSecret with ForceDeleteWithoutRecovery: gone at once, no restore.
    QCoro::Task<Status> forceDelete(SecretRef ref);
    QCoro::Task<Status> restore(SecretRef ref);
    // Every secret scheduled for deletion, all pages, optionally only names starting `prefix`.
    QCoro::Task<Result<QList<AwsScheduledDeletion>>> scheduledDeletions(QString prefix = {},
                                                                        CancelToken cancel = {});

    static bool isValidRecoveryWindow(int days) { return days >= 7 && days <= 30; }

private:
    QPointer<SecretsManagerBackend> m_backend;
};

} // namespace strongroom
