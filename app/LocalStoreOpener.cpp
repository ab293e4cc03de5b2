#include "LocalStoreOpener.h"

#include "CredentialStore.h"

#include <QFileInfo>

namespace strongroom {

namespace {

BackendError noKeychainForStore() {
    return BackendError(
        BackendError::Kind::Unsupported,
        QObject::tr("No OS keychain is available to hold the local store's key. Choose a "
                    "passphrase for the local store instead"));
}

BackendError passphraseNeeded() {
    return BackendError(BackendError::Kind::Unauthenticated,
                        QObject::tr("the local store is protected by a passphrase; enter it"));
}

BackendError gone() {
    return BackendError(BackendError::Kind::Cancelled, QStringLiteral("closing"));
}

} // namespace

LocalStoreOpener::LocalStoreOpener(CredentialStore* credentials, QString file, QObject* parent)
    : QObject(parent)
    , m_credentials(credentials)
    , m_file(std::move(file)) {}

QString LocalStoreOpener::kekKey(const QString& file) {
    // The absolute path, so two stores never share a key and a relative path finds the same one.
    return QStringLiteral("local-store-kek:") + QFileInfo(file).absoluteFilePath();
}

QCoro::Task<Result<LocalKeyProtection>> LocalStoreOpener::probe() {
    co_return co_await LocalStore::probe(m_file);
}

QCoro::Task<Result<std::unique_ptr<LocalStore>>>
LocalStoreOpener::create(LocalKeyProtection protection, SecretBytes passphrase, KdfParams kdf) {
    QPointer<LocalStoreOpener> self(this);
    const QString file = m_file;
    if (protection == LocalKeyProtection::Passphrase) {
        if (passphrase.isEmpty()) {
            co_return BackendError(BackendError::Kind::InvalidInput,
                                   tr("a passphrase is needed to create the local store"));
        }
        // Tasks are named before co_await: GCC 12 destroys temporaries inside a co_await
        // expression twice.
        LocalUnlock unlock{LocalKeyProtection::Passphrase, std::move(passphrase)};
        auto creating = LocalStore::create(file, std::move(unlock), kdf);
        co_return co_await std::move(creating);
    }

    QPointer<CredentialStore> credentials = m_credentials;
    if (!credentials) {
        co_return gone();
    }
    if (credentials->keychainMissing()) {
        co_return noKeychainForStore();
    }
    // The key goes to the keychain first: a store whose key was never saved would be lost.
    SecretBytes kek = SecretBytes::random(KekSize);
    const QString key = kekKey(file);
    auto saving = credentials->write(key, kek, CredentialStore::Persistence::KeychainOnly);
    auto saved = co_await std::move(saving);
    if (!saved.ok()) {
        if (credentials && credentials->keychainMissing()) {
            co_return noKeychainForStore();
        }
        co_return saved.error();
    }
    LocalUnlock unlock{LocalKeyProtection::Keychain, std::move(kek)};
    auto creating = LocalStore::create(file, std::move(unlock), kdf);
    auto store = co_await std::move(creating);
    if (!store.ok() && credentials) {
        // Do not leave an orphan key behind for a store that does not exist.
        auto removing = credentials->remove(key);
        co_await std::move(removing);
    }
    co_return store;
}

QCoro::Task<Result<LocalUnlock>> LocalStoreOpener::unlockFor(LocalKeyProtection protection,
                                                             SecretBytes passphrase) {
    if (protection == LocalKeyProtection::Passphrase) {
        if (passphrase.isEmpty()) {
            co_return passphraseNeeded();
        }
        co_return LocalUnlock{LocalKeyProtection::Passphrase, std::move(passphrase)};
    }
    QPointer<CredentialStore> credentials = m_credentials;
    if (!credentials) {
        co_return gone();
    }
    auto reading = credentials->read(kekKey(m_file));
    auto kek = co_await std::move(reading);
    if (!kek.ok()) {
        if (credentials && credentials->keychainMissing()) {
            co_return BackendError(BackendError::Kind::Unauthenticated,
                                   tr("the local store's key is in the OS keychain, and no "
                                      "keychain is available"));
        }
        if (kek.error().kind() == BackendError::Kind::NotFound) {
            co_return BackendError(BackendError::Kind::Unauthenticated,
                                   tr("the local store's key is missing from the OS keychain"));
        }
        co_return kek.error();
    }
    co_return LocalUnlock{LocalKeyProtection::Keychain, std::move(kek).value()};
}

QCoro::Task<Result<std::unique_ptr<LocalStore>>> LocalStoreOpener::open(SecretBytes passphrase) {
    QPointer<LocalStoreOpener> self(this);
    const QString file = m_file;
    auto protection = co_await LocalStore::probe(file);
    if (!protection.ok()) {
        co_return protection.error();
    }
    if (!self) {
        co_return gone();
    }
    auto unlocking = self->unlockFor(protection.value(), std::move(passphrase));
    auto unlock = co_await std::move(unlocking);
    if (!unlock.ok()) {
        co_return unlock.error();
    }
    auto opening = LocalStore::open(file, std::move(unlock).value());
    co_return co_await std::move(opening);
}

QCoro::Task<Status> LocalStoreOpener::unlock(LocalStore* store, SecretBytes passphrase) {
    if (!store) {
        co_return BackendError(BackendError::Kind::InvalidInput, QStringLiteral("no store"));
    }
    QPointer<LocalStore> guard(store);
    auto unlocking = unlockFor(store->protection(), std::move(passphrase));
    auto credentials = co_await std::move(unlocking);
    if (!credentials.ok()) {
        co_return credentials.error();
    }
    if (!guard) {
        co_return gone();
    }
    auto reopening = guard->unlock(std::move(credentials).value());
    co_return co_await std::move(reopening);
}

} // namespace strongroom
