#pragma once

#include "SecretBytes.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <string_view>

namespace strongroom {

// AES-256-GCM with a random 96-bit nonce per message. A sealed blob is nonce || ciphertext || tag.
// The associated data is authenticated but not stored, so a blob only opens in the context
// (store, path, version) it was sealed for: rows cannot be swapped or moved undetected.
class EnvelopeCipher {
public:
    static constexpr int KeySize = 32;
    static constexpr int NonceSize = 12;
    static constexpr int TagSize = 16;

    // Empty on a key of the wrong size or an OpenSSL failure.
    static std::optional<QByteArray> seal(const SecretBytes& key, std::string_view plaintext,
                                          const QByteArray& associatedData);
    // Empty when the blob was tampered with, belongs to another context or the key is wrong.
    static std::optional<SecretBytes> open(const SecretBytes& key, const QByteArray& sealed,
                                           const QByteArray& associatedData);

    // Context of one version's value: store id, path, version number, format and content type.
    static QByteArray valueContext(const QByteArray& storeId, const QString& path, qint64 version,
                                   const QString& format, const QString& contentType);
    // Context of the wrapped data key.
    static QByteArray dataKeyContext(const QByteArray& storeId);
};

} // namespace strongroom
