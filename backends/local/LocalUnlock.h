#pragma once

#include "SecretBytes.h"

#include <QString>

namespace strongroom {

// How the store's data key is protected at rest: under a random key the app keeps in the OS
// keychain, or under a key derived from a passphrase the operator types.
enum class LocalKeyProtection { Keychain, Passphrase };

// What unlocks a store: the passphrase, or the 32-byte key-encryption key from the keychain.
struct LocalUnlock {
    LocalKeyProtection protection = LocalKeyProtection::Passphrase;
    SecretBytes secret;
};

QString protectionName(LocalKeyProtection protection);

} // namespace strongroom
