#pragma once

#include "CancelToken.h"
#include "Capabilities.h"
#include "ListPage.h"
#include "Result.h"
#include "SecretDeletion.h"
#include "SecretMetadata.h"
#include "SecretRef.h"
#include "SecretRotation.h"
#include "SecretValue.h"
#include "VersionInfo.h"
#include "WriteRequest.h"

#include <QCoroTask>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace strongroom {

enum class ConnectionState { Offline, Connecting, Connected, Locked, Sealed, Expired };
QString connectionStateName(ConnectionState state);

// The contract every store implements: Vault/OpenBao, AWS, GCP, Azure and the local store.
// Every operation is a coroutine; none blocks the calling thread. Callers that live across an
// await (widgets, models) must hold the backend in a QPointer and check it after resuming.
class SecretBackend : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~SecretBackend() override = default;

    // Stable provider id for icons and settings: "local", "vault", "aws", "gcp", "azure".
    virtual QString providerId() const = 0;
    virtual ConnectionState state() const = 0;

    // What the store supports at all, independent of any path or credential.
    virtual Capabilities storeCapabilities() const = 0;
    // What this credential may do on `ref` (store support already folded in). A failed check
    // must return an error, never "everything allowed".
    virtual QCoro::Task<Result<Capabilities>> capabilitiesFor(SecretRef ref) = 0;

    // One page of `folder` ("" = root; folders end with '/').
    virtual QCoro::Task<Result<ListPage>> list(QString folder, PageRequest page,
                                               CancelToken cancel) = 0;
    // The value of `version` (empty = current).
    virtual QCoro::Task<Result<SecretValue>> read(SecretRef ref, QString version) = 0;
    virtual QCoro::Task<Result<QList<VersionInfo>>> versions(SecretRef ref) = 0;
    virtual QCoro::Task<Result<SecretMetadata>> metadata(SecretRef ref) = 0;
    virtual QCoro::Task<Result<WriteResult>> write(WriteRequest request) = 0;

    // Makes `version`'s value current again (as a new version, or by moving the current label),
    // guarded by `expectedCurrentVersion` like a write.
    virtual QCoro::Task<Result<WriteResult>> rollback(SecretRef ref, QString version,
                                                      QString expectedCurrentVersion);
    virtual QCoro::Task<Status> deleteVersions(SecretRef ref, QStringList versions);
    virtual QCoro::Task<Status> undeleteVersions(SecretRef ref, QStringList versions);
    virtual QCoro::Task<Status> destroyVersions(SecretRef ref, QStringList versions);
    // Enables or disables single versions (Capability::EnableVersion).
    virtual QCoro::Task<Status> setVersionsEnabled(SecretRef ref, QStringList versions,
                                                   bool enabled);
    // Moves `label` to `toVersion`; Conflict when it is no longer on `expectedFromVersion`
    // (empty: the label is new) (Capability::MoveLabel).
    virtual QCoro::Task<Status> moveLabel(SecretRef ref, QString label, QString toVersion,
                                          QString expectedFromVersion);
    virtual QCoro::Task<Status> updateMetadata(SecretRef ref, MetadataUpdate update);

    // Deleting the whole secret. A store with a bin keeps it restorable for the recovery window
    // (Capability::RecoverableDelete); `options.force` removes it at once (PurgeSecret). A store
    // without a bin removes it with every version and its metadata.
    virtual DeletionRules deletionRules() const;
    virtual QCoro::Task<Status> deleteSecret(SecretRef ref, DeleteOptions options);
    // The bin: deleted secrets still restorable, optionally only those under `prefix`.
    virtual QCoro::Task<Result<QList<DeletedSecret>>> deletedSecrets(QString prefix,
                                                                     CancelToken cancel);
    virtual QCoro::Task<Status> restoreSecret(SecretRef ref);
    // Removes a deleted secret from the bin for good.
    virtual QCoro::Task<Status> purgeSecret(SecretRef ref);

    // Rotation (Capability::RotationStatus, Rotate, ConfigureRotation, ClearStuckRotation).
    virtual QCoro::Task<Result<RotationInfo>> rotation(SecretRef ref);
    // Starts a rotation; the new version's id when the store gives one.
    virtual QCoro::Task<Result<QString>> rotateNow(SecretRef ref);
    // Sets the schedule and who rotates (the keys of the store's settings form).
    virtual QCoro::Task<Status> configureRotation(SecretRef ref, RotationSettings settings);
    // Turns automatic rotation off (ConfigureRotation as well).
    virtual QCoro::Task<Status> disableRotation(SecretRef ref);
    // Clears a rotation that did not finish, after checking it is still `stuckVersion` that is
    // stuck (Conflict otherwise).
    virtual QCoro::Task<Status> clearStuckRotation(SecretRef ref, QString stuckVersion);

    // Idle lock: drops tokens, keys, decrypted data and caches held in memory; the backend
    // reports Locked (or Offline) until its connector gives it credentials again. Never fails.
    virtual void lock() = 0;

    // When the credential in use stops working; invalid when it does not expire or is unknown.
    // Set by whoever signs the backend in (its connector).
    QDateTime credentialExpiry() const { return m_credentialExpiry; }
    void setCredentialExpiry(QDateTime expiry);
    // The credential ran out or was refused: credentialsExpired() tells the front end to ask
    // for a new sign-in.
    void reportCredentialsExpired(const QString& reason);

Q_SIGNALS:
    void stateChanged(strongroom::ConnectionState state);
    void credentialExpiryChanged();
    void credentialsExpired(const QString& reason);

private:
    QDateTime m_credentialExpiry;
};

} // namespace strongroom
