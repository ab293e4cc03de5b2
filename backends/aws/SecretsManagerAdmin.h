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

// Transitional: the AWS-only shape of rotation and deletion from before the common contract
// had them. Every call is now the backend's own contract call (rotateNow, configureRotation,
// disableRotation, clearStuckRotation, deleteSecret, restoreSecret, deletedSecrets) or
// rotateSecret(), so this holds no logic of its own beyond scheduleDeletion()'s date. Nothing
// new should use it; remove it once app/ and ui/ call the contract.
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
