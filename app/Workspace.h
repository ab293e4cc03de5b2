#pragma once

#include "AppPaths.h"
#include "Connection.h"
#include "ConnectionSettings.h"
#include "LocalStore.h"
#include "Result.h"
#include "SecretBytes.h"

#include <QCoroTask>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QVariantMap>

#include <memory>

namespace strongroom {

class AppSettings;
class AuditLog;
class CredentialStore;
class DeletionService;
class DemoSeeder;
class LocalStoreOpener;
class RotationService;
class SecretService;

// The object graph of one running Strongroom (GUI or CLI): the open connections and the services
// shared by every front end. Owns everything it hands out.
class Workspace : public QObject {
    Q_OBJECT
public:
    explicit Workspace(AppPaths paths = AppPaths::fromEnvironment(), QObject* parent = nullptr);
    ~Workspace() override;

    const AppPaths& paths() const { return m_paths; }
    AppSettings* settings() const { return m_settings; }
    AuditLog* auditLog() const { return m_audit; }
    CredentialStore* credentials() const { return m_credentials; }
    SecretService* secrets() const { return m_secrets; }
    DeletionService* deletions() const { return m_deletions; }
    RotationService* rotations() const { return m_rotations; }
    LocalStoreOpener* localStoreOpener() const { return m_localOpener; }
    DemoSeeder* demoSeeder() const { return m_seeder; }

    QList<Connection*> connections() const { return m_connections; }
    Connection* connection(const QString& id) const;

    // Adds an open backend. `options` (address, region... never a secret) are saved so the
    // connection is listed next run; the local store is never saved (its file is its setting).
    // Returns nullptr if `id` is taken.
    Connection* addConnection(std::unique_ptr<SecretBackend> backend, const QString& id,
                              const QString& displayName, const QVariantMap& options = {});
    // Closes and forgets the connection (and its saved settings).
    bool removeConnection(const QString& id);
    // Connections saved by earlier runs, for the front end to reconnect (each provider needs its
    // own credential flow, so the workspace does not build their backends itself).
    QList<ConnectionSettings> savedConnections() const;

    static QString localConnectionId() { return QStringLiteral("local"); }
    static QString localDisplayName();

    // How the local store is protected; NotFound when it does not exist yet.
    QCoro::Task<Result<LocalKeyProtection>> probeLocalStore();
    // Creates the local store and adds it as the "local" connection.
    QCoro::Task<Result<Connection*>> createLocalStore(LocalKeyProtection protection,
                                                      SecretBytes passphrase = {});
    // Opens the existing local store and adds it as the "local" connection.
    QCoro::Task<Result<Connection*>> openLocalStore(SecretBytes passphrase = {});

    // Idle lock: every backend drops its keys, tokens and decrypted data (SecretBackend::lock),
    // credentials kept in memory are wiped, and locked() tells the UI to clear what it shows.
    void lock();
    bool isLocked() const { return m_locked; }
    // Whether unlock() needs the passphrase: the local store is open and protected by one.
    bool unlockNeedsPassphrase() const;
    // Unlocks the local store again (keychain key, or `passphrase` for a passphrase store).
    QCoro::Task<Status> unlock(SecretBytes passphrase = {});

Q_SIGNALS:
    void connectionAdded(strongroom::Connection* connection);
    void connectionRemoved(const QString& id);
    void locked();
    void unlocked();

private:
    // Adds the store `opening` yields as the "local" connection once it is open.
    QCoro::Task<Result<Connection*>>
    adoptLocalStore(QCoro::Task<Result<std::unique_ptr<LocalStore>>> opening);
    void saveConnectionSettings();

    AppPaths m_paths;
    AppSettings* m_settings;
    AuditLog* m_audit;
    CredentialStore* m_credentials;
    SecretService* m_secrets;
    DeletionService* m_deletions;
    RotationService* m_rotations;
    LocalStoreOpener* m_localOpener;
    DemoSeeder* m_seeder;
    QList<Connection*> m_connections;
    QHash<QString, QVariantMap> m_options; // saved options of non-local connections
    bool m_locked = false;
};

} // namespace strongroom
