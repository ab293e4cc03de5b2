#include "LocalStore.h"

#include "LocalPath.h"
#include "LocalStoreEngine.h"
#include "LocalStoreFile.h"
#include "LocalStoreWorker.h"

#include <QCoroFuture>
#include <QPointer>

#include <exception>

namespace strongroom {

namespace {

BackendError lockedError() {
    return BackendError(BackendError::Kind::Unauthenticated, QStringLiteral("store is locked"));
}

BackendError closedError() {
    return BackendError(BackendError::Kind::Cancelled, QStringLiteral("the store was closed"));
}

// Jobs run on a pool thread, where an escaping exception would end up in QFuture as an opaque
// QUnhandledException; turn the rare ones (random generator or allocation failure) into errors.
template <typename Fn> auto guarded(Fn fn) {
    return [fn = std::move(fn)](LocalStoreConnection& connection) -> decltype(fn(connection)) {
        try {
            return fn(connection);
        } catch (const std::exception& failure) {
            return BackendError(BackendError::Kind::InvalidResponse,
                                QStringLiteral("local store failure: %1")
                                    .arg(QString::fromLocal8Bit(failure.what())));
        }
    };
}

} // namespace

LocalStore::LocalStore(QString file, std::shared_ptr<LocalStoreWorker> worker, UnlockedKey key)
    : m_file(std::move(file))
    , m_worker(std::move(worker))
    , m_storeId(key.storeId)
    , m_protection(key.protection)
    , m_dataKey(std::move(key.dataKey)) {}

LocalStore::~LocalStore() = default;

QCoro::Task<Result<LocalKeyProtection>> LocalStore::probe(QString file) {
    auto worker = std::make_shared<LocalStoreWorker>();
    // The job is built outside the co_await expression: GCC 12 destroys non-trivial temporaries
    // of a co_await full-expression twice (GCC PR 99576).
    auto future = worker->run(guarded([file](LocalStoreConnection& connection) {
        return LocalStoreFile::probe(connection, file);
    }));
    co_return co_await future;
}

QCoro::Task<Result<std::unique_ptr<LocalStore>>>
LocalStore::create(QString file, LocalUnlock credentials, KdfParams kdf) {
    auto worker = std::make_shared<LocalStoreWorker>();
    auto future = worker->run(guarded([file, credentials, kdf](LocalStoreConnection& connection) {
        return LocalStoreFile::create(connection, file, credentials, kdf);
    }));
    auto created = co_await future;
    if (!created) {
        co_return created.error();
    }
    co_return std::unique_ptr<LocalStore>(
        new LocalStore(file, std::move(worker), std::move(created.value())));
}

QCoro::Task<Result<std::unique_ptr<LocalStore>>> LocalStore::open(QString file,
                                                                  LocalUnlock credentials) {
    auto worker = std::make_shared<LocalStoreWorker>();
    auto future = worker->run(guarded([file, credentials](LocalStoreConnection& connection) {
        return LocalStoreFile::open(connection, file, credentials);
    }));
    auto opened = co_await future;
    if (!opened) {
        co_return opened.error();
    }
    co_return std::unique_ptr<LocalStore>(
        new LocalStore(file, std::move(worker), std::move(opened.value())));
}

void LocalStore::setState(ConnectionState state) {
    if (m_state != state) {
        m_state = state;
        Q_EMIT stateChanged(state);
    }
}

void LocalStore::lock() {
    m_dataKey.clear();
    setState(ConnectionState::Locked);
}

QCoro::Task<Status> LocalStore::unlock(LocalUnlock credentials) {
    QPointer<LocalStore> self(this);
    auto worker = m_worker;
    auto future = worker->run(guarded([credentials](LocalStoreConnection& connection) {
        return LocalStoreFile::unlock(connection, credentials);
    }));
    auto unlocked = co_await future;
    if (!self) {
        co_return closedError();
    }
    if (!unlocked) {
        co_return unlocked.error();
    }
    if (unlocked->storeId != m_storeId) {
        co_return BackendError(BackendError::Kind::InvalidResponse,
                               QStringLiteral("the store file was replaced while locked"));
    }
    m_dataKey = std::move(unlocked->dataKey);
    setState(ConnectionState::Connected);
    co_return Done{};
}

QCoro::Task<Status> LocalStore::changePassphrase(LocalUnlock newCredentials, KdfParams kdf) {
    if (m_dataKey.isEmpty()) {
        co_return lockedError();
    }
    QPointer<LocalStore> self(this);
    auto worker = m_worker;
    UnlockedKey key{m_storeId, m_protection, m_dataKey};
    auto future = worker->run(guarded([key, newCredentials, kdf](LocalStoreConnection& connection) {
        return LocalStoreFile::changeProtection(connection, key, newCredentials, kdf);
    }));
    auto changed = co_await future;
    if (changed && self) {
        m_protection = newCredentials.protection;
    }
    co_return changed;
}

template <typename T, typename Job> QCoro::Task<Result<T>> LocalStore::withEngine(Job job) {
    if (m_dataKey.isEmpty()) {
        co_return lockedError();
    }
    // Only copies are used after the await: the store may be gone by the time it resumes.
    auto worker = m_worker;
    auto future = worker->run(guarded([key = m_dataKey, storeId = m_storeId, job = std::move(job)](
                                          LocalStoreConnection& connection) -> Result<T> {
        LocalStoreEngine engine(connection.db(), key, storeId);
        return job(engine);
    }));
    co_return co_await future;
}

QString LocalStore::providerId() const {
    return QStringLiteral("local");
}

Capabilities LocalStore::storeCapabilities() const {
    Capabilities caps(Capability::List | Capability::Read | Capability::Write |
                      Capability::Versions | Capability::ReadVersion | Capability::DeleteVersion |
                      Capability::UndeleteVersion | Capability::DestroyVersion |
                      Capability::DeleteSecret | Capability::Rollback | Capability::EditMetadata |
                      Capability::BinaryValues | Capability::CheckAndSet);
    // What the store lacks, in words an operator can act on (shown on the disabled actions).
    const QString noBin = tr("The local store has no bin: deleting a secret removes every "
                             "version at once");
    for (const auto capability : {Capability::RecoverableDelete, Capability::ListDeleted,
                                  Capability::RestoreSecret, Capability::PurgeSecret}) {
        caps.deny(capability, noBin);
    }
    caps.deny(Capability::EnableVersion,
              tr("Local store versions cannot be disabled; delete a version to hide it and "
                 "undelete it to bring it back"));
    caps.deny(Capability::MoveLabel, tr("Local store versions carry no labels to move; roll back "
                                        "to make an old version current"));
    const QString noRotation = tr("The local store does not rotate secrets; write a new value "
                                  "to replace one");
    for (const auto capability : {Capability::RotationStatus, Capability::Rotate,
                                  Capability::ConfigureRotation, Capability::ClearStuckRotation}) {
        caps.deny(capability, noRotation);
    }
    return caps;
}

QCoro::Task<Result<Capabilities>> LocalStore::capabilitiesFor(SecretRef ref) {
    if (m_dataKey.isEmpty()) {
        co_return lockedError();
    }
    if (auto invalid = LocalPath::checkSecret(ref.path)) {
        co_return *invalid;
    }
    // Whoever holds the key may do everything the store supports.
    co_return storeCapabilities();
}

QCoro::Task<Result<ListPage>> LocalStore::list(QString folder, PageRequest page,
                                               CancelToken cancel) {
    auto task = withEngine<ListPage>([folder, page, cancel](LocalStoreEngine& engine) {
        return engine.list(folder, page, cancel);
    });
    co_return co_await std::move(task);
}

QCoro::Task<Result<SecretValue>> LocalStore::read(SecretRef ref, QString version) {
    auto task = withEngine<SecretValue>(
        [ref, version](LocalStoreEngine& engine) { return engine.read(ref.path, version); });
    co_return co_await std::move(task);
}

QCoro::Task<Result<QList<VersionInfo>>> LocalStore::versions(SecretRef ref) {
    auto task = withEngine<QList<VersionInfo>>(
        [ref](LocalStoreEngine& engine) { return engine.versions(ref.path); });
    co_return co_await std::move(task);
}

QCoro::Task<Result<SecretMetadata>> LocalStore::metadata(SecretRef ref) {
    auto task = withEngine<SecretMetadata>(
        [ref](LocalStoreEngine& engine) { return engine.metadata(ref.path); });
    co_return co_await std::move(task);
}

QCoro::Task<Result<WriteResult>> LocalStore::write(WriteRequest request) {
    auto task = withEngine<WriteResult>(
        [request](LocalStoreEngine& engine) { return engine.write(request); });
    co_return co_await std::move(task);
}

QCoro::Task<Result<WriteResult>> LocalStore::rollback(SecretRef ref, QString version,
                                                      QString expectedCurrentVersion) {
    auto task =
        withEngine<WriteResult>([ref, version, expectedCurrentVersion](LocalStoreEngine& engine) {
            return engine.rollback(ref.path, version, expectedCurrentVersion);
        });
    co_return co_await std::move(task);
}

QCoro::Task<Status> LocalStore::deleteVersions(SecretRef ref, QStringList versions) {
    auto task = withEngine<Done>([ref, versions](LocalStoreEngine& engine) {
        return engine.changeVersions(ref.path, versions, LocalStoreEngine::VersionChange::Delete);
    });
    co_return co_await std::move(task);
}

QCoro::Task<Status> LocalStore::undeleteVersions(SecretRef ref, QStringList versions) {
    auto task = withEngine<Done>([ref, versions](LocalStoreEngine& engine) {
        return engine.changeVersions(ref.path, versions, LocalStoreEngine::VersionChange::Undelete);
    });
    co_return co_await std::move(task);
}

QCoro::Task<Status> LocalStore::destroyVersions(SecretRef ref, QStringList versions) {
    auto task = withEngine<Done>([ref, versions](LocalStoreEngine& engine) {
        return engine.changeVersions(ref.path, versions, LocalStoreEngine::VersionChange::Destroy);
    });
    co_return co_await std::move(task);
}

DeletionRules LocalStore::deletionRules() const {
    DeletionRules rules;
    rules.note = tr("The local store has no bin: deleting a secret removes every version at once");
    return rules;
}

QCoro::Task<Status> LocalStore::deleteSecret(SecretRef ref, DeleteOptions options) {
    if (options.recoveryDays != 0) {
        co_return BackendError(BackendError::Kind::Unsupported, deletionRules().note);
    }
    auto task =
        withEngine<Done>([ref](LocalStoreEngine& engine) { return engine.deleteSecret(ref.path); });
    co_return co_await std::move(task);
}

QCoro::Task<Status> LocalStore::updateMetadata(SecretRef ref, MetadataUpdate update) {
    auto task = withEngine<Done>([ref, update](LocalStoreEngine& engine) {
        return engine.updateMetadata(ref.path, update);
    });
    co_return co_await std::move(task);
}

} // namespace strongroom
