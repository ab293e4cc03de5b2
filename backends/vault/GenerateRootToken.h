#pragma once

#include "Result.h"
#include "SecretBytes.h"

namespace strongroom::vault {

// The one-time password of a generate-root attempt and the decoding of its encoded_token.

// `length` characters of base62 from OpenSSL's RAND_bytes (rejection sampling keeps every
// character equally likely). This is the form current Vault and OpenBao expect (otp_length).
SecretBytes makeGenerateRootOtp(int length);
// The legacy OTP of old servers (otp_length 0): 16 random bytes, base64.
SecretBytes makeLegacyGenerateRootOtp();

// encoded_token (base64, raw or padded) XOR the OTP's ASCII bytes -> the token. A legacy OTP
// (base64 of 16 bytes) XORs the decoded bytes and formats them as a UUID. InvalidResponse when
// the lengths do not match or the text is not base64.
Result<SecretBytes> decodeGenerateRootToken(const SecretBytes& encodedToken,
                                            const SecretBytes& otp);

} // namespace strongroom::vault
