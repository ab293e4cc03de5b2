#pragma once

#include "AwsCredentials.h"
#include "AwsEndpoint.h"
#include "AwsJsonClient.h"
#include "AwsSecretDescription.h"
#include "SecretBackend.h"
#include "SecretsManagerRotationApi.h"

#include <QDateTime>
#include <QPointer>

#include <memory>
#include <optional>

namespace strongroom {

class SecretsManagerFolderListing;

// AWS Secrets Manager on the common contract. Paths are secret names; a '/' in a name makes
// virtual folders (ListSecrets is flat, so a folder listing filters by name prefix and folds
// deeper names into folders). Versions are VersionIds with their staging labels: AWSCURRENT is
// VersionMark::Current, AWSPREVIOUS Previous, AWSPENDING Pending, and a version without labels is
// Deprecated. The conflict guard of a write compares AWSCURRENT with the version the operator
// started from before PutSecretValue; rollback moves AWSCURRENT (UpdateSecretVersionStage with
// MoveToVersionId and RemoveFromVersionId), so the old version id becomes current again.
//
// The bin: DeleteSecret with a recovery window of 7..30 days keeps the secret restorable
// (RestoreSecret) until its deletion date. AWS cannot take a secret out of the bin early, so
// purgeSecret() does what operators do: RestoreSecret, then DeleteSecret with
// ForceDeleteWithoutRecovery. If that second step fails, the error says plainly that the
// secret was restored and is live again. AWS has no disabled versions (EnableVersion is denied).
//
// Rotation is a Lambda's job: RotationInfo::rotator is Function with the Lambda ARN as its name.
// RotationInfo::settings and configureRotation() use these keys (secretsmanager::rotationKey),
// which the AWS rotation settings form (ui/aws) produces:
//   "lambdaArn"               text, the rotation function (empty or absent: keep the configured)
//   "automaticallyAfterDays"  int 1..1000                      } exactly one of the two
//   "scheduleExpression"      text, "rate(10 days)", "cron(..)" }
//   "duration"                text, the rotation window ("2h"), optional
// Any other key, or a value of the wrong type, is InvalidInput before anything is sent.
class SecretsManagerBackend : public SecretBackend {
    Q_OBJECT
public:
    explicit SecretsManagerBackend(AwsEndpoint endpoint, QObject* parent = nullptr);
    ~SecretsManagerBackend() override;

    // New keys (a fresh AssumeRole, a re-entered form). `expires` is when temporary credentials
    // stop working (invalid for long-lived keys), also the contract's credentialExpiry(). Sets
    // the state to Connected.
    void setCredentials(AwsCredentials credentials, QDateTime expires = {});
    QDateTime credentialsExpire() const { return credentialExpiry(); }
    // Wipes the keys and their expiry; the state becomes Locked (idle lock) or Offline (logout).
    void dropCredentials(ConnectionState state);
    // Checks the credentials with a cheap call (ListSecrets MaxResults 1): Connected, or Expired
    // on ExpiredToken/UnrecognizedClient, with the error.
    QCoro::Task<Status> check();

    AwsJsonClient* client() const { return m_client; }
    const AwsEndpoint& endpoint() const;

