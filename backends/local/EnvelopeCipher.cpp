#include "EnvelopeCipher.h"

#include <QtEndian>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>
#include <string>

namespace strongroom {

namespace {

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherContext newContext() {
    return CipherContext(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
}

const unsigned char* bytesOf(const QByteArray& array) {
    return reinterpret_cast<const unsigned char*>(array.constData());
}

unsigned char* bytesOf(QByteArray& array) {
    return reinterpret_cast<unsigned char*>(array.data());
}

// Length-prefixed so that ("ab","c") and ("a","bc") give different contexts.
void appendField(QByteArray& out, const QByteArray& field) {
    char length[4];
    qToBigEndian(static_cast<quint32>(field.size()), length);
    out.append(length, 4);
    out.append(field);
}

} // namespace

std::optional<QByteArray> EnvelopeCipher::seal(const SecretBytes& key, std::string_view plaintext,
                                               const QByteArray& associatedData) {
    if (key.size() != KeySize) {
        return std::nullopt;
    }
    QByteArray sealed(NonceSize + static_cast<qsizetype>(plaintext.size()) + TagSize, '\0');
    unsigned char* nonce = bytesOf(sealed);
    if (RAND_bytes(nonce, NonceSize) != 1) {
        return std::nullopt;
    }
    auto ctx = newContext();
    int length = 0;
    int total = 0;
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, NonceSize, nullptr) != 1 ||
        EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key.bytes(), nonce) != 1 ||
        EVP_EncryptUpdate(ctx.get(), nullptr, &length, bytesOf(associatedData),
                          static_cast<int>(associatedData.size())) != 1 ||
        EVP_EncryptUpdate(ctx.get(), nonce + NonceSize, &length,
                          reinterpret_cast<const unsigned char*>(plaintext.data()),
                          static_cast<int>(plaintext.size())) != 1) {
        return std::nullopt;
    }
    total = length;
    if (EVP_EncryptFinal_ex(ctx.get(), nonce + NonceSize + total, &length) != 1) {
        return std::nullopt;
    }
    total += length;
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, TagSize, nonce + NonceSize + total) !=
        1) {
        return std::nullopt;
    }
    return sealed;
}

std::optional<SecretBytes> EnvelopeCipher::open(const SecretBytes& key, const QByteArray& sealed,
                                                const QByteArray& associatedData) {
    if (key.size() != KeySize || sealed.size() < NonceSize + TagSize) {
        return std::nullopt;
    }
    const auto cipherLength = static_cast<std::size_t>(sealed.size() - NonceSize - TagSize);
    const unsigned char* nonce = bytesOf(sealed);
    const std::string zeros(cipherLength, '\0');
    SecretBytes plain(zeros.data(), zeros.size());
    auto* out = reinterpret_cast<unsigned char*>(plain.data());
    QByteArray tag = sealed.right(TagSize);
    auto ctx = newContext();
    int length = 0;
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, NonceSize, nullptr) != 1 ||
        EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key.bytes(), nonce) != 1 ||
        EVP_DecryptUpdate(ctx.get(), nullptr, &length, bytesOf(associatedData),
                          static_cast<int>(associatedData.size())) != 1) {
        return std::nullopt;
    }
    if (cipherLength > 0 && EVP_DecryptUpdate(ctx.get(), out, &length, nonce + NonceSize,
                                              static_cast<int>(cipherLength)) != 1) {
        return std::nullopt;
    }
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, TagSize, bytesOf(tag)) != 1) {
        return std::nullopt;
    }
    unsigned char finalBlock[16];
    if (EVP_DecryptFinal_ex(ctx.get(), finalBlock, &length) != 1) {
        // `plain` holds unauthenticated bytes; its destructor wipes them.
        return std::nullopt;
    }
    return plain;
}

QByteArray EnvelopeCipher::valueContext(const QByteArray& storeId, const QString& path,
                                        qint64 version, const QString& format,
                                        const QString& contentType) {
    QByteArray context("strongroom-value-v1");
    appendField(context, storeId);
    appendField(context, path.toUtf8());
    char number[8];
    qToBigEndian(static_cast<quint64>(version), number);
    appendField(context, QByteArray(number, 8));
    appendField(context, format.toUtf8());
    appendField(context, contentType.toUtf8());
    return context;
}

QByteArray EnvelopeCipher::dataKeyContext(const QByteArray& storeId) {
    QByteArray context("strongroom-data-key-v1");
    appendField(context, storeId);
    appendField(context, QByteArrayLiteral("data-key"));
    return context;
}

} // namespace strongroom
