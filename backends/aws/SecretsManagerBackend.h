#pragma once

#include "AwsCredentials.h"
#include "AwsEndpoint.h"
#include "AwsJsonClient.h"
#include "AwsSecretDescription.h"
#include "SecretBackend.h"

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
class SecretsManagerBackend : public SecretBackend {
    Q_OBJECT
public:
    explicit SecretsManagerBackend(AwsEndpoint endpoint, QObject* parent = nullptr);
    ~SecretsManagerBackend() override;

    // New keys (a fresh AssumeRole, a re-entered form). `expires` is when temporary credentials
    // stop working (invalid for long-lived keys). Sets the state to Connected.
    void setCredentials(AwsCredentials credentials, QDateTime expires = {});
    QDateTime credentialsExpire() const { return m_expires; }
    // Wipes the keys; the state becomes Locked (idle lock) or Offline (logout).
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
    // DeleteSecret: a recovery window of 7..30 days (30 by default), or ForceDeleteWithoutRecovery.
    DeletionRules deletionRules() const override;
    QCoro::Task<Status> deleteSecret(SecretRef ref, DeleteOptions options) override;
    // The idle lock: dropCredentials(Locked).
    void lock() override;
    // Tags and description (customMetadata keys "description" is not a tag: only tags here).
    QCoro::Task<Status> updateMetadata(SecretRef ref, MetadataUpdate update) override;

    QCoro::Task<Result<AwsSecretDescription>> describe(SecretRef ref);

    // One call with the error put in the operator's words for `name` (not found, scheduled for
    // deletion, cannot decrypt) and noted (expired credentials change the state). Every call of
    // this connection goes through here, SecretsManagerAdmin's too.
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
    QDateTime m_expires;
};

} // namespace strongroom
