#pragma once

#include "KdfParams.h"
#include "LocalUnlock.h"
#include "SecretBackend.h"
#include "SecretBytes.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace strongroom {

class LocalStoreWorker;
struct UnlockedKey;

// The embedded store: one SQLite file whose values are sealed with AES-256-GCM under a random
// data key, itself wrapped under a passphrase-derived (Argon2id) or keychain-held key. Mirrors
// Vault KV v2: integer versions, check-and-set writes, soft delete / undelete / destroy.
// All SQL and key derivation run on the store's own worker thread.
class LocalStore : public SecretBackend {
    Q_OBJECT
public:
    // Reads only the header: which protection the file uses. NotFound without a file,
    // InvalidResponse for a truncated, foreign or corrupt one.
    static QCoro::Task<Result<LocalKeyProtection>> probe(QString file);
    // `kdf` sets the Argon2id costs of a passphrase store (a fresh salt is always drawn).
    static QCoro::Task<Result<std::unique_ptr<LocalStore>>>
    create(QString file, LocalUnlock credentials, KdfParams kdf = KdfParams::recommended());
    static QCoro::Task<Result<std::unique_ptr<LocalStore>>> open(QString file,
                                                                 LocalUnlock credentials);
    ~LocalStore() override;

    QString filePath() const { return m_file; }
    LocalKeyProtection protection() const { return m_protection; }

    // Wipes the data key; every operation then fails with Unauthenticated until unlock().
    void lock() override;
    QCoro::Task<Status> unlock(LocalUnlock credentials);
    // Re-wraps the data key under a new passphrase (or a keychain key: `newCredentials` says
    // which). Needs an unlocked store; stored values are not re-encrypted.
    QCoro::Task<Status> changePassphrase(LocalUnlock newCredentials,
                                         KdfParams kdf = KdfParams::recommended());

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
    // No bin: the secret goes with every version; a recovery window is refused as Unsupported.
    DeletionRules deletionRules() const override;
    QCoro::Task<Status> deleteSecret(SecretRef ref, DeleteOptions options) override;
    QCoro::Task<Status> updateMetadata(SecretRef ref, MetadataUpdate update) override;

private:
    LocalStore(QString file, std::shared_ptr<LocalStoreWorker> worker, UnlockedKey key);

    // Runs `job(LocalStoreEngine&)` on the worker thread with a copy of the data key.
    template <typename T, typename Job> QCoro::Task<Result<T>> withEngine(Job job);
    void setState(ConnectionState state);

    QString m_file;
    std::shared_ptr<LocalStoreWorker> m_worker;
    QByteArray m_storeId;
    LocalKeyProtection m_protection;
    SecretBytes m_dataKey; // empty while locked
    ConnectionState m_state = ConnectionState::Connected;
};

} // namespace strongroom
