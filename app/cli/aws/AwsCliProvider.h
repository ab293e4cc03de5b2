#pragma once

#include "CliProvider.h"

namespace strongroom::cli {

// AWS Secrets Manager as strongroom-cli knows it: `aws connect/whoami/logout`, the `aws …`
// aliases of the generic deletion and rotation verbs, and opening a saved connection (keychain
// keys, environment or profile, with an MFA code when its role needs one).
CliProvider awsCliProvider();

} // namespace strongroom::cli
