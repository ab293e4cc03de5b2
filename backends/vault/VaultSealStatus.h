#pragma once

#include "SecretBytes.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace strongroom {

// sys/seal-status (and the reply of sys/unseal): nothing secret in it.
struct VaultSealStatus {
    QString type; // "shamir", or an auto-unseal type
    bool initialized = false;
    bool sealed = true;
    int threshold = 0; // t
    int shares = 0;    // n
    int progress = 0;  // shares applied to the current unseal attempt
    QString nonce;     // of the current unseal attempt; empty when none is running
    QString version;
    QString buildDate;
    bool migration = false;
    bool recoverySeal = false;
    QString clusterName;
    QString clusterId;
    QString storageType;
};

// What sys/init answers: the unseal shares and the initial root token, in wiped memory only.
struct VaultInitResult {
    std::vector<SecretBytes> keys;       // hex form, as operators usually type them
    std::vector<SecretBytes> keysBase64; // the same shares in base64
    SecretBytes rootToken;
};

// The request for sys/init. PGP keys are public keys (base64 or keybase:user), passed through.
struct VaultInitRequest {
    int shares = 5;
    int threshold = 3;
    QStringList pgpKeys;
    QString rootTokenPgpKey;
};

// sys/generate-root/attempt and /update (or the authenticated sys/generate-root-token/*).
struct GenerateRootStatus {
    bool started = false;
    QString nonce;
    int progress = 0;
    int required = 0;
    bool complete = false;
    int otpLength = 0;        // 0 on old servers: the legacy base64 16-byte OTP
    QString pgpFingerprint;   // set when the token is PGP-encrypted instead
    SecretBytes encodedToken; // the token XOR the OTP, base64; only when complete
    SecretBytes serverOtp;    // an OTP the server generated (when none was sent)
};

} // namespace strongroom
