#pragma once

#include "CancelToken.h"
#include "Capabilities.h"
#include "ListPage.h"
#include "Result.h"
#include "SecretMetadata.h"
#include "SecretRef.h"
#include "SecretValue.h"
#include "VersionInfo.h"
#include "WriteRequest.h"

#include <QCoroTask>
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
    // Removes the secret with every version and its metadata.
    virtual QCoro::Task<Status> deleteSecret(SecretRef ref);
    virtual QCoro::Task<Status> updateMetadata(SecretRef ref, MetadataUpdate update);

Q_SIGNALS:
    void stateChanged(strongroom::ConnectionState state);
};

} // namespace strongroom
