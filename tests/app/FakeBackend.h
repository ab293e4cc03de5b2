#pragma once

#include "SecretBackend.h"

#include <optional>
#include <QMap>

// An in-memory store with Vault KV v2 semantics (integer versions, check-and-set, soft delete,
// destroy, rollback as a new version) for exercising the app layer without a server. Tests can
// make the next call fail with a chosen error.
class FakeBackend : public strongroom::SecretBackend {
    Q_OBJECT
public:
    using SecretBackend::SecretBackend;

    QString providerId() const override { return QStringLiteral("fake"); }
    strongroom::ConnectionState state() const override { return m_state; }
    strongroom::Capabilities storeCapabilities() const override;
    QCoro::Task<strongroom::Result<strongroom::Capabilities>>
    capabilitiesFor(strongroom::SecretRef ref) override;
    QCoro::Task<strongroom::Result<strongroom::ListPage>>
    list(QString folder, strongroom::PageRequest page, strongroom::CancelToken cancel) override;
    QCoro::Task<strongroom::Result<strongroom::SecretValue>> read(strongroom::SecretRef ref,
                                                                  QString version) override;
    QCoro::Task<strongroom::Result<QList<strongroom::VersionInfo>>>
    versions(strongroom::SecretRef ref) override;
    QCoro::Task<strongroom::Result<strongroom::SecretMetadata>>
    metadata(strongroom::SecretRef ref) override;
    QCoro::Task<strongroom::Result<strongroom::WriteResult>>
    write(strongroom::WriteRequest request) override;
    QCoro::Task<strongroom::Result<strongroom::WriteResult>>
    rollback(strongroom::SecretRef ref, QString version, QString expectedCurrentVersion) override;
    QCoro::Task<strongroom::Status> deleteVersions(strongroom::SecretRef ref,
                                                   QStringList versions) override;
    QCoro::Task<strongroom::Status> undeleteVersions(strongroom::SecretRef ref,
                                                     QStringList versions) override;
    QCoro::Task<strongroom::Status> destroyVersions(strongroom::SecretRef ref,
                                                    QStringList versions) override;
    QCoro::Task<strongroom::Status> deleteSecret(strongroom::SecretRef ref,
                                                 strongroom::DeleteOptions options) override;
    void lock() override { m_locks += 1; }
    int locks() const { return m_locks; }

    void failNextCall(strongroom::BackendError error) { m_nextError = std::move(error); }
    void setState(strongroom::ConnectionState state);
    int secretCount() const { return static_cast<int>(m_secrets.size()); }

private:
    struct Version {
        strongroom::SecretValue value;
        bool deleted = false;
        bool destroyed = false;
    };
    struct Secret {
        std::vector<Version> versions; // index + 1 = version id
    };
    std::optional<strongroom::BackendError> takeError();
    strongroom::Result<strongroom::WriteResult>
    put(const QString& path, strongroom::SecretValue value, const QString& expected);
    strongroom::Status mark(const QString& path, const QStringList& versions,
                            void (*apply)(Version&));

    QMap<QString, Secret> m_secrets;
    std::optional<strongroom::BackendError> m_nextError;
    strongroom::ConnectionState m_state = strongroom::ConnectionState::Connected;
    int m_locks = 0;
};
