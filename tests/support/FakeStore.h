#pragma once

#include "SecretBackend.h"

#include <QDateTime>
#include <QHash>
#include <QMap>

#include <functional>
#include <optional>
#include <vector>

namespace strongroom::testing {

// The one in-memory store of the UI suites: Vault KV v2 semantics by default (integer versions,
// check-and-set, soft delete, destroy, rollback as a new version, delete without a bin), and
// configurable to claim any capability the contract has, so the generic dialogs can be driven
// without a server: a bin with a recovery window (restore, purge), versions that can be disabled
// or carry dates (pending destroy, expiry, not before), rotation (status, rotate now, settings,
// a stuck rotation), a generated folder of any size for paging, a credential that denies a
// capability with a reason, and a next call that fails with a chosen error.
class FakeStore : public SecretBackend {
    Q_OBJECT
public:
    explicit FakeStore(QString providerId = QStringLiteral("fake"), QObject* parent = nullptr);

    // --- configuration ---
    // The Vault-like set: list, read, write, versions, delete/undelete/destroy versions, delete
    // secret, rollback, edit metadata, check-and-set.
    static CapabilitySet kvCapabilities();
    void setCapabilities(CapabilitySet capabilities) { m_capabilities = capabilities; }
    void claim(CapabilitySet capabilities) { m_capabilities |= capabilities; }
    // The credential may not do `capability` (capabilitiesFor says why); the store still has it.
    void deny(Capability capability, const QString& reason);
    // A bin: deleteSecret keeps the secret restorable until purgeAt (claims RecoverableDelete,
    // ListDeleted, RestoreSecret; PurgeSecret separately).
    void setDeletionRules(DeletionRules rules) { m_rules = std::move(rules); }
    // `folder` ("huge/") lists `count` generated secrets s000000.., in pages of the asked size.
    void generateFolder(const QString& folder, int count);
    // Adds a version with `fields` (key -> text) as a new current version.
    void put(const QString& path, const QMap<QString, QString>& fields);
    // Changes what versions() says about one version (marks, dates, labels).
    void annotateVersion(const QString& path, const QString& id,
                         std::function<void(VersionInfo&)> change);
    void setRotation(const QString& path, RotationInfo rotation);
    void failNextCall(BackendError error) { m_nextError = std::move(error); }
    void setState(ConnectionState state);

    // --- what happened ---
    int listCalls() const { return m_listCalls; }
    int locks() const { return m_locks; }
    bool contains(const QString& path) const { return m_secrets.contains(path); }
    bool inBin(const QString& path) const { return m_bin.contains(path); }
    int versionCount(const QString& path) const;
    const std::optional<DeleteOptions>& lastDeleteOptions() const { return m_lastDelete; }
    std::optional<RotationInfo> rotationOf(const QString& path) const;
    const QList<RotationSettings>& configuredRotations() const { return m_configured; }

    // --- the contract ---
    QString providerId() const override { return m_providerId; }
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
    QCoro::Task<Status> setVersionsEnabled(SecretRef ref, QStringList versions,
                                           bool enabled) override;
    QCoro::Task<Status> updateMetadata(SecretRef ref, MetadataUpdate update) override;
    DeletionRules deletionRules() const override { return m_rules; }
    QCoro::Task<Status> deleteSecret(SecretRef ref, DeleteOptions options) override;
    QCoro::Task<Result<QList<DeletedSecret>>> deletedSecrets(QString prefix,
                                                             CancelToken cancel) override;
    QCoro::Task<Status> restoreSecret(SecretRef ref) override;
    QCoro::Task<Status> purgeSecret(SecretRef ref) override;
    QCoro::Task<Result<RotationInfo>> rotation(SecretRef ref) override;
    QCoro::Task<Result<QString>> rotateNow(SecretRef ref) override;
    QCoro::Task<Status> configureRotation(SecretRef ref, RotationSettings settings) override;
    QCoro::Task<Status> disableRotation(SecretRef ref) override;
    QCoro::Task<Status> clearStuckRotation(SecretRef ref, QString stuckVersion) override;
    void lock() override { m_locks += 1; }

private:
    struct Version {
        SecretValue value;
        bool deleted = false;
        bool destroyed = false;
        bool disabled = false;
        VersionInfo extra; // dates, labels and marks a test added
    };
    struct Secret {
        std::vector<Version> versions; // index + 1 = version id
        SecretMetadata metadata;
        std::optional<RotationInfo> rotation;
    };
    struct Binned {
        Secret secret;
        DeletedSecret entry;
    };

    static Version newVersion(SecretValue value);
    std::optional<BackendError> takeError();
    // The next call's error, or Unsupported when the store does not have `needed`.
    std::optional<BackendError> refuse(Capability needed);
    Result<WriteResult> put(const QString& path, SecretValue value, const QString& expected);
    Status mark(const QString& path, const QStringList& versions,
                const std::function<void(Version&)>& apply);
    ListPage generatedPage(const QString& folder, const PageRequest& page) const;

    QString m_providerId;
    CapabilitySet m_capabilities;
    QHash<int, QString> m_denied;
    DeletionRules m_rules;
    QMap<QString, Secret> m_secrets;
    QMap<QString, Binned> m_bin;
    QHash<QString, int> m_generated; // folder -> how many secrets it lists
    std::optional<BackendError> m_nextError;
    std::optional<DeleteOptions> m_lastDelete;
    QList<RotationSettings> m_configured;
    ConnectionState m_state = ConnectionState::Connected;
    int m_listCalls = 0;
    int m_locks = 0;
};

} // namespace strongroom::testing