    QString providerId() const override { return QStringLiteral("aws"); }
    ConnectionState state() const override { return m_state; }
    Capabilities storeCapabilities() const override;
    QCoro::Task<Result<Capabilities>> capabilitiesFor(SecretRef ref) override;
    QCoro::Task<Result<ListPage>> list(QString folder, PageRequest page,
                                       CancelToken cancel) override;
    QCoro::Task<Result<SecretValue>> read(SecretRef ref, QString version) override;
    QCoro::Task<Result<QList<VersionInfo>>> versions(SecretRef ref) override;
    QCoro::Task<Result<SecretMetadata>> metadata(SecretRef ref) override;
    QCoro::Task<Result<WriteResult>> write(WriteRequest request) override;
    QCoro::Task<Result<WriteResult>> rollback(SecretRef ref, QString version,
                                              QString expectedCurrentVersion) override;
    // UpdateSecretVersionStage, after a describe shows `label` still on `expectedFromVersion`;
    // Conflict (carrying the label's holder now) when it is not, or when it moved between the
    // describe and the move.
    QCoro::Task<Status> moveLabel(SecretRef ref, QString label, QString toVersion,
                                  QString expectedFromVersion) override;
    // DeleteSecret: a recovery window of 7..30 days (30 by default), or ForceDeleteWithoutRecovery.
    DeletionRules deletionRules() const override;
    QCoro::Task<Status> deleteSecret(SecretRef ref, DeleteOptions options) override;
    // ListSecrets with IncludePlannedDeletion, every page. `purgeAt` is AWS's DeletedDate (the
    // date it goes); `deletedAt` is set only when a reply also carries a DeletionDate.
    QCoro::Task<Result<QList<DeletedSecret>>> deletedSecrets(QString prefix,
                                                             CancelToken cancel) override;
    QCoro::Task<Status> restoreSecret(SecretRef ref) override;
    // NotFound unless the secret is in the bin; then RestoreSecret + forced DeleteSecret.
    QCoro::Task<Status> purgeSecret(SecretRef ref) override;
    // From DescribeSecret; Stuck when AWSPENDING is on a version without AWSCURRENT.
    QCoro::Task<Result<RotationInfo>> rotation(SecretRef ref) override;
    // RotateSecret now with the configured Lambda and schedule; the new VersionId.
    QCoro::Task<Result<QString>> rotateNow(SecretRef ref) override;
    // RotateSecret with RotateImmediately=false: sets the Lambda and schedule only.
    QCoro::Task<Status> configureRotation(SecretRef ref, RotationSettings settings) override;
    // CancelRotateSecret.
    QCoro::Task<Status> disableRotation(SecretRef ref) override;
    // Removes AWSPENDING from `stuckVersion` after a describe shows it still there and not
    // AWSCURRENT; Conflict, saying what happened, when the labels moved meanwhile.
    QCoro::Task<Status> clearStuckRotation(SecretRef ref, QString stuckVersion) override;
    // The idle lock: dropCredentials(Locked).
    void lock() override;
    // Tags and description (customMetadata keys "description" is not a tag: only tags here).
    QCoro::Task<Status> updateMetadata(SecretRef ref, MetadataUpdate update) override;

    QCoro::Task<Result<AwsSecretDescription>> describe(SecretRef ref);
    // One RotateSecret as AWS has it: sets the Lambda and schedule of `request` and rotates now
    // or only configures (request.rotateImmediately). A fresh ClientRequestToken, reused on a
    // retry. The new VersionId when it rotates now (empty otherwise).
    QCoro::Task<Result<QString>> rotateSecret(SecretRef ref, AwsRotationRequest request);

    // One call with the error put in the operator's words for `name` (not found, scheduled for
    // deletion, cannot decrypt) and noted (expired credentials change the state). Every call of
    // this connection goes through here.
    QCoro::Task<Result<nlohmann::json>> call(QString operation, nlohmann::json params,
                                             AwsJsonClient::Safety safety, QString name,
                                             QString idempotencyKey = {}, CancelToken cancel = {});

private:
    void setState(ConnectionState state);
    // Maps an error to a state change (ExpiredToken -> Expired) and passes it through.
    BackendError noteError(BackendError error);
    BackendError explain(const BackendError& error, const QString& operation,
                         const QString& name) const;
    // The version holding AWSCURRENT now (DescribeSecret), empty when none.
    QCoro::Task<Result<QString>> currentVersion(SecretRef ref);
    QCoro::Task<Result<WriteResult>> create(WriteRequest request);
    QCoro::Task<Status> changeTags(SecretRef ref, QMap<QString, QString> wanted);

    AwsJsonClient* m_client;
    std::unique_ptr<SecretsManagerFolderListing> m_listing;
    ConnectionState m_state = ConnectionState::Offline;
};

} // namespace strongroom
