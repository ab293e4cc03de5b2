#pragma once

#include "KdfParams.h"
#include "LocalUnlock.h"

#include <QByteArray>
#include <QDateTime>

namespace strongroom {

// The one header row of a store file: what it is, how its data key is protected.
struct LocalStoreHeader {
    static constexpr const char* Magic = "strongroom-local-store";
    static constexpr int CurrentFormat = 1;
    static constexpr int StoreIdSize = 16;

    int formatVersion = CurrentFormat;
    QByteArray storeId;
    LocalKeyProtection protection = LocalKeyProtection::Passphrase;
    KdfParams kdf; // unused (empty salt) for keychain protection
    QByteArray wrappedKey;
    QDateTime created;
};

} // namespace strongroom
