#pragma once

#include "AwsCredentials.h"
#include "Result.h"
#include "SecretBytes.h"

namespace strongroom {

// The keys typed in a connection form, as the one keychain entry "aws-keys:<id>" holds them:
// "strongroom-aws-keys-v1", the access key id, the secret access key and the session token (may
// be empty), one per line. Neither half is ever written anywhere else.
class AwsKeychainKeys {
public:
    static SecretBytes pack(const AwsCredentials& keys);
    // InvalidResponse when the entry was not written by pack() (or is damaged).
    static Result<AwsCredentials> unpack(const SecretBytes& entry);
};

} // namespace strongroom
