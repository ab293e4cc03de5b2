#pragma once

#include "CliProvider.h"

namespace strongroom::cli {

// Vault / OpenBao as strongroom-cli knows it: `vault connect/login/logout/token/mounts`, the
// operator ceremonies, and opening a saved connection with its keychain token.
CliProvider vaultCliProvider();

} // namespace strongroom::cli
