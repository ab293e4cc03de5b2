#include "GenerateRootToken.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <algorithm>

#include <QByteArray>

namespace strongroom::vault {

namespace {

using Kind = BackendError::Kind;

constexpr char base62[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr int legacyOtpBytes = 16;

// Both raw (no padding) and padded base64; empty on anything else.
QByteArray fromBase64(std::string_view text) {
    QByteArray padded(text.data(), static_cast<qsizetype>(text.size()));
    while (padded.size() % 4 != 0) {
        padded.append('=');
    }
    auto decoded = QByteArray::fromBase64Encoding(padded, QByteArray::AbortOnBase64DecodingErrors);
    wipe(padded);
    if (!decoded) {
        return {};
    }
    return std::move(decoded.decoded);
}

void appendHex(SecretBytes& out, unsigned char byte) {
    static constexpr char digits[] = "0123456789abcdef";
    const char pair[2] = {digits[byte >> 4], digits[byte & 0x0f]};
    out.append(std::string_view(pair, 2));
}

} // namespace

SecretBytes makeGenerateRootOtp(int length) {
    SecretBytes otp;
    // 62 * 4 = 248: bytes at or above it would favour the first characters, so they are drawn
    // again.
    constexpr unsigned limit = 248;
    unsigned char pool[64];
    while (otp.size() < static_cast<std::size_t>(std::max(length, 0))) {
        if (RAND_bytes(pool, sizeof(pool)) != 1) {
            OPENSSL_cleanse(pool, sizeof(pool));
            return {};
        }
        for (unsigned char byte : pool) {
            if (byte >= limit || otp.size() >= static_cast<std::size_t>(length)) {
                continue;
            }
            const char c = base62[byte % 62];
            otp.append(std::string_view(&c, 1));
        }
    }
    OPENSSL_cleanse(pool, sizeof(pool));
    return otp;
}

SecretBytes makeLegacyGenerateRootOtp() {
    auto raw = SecretBytes::random(legacyOtpBytes);
    auto bytes = raw.toByteArrayUnsafe();
    auto encoded = bytes.toBase64();
    wipe(bytes);
    return SecretBytes::takeFrom(encoded);
}

Result<SecretBytes> decodeGenerateRootToken(const SecretBytes& encodedToken,
                                            const SecretBytes& otp) {
    if (encodedToken.isEmpty() || otp.isEmpty()) {
        return BackendError(Kind::InvalidInput,
                            QStringLiteral("decoding the root token needs the encoded token and "
                                           "the one-time password"));
    }
    auto encoded = fromBase64(encodedToken.view());
    if (encoded.isEmpty()) {
        return BackendError(Kind::InvalidResponse,
                            QStringLiteral("the encoded root token is not base64"));
    }
    SecretBytes token;
    if (encoded.size() == static_cast<qsizetype>(otp.size())) {
        for (qsizetype i = 0; i < encoded.size(); ++i) {
            const char c = static_cast<char>(encoded[i] ^ otp.data()[i]);
            token.append(std::string_view(&c, 1));
        }
        wipe(encoded);
        return token;
    }
    // Legacy: the OTP was base64 of 16 bytes, and the token a UUID's 16 bytes.
    auto legacyOtp = fromBase64(otp.view());
    if (legacyOtp.size() == legacyOtpBytes && encoded.size() == legacyOtpBytes) {
        for (int i = 0; i < legacyOtpBytes; ++i) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                token.append("-");
            }
            appendHex(token, static_cast<unsigned char>(encoded[i] ^ legacyOtp[i]));
        }
        wipe(encoded);
        wipe(legacyOtp);
        return token;
    }
    const auto lengths = QStringLiteral("%1 bytes against a %2-character one-time password")
                             .arg(encoded.size())
                             .arg(otp.size());
    wipe(encoded);
    wipe(legacyOtp);
    return BackendError(Kind::InvalidResponse,
                        QStringLiteral("the encoded root token does not match the one-time "
                                       "password (%1)")
                            .arg(lengths));
}

} // namespace strongroom::vault
