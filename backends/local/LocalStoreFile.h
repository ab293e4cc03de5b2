#pragma once

#include "KdfParams.h"
#include "LocalStoreConnection.h"
#include "LocalStoreHeader.h"
#include "LocalUnlock.h"
#include "Result.h"
#include "SecretBytes.h"

#include <QByteArray>
#include <QString>

namespace strongroom {

// What an unlocked store needs to work: its id (bound into every ciphertext) and the data key.
struct UnlockedKey {
    QByteArray storeId;
    LocalKeyProtection protection = LocalKeyProtection::Passphrase;
    SecretBytes dataKey;
};

// Creating, inspecting and unlocking a store file. Runs on the worker thread. A file is only
// ever opened read-write after its header validated, so a foreign or damaged file is never
// modified.
class LocalStoreFile {
public:
    static Result<LocalKeyProtection> probe(LocalStoreConnection& connection, const QString& file);
    static Result<UnlockedKey> create(LocalStoreConnection& connection, const QString& file,
                                      const LocalUnlock& unlock, const KdfParams& kdf);
    static Result<UnlockedKey> open(LocalStoreConnection& connection, const QString& file,
                                    const LocalUnlock& unlock);
    // Re-reads the header of the already open file and unwraps the data key again.
    static Result<UnlockedKey> unlock(LocalStoreConnection& connection, const LocalUnlock& unlock);
    // Re-wraps the data key under a new passphrase or keychain key; values are untouched.
    static Status changeProtection(LocalStoreConnection& connection, const UnlockedKey& key,
                                   const LocalUnlock& newUnlock, const KdfParams& kdf);

private:
    static Result<LocalStoreHeader> validatedHeader(LocalStoreConnection& connection,
                                                    const QString& file);
    static Result<SecretBytes> kekFor(const LocalStoreHeader& header, const LocalUnlock& unlock);
    static Result<QByteArray> wrapFor(LocalStoreHeader& header, const SecretBytes& dataKey,
                                      const LocalUnlock& unlock, const KdfParams& kdf);
};

} // namespace strongroom
