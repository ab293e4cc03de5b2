#include "KeyWrap.h"

#include "EnvelopeCipher.h"

#include <argon2.h>

namespace strongroom {

Result<SecretBytes> KeyWrap::deriveKek(const SecretBytes& passphrase, const KdfParams& params) {
    if (!params.withinLimits()) {
        return BackendError(BackendError::Kind::InvalidInput,
                            QStringLiteral("key derivation parameters are out of range"));
    }
    if (passphrase.isEmpty()) {
        return BackendError(BackendError::Kind::InvalidInput,
                            QStringLiteral("the passphrase is empty"));
    }
    const std::string zeros(KeySize, '\0');
    SecretBytes kek(zeros.data(), zeros.size());
    const int rc =
        argon2id_hash_raw(params.iterations, params.memoryKiB, params.parallelism,
                          passphrase.data(), passphrase.size(), params.salt.constData(),
                          static_cast<std::size_t>(params.salt.size()), kek.data(), kek.size());
    if (rc != ARGON2_OK) {
        return BackendError(BackendError::Kind::InvalidInput,
                            QStringLiteral("key derivation failed: %1")
                                .arg(QString::fromLatin1(argon2_error_message(rc))));
    }
    return kek;
}

std::optional<QByteArray> KeyWrap::wrap(const SecretBytes& dataKey, const SecretBytes& kek,
                                        const QByteArray& storeId) {
    if (dataKey.size() != KeySize) {
        return std::nullopt;
    }
    return EnvelopeCipher::seal(kek, dataKey.view(), EnvelopeCipher::dataKeyContext(storeId));
}

std::optional<SecretBytes> KeyWrap::unwrap(const QByteArray& wrapped, const SecretBytes& kek,
                                           const QByteArray& storeId) {
    auto key = EnvelopeCipher::open(kek, wrapped, EnvelopeCipher::dataKeyContext(storeId));
    if (!key || key->size() != KeySize) {
        return std::nullopt;
    }
    return key;
}

} // namespace strongroom
