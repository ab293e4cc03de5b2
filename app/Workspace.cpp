#include "Workspace.h"

#include "AppSettings.h"
#include "AuditLog.h"
#include "CredentialStore.h"
#include "DeletionService.h"
#include "DemoSeeder.h"
#include "LocalStoreOpener.h"
#include "RotationService.h"
#include "SecretService.h"

namespace strongroom {

Workspace::Workspace(AppPaths paths, QObject* parent)
    : QObject(parent)
    , m_paths(std::move(paths)) {
    // A failure here surfaces as a clear error on the first write (store, log, settings).
    m_paths.ensureDirectories();
    m_settings = new AppSettings(m_paths.configFile(), this);
    m_audit = new AuditLog(m_paths.auditLogFile(), this);
    m_credentials = new CredentialStore(this);
    m_secrets = new SecretService(m_audit, this);
    m_deletions = new DeletionService(m_audit, this);
    m_rotations = new RotationService(m_audit, this);
    m_localOpener = new LocalStoreOpener(m_credentials, m_paths.localStoreFile(), this);
    m_seeder = new DemoSeeder(m_secrets, this);
}

Workspace::~Workspace() {
    // Connections go first: their backends may still reference the services below.
    qDeleteAll(m_connections);
    m_connections.clear();
    m_credentials->forgetInMemory();
}

QString Workspace::localDisplayName() {
    return tr("Local store");
}

Connection* Workspace::connection(const QString& id) const {
    for (auto* connection : m_connections) {
        if (connection->id() == id) {
            return connection;
        }
    }
    return nullptr;
}

Connection* Workspace::addConnection(std::unique_ptr<SecretBackend> backend, const QString& id,
                                     const QString& displayName, const QVariantMap& options) {
    if (!backend || id.isEmpty() || connection(id)) {
        return nullptr;
    }
    auto* added = new Connection(id, displayName, std::move(backend), this);
    m_connections.append(added);
    if (id != localConnectionId()) {
        auto saved = m_settings->connections();
        const ConnectionSettings entry{id, displayName, added->providerId(), options};
        auto it = std::find_if(saved.begin(), saved.end(),
                               [&](const ConnectionSettings& s) { return s.id == id; });
        if (it == saved.end()) {
            saved.append(entry);
        } else {
            *it = entry;
        }
        m_settings->setConnections(saved);
        m_settings->sync();
    }
    Q_EMIT connectionAdded(added);
    return added;
}

bool Workspace::removeConnection(const QString& id) {
    Connection* found = connection(id);
    if (!found) {
        return false;
    }
    m_connections.removeOne(found);
    if (id != localConnectionId()) {
        auto saved = m_settings->connections();
        saved.removeIf([&](const ConnectionSettings& s) { return s.id == id; });
        m_settings->setConnections(saved);
        m_settings->sync();
    }
    Q_EMIT connectionRemoved(id);
    // Later, not now: a coroutine may still be inside one of its backend calls.
    found->deleteLater();
    return true;
}

QList<ConnectionSettings> Workspace::savedConnections() const {
    return m_settings->connections();
}

QCoro::Task<Result<LocalKeyProtection>> Workspace::probeLocalStore() {
    co_return co_await m_localOpener->probe();
}

namespace {
BackendError localStoreAlreadyOpen() {
    return BackendError(BackendError::Kind::InvalidInput,
                        QObject::tr("the local store is already open"));
}
} // namespace

QCoro::Task<Result<Connection*>> Workspace::createLocalStore(LocalKeyProtection protection,
                                                             SecretBytes passphrase) {
    if (connection(localConnectionId())) {
        co_return localStoreAlreadyOpen();
    }
    auto creating = m_localOpener->create(protection, std::move(passphrase));
    auto adopting = adoptLocalStore(std::move(creating));
    co_return co_await std::move(adopting);
}

QCoro::Task<Result<Connection*>> Workspace::openLocalStore(SecretBytes passphrase) {
    if (connection(localConnectionId())) {
        co_return localStoreAlreadyOpen();
    }
    auto opening = m_localOpener->open(std::move(passphrase));
    auto adopting = adoptLocalStore(std::move(opening));
    co_return co_await std::move(adopting);
}

QCoro::Task<Result<Connection*>>
Workspace::adoptLocalStore(QCoro::Task<Result<std::unique_ptr<LocalStore>>> opening) {
    QPointer<Workspace> self(this);
    auto store = co_await std::move(opening);
    if (!store.ok()) {
        co_return store.error();
    }
    if (!self) {
        co_return BackendError(BackendError::Kind::Cancelled);
    }
    Connection* added =
        self->addConnection(std::move(store).value(), localConnectionId(), localDisplayName());
    if (!added) {
        co_return localStoreAlreadyOpen();
    }
    co_return added;
}

void Workspace::lock() {
    // Each connector takes its credentials back on unlocked() (keychain, environment, a prompt).
    for (auto* connection : m_connections) {
        connection->backend()->lock();
    }
    m_credentials->forgetInMemory();
    const bool wasLocked = m_locked;
    m_locked = true;
    if (!wasLocked) {
        Q_EMIT locked();
    }
}

bool Workspace::unlockNeedsPassphrase() const {
    const Connection* local = connection(localConnectionId());
    const auto* store = local ? qobject_cast<LocalStore*>(local->backend()) : nullptr;
    return store && store->protection() == LocalKeyProtection::Passphrase;
}

QCoro::Task<Status> Workspace::unlock(SecretBytes passphrase) {
    QPointer<Workspace> self(this);
    Connection* local = connection(localConnectionId());
    if (local) {
        auto* store = qobject_cast<LocalStore*>(local->backend());
        if (store && store->state() == ConnectionState::Locked) {
            // Named first: GCC 12 destroys temporaries inside a co_await expression twice.
            auto unlocking = m_localOpener->unlock(store, std::move(passphrase));
            auto unlocked = co_await std::move(unlocking);
            if (!unlocked.ok()) {
                co_return unlocked;
            }
        }
    }
    if (self && self->m_locked) {
        self->m_locked = false;
        Q_EMIT self->unlocked();
    }
    co_return Done{};
}

} // namespace strongroom
