#pragma once

#include "ProviderDescription.h"

namespace strongroom {

// HashiCorp Vault / OpenBao as the provider registry knows it.
ProviderDescription vaultProvider();

} // namespace strongroom
