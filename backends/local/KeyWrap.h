#pragma once

#include "KdfParams.h"
#include "Result.h"
#include "SecretBytes.h"

#include <QByteArray>

#include <optional>

namespace strongroom {

// The store's values are sealed under a random 256-bit data key; the data key is stored sealed
// under a key-encryption key (KEK). Changing the passphrase only re-wraps the data key.
class KeyWrap {
public:
    static constexpr int KeySize = 32;

    // KEK from a passphrase with Argon2id. Slow on purpose: call it off the UI thread.
    static Result<SecretBytes> deriveKek(const SecretBytes& passphrase, const KdfParams& params);
    static std::optional<QByteArray> wrap(const SecretBytes& dataKey, const SecretBytes& kek,
                                          const QByteArray& storeId);
    // Empty when the KEK is wrong or the wrapped key or store id was altered.
    static std::optional<SecretBytes> unwrap(const QByteArray& wrapped, const SecretBytes& kek,
                                             const QByteArray& storeId);
};

} // namespace strongroom
