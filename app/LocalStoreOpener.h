#pragma once

#include "KdfParams.h"
#include "LocalStore.h"
#include "Result.h"
#include "SecretBytes.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

namespace strongroom {

class CredentialStore;

// Creates and opens the local encrypted store. Keychain protection (the default) keeps a random
// 32-byte key-encryption key in the OS keychain under "local-store-kek:<file path>"; passphrase
// protection derives the key from what the operator types. Keychain protection is refused when no
// keychain is available: a key that only lived in memory would make the store unreadable on the
// next run.
class LocalStoreOpener : public QObject {
    Q_OBJECT
public:
    LocalStoreOpener(CredentialStore* credentials, QString file, QObject* parent = nullptr);

    QString filePath() const { return m_file; }
    // How the existing store is protected; NotFound when there is no store yet.
    QCoro::Task<Result<LocalKeyProtection>> probe();
    // Makes a new store. `passphrase` is used (and required) for Passphrase protection only;
    // `kdf` sets its Argon2id costs.
    QCoro::Task<Result<std::unique_ptr<LocalStore>>>
    create(LocalKeyProtection protection, SecretBytes passphrase = {},
           KdfParams kdf = KdfParams::recommended());
    // Opens the existing store, with the keychain key or `passphrase`, whichever it uses.
    QCoro::Task<Result<std::unique_ptr<LocalStore>>> open(SecretBytes passphrase = {});
    // Unlocks a store that was locked (idle lock), the same way open() would.
    QCoro::Task<Status> unlock(LocalStore* store, SecretBytes passphrase = {});

    // Keychain key under which the store's key-encryption key lives.
    static QString kekKey(const QString& file);
    static constexpr std::size_t KekSize = 32;

private:
    // The LocalUnlock for `protection`, reading the key from the keychain if needed.
    QCoro::Task<Result<LocalUnlock>> unlockFor(LocalKeyProtection protection,
                                               SecretBytes passphrase);

    QPointer<CredentialStore> m_credentials;
    QString m_file;
};

} // namespace strongroom
