#pragma once

#include "SecretBackend.h"
#include "VaultEndpoint.h"
#include "VaultFolderListing.h"
#include "VaultKvPath.h"
#include "VaultMount.h"
#include "VaultSession.h"
#include "VaultToken.h"

#include <QList>

namespace strongroom {

// Vault and OpenBao KV (v1 and v2) behind the common contract. Paths are "mount/relative"
// ("secret/app/db"); the root lists the KV mounts the token can see. Writes carry KV v2's
// check-and-set; folders page through VaultFolderListing (OpenBao's after/limit, Vault's one LIST).
class VaultBackend : public SecretBackend {
    Q_OBJECT
public:
    explicit VaultBackend(VaultEndpoint endpoint, QObject* parent = nullptr);
    ~VaultBackend() override;

    VaultSession* session() const { return m_session; }

    // Checks the token (lookup-self) and discovers the mounts; Connected on success, Expired
    // when the token is refused, Sealed when the server is.
    QCoro::Task<Result<VaultTokenInfo>> connectToServer();
    // Forgets the token and the cached mounts (idle lock, log out).
    void disconnect();

    // KV mounts from sys/internal/ui/mounts (cached after the first call; `refresh` re-reads).
    QCoro::Task<Result<QList<VaultMount>>> mounts(bool refresh = false);
    // Adds a mount the token cannot list (the operator typed its path); its KV version is asked
    // from sys/internal/ui/mounts/<path>, or taken from `kvVersion` when that is refused.
    QCoro::Task<Result<VaultMount>> addMount(QString path, int kvVersion = 0);
    // The mount `path` lies in, discovering it from the server when it is not cached yet.
    QCoro::Task<Result<VaultKvPath>> resolve(QString path);

    QString providerId() const override;
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
    QCoro::Task<Status> deleteVersions(SecretRef ref, QStringList versions) override;
    QCoro::Task<Status> undeleteVersions(SecretRef ref, QStringList versions) override;
    QCoro::Task<Status> destroyVersions(SecretRef ref, QStringList versions) override;
    // No bin: the secret goes with every version and its metadata (delete-all-versions);
    // a recovery window is refused as Unsupported.
    DeletionRules deletionRules() const override;
    QCoro::Task<Status> deleteSecret(SecretRef ref, DeleteOptions options) override;
    // The idle lock: disconnect().
    void lock() override;
    QCoro::Task<Status> updateMetadata(SecretRef ref, MetadataUpdate update) override;

private:
    void setState(ConnectionState state);
    // Runs `call` and notes what its failure says about the connection (sealed, expired).
    QCoro::Task<Result<nlohmann::json>> run(VaultCall call, CancelToken cancel = {});
    QCoro::Task<Status> versionAction(SecretRef ref, QStringList versions, QString action);
    QCoro::Task<Result<ListPage>> listMounts();
    QCoro::Task<Result<QStringList>> listKeys(VaultCall call, CancelToken cancel);
    QCoro::Task<Result<QString>> currentVersion(const VaultKvPath& path);

    VaultSession* m_session;
    VaultFolderListing* m_listing;
    ConnectionState m_state = ConnectionState::Offline;
    QList<VaultMount> m_mounts;
    bool m_mountsLoaded = false;
};

} // namespace strongroom
