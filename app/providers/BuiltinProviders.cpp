// The one list of the stores this build knows (the local store is the workspace's own and is
// not listed). Adding a store: see docs/ADDING_A_STORE.md.
#include "AwsProvider.h"
#include "ProviderRegistry.h"
#include "VaultProvider.h"

namespace strongroom {

void registerBuiltinProviders(ProviderRegistry& registry) {
    registry.add(vaultProvider());
    registry.add(awsProvider());
}

} // namespace strongroom
