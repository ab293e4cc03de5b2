#pragma once

#include "SecretBytes.h"

#include <QString>

namespace strongroom {

// Static AWS credentials; the secret and the session token are secret material.
struct AwsCredentials {
    QString accessKeyId;
    SecretBytes secretAccessKey;
    SecretBytes sessionToken; // empty when the credentials are long-lived
};

} // namespace strongroom
