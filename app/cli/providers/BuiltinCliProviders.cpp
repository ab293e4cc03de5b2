// The one list of the stores strongroom-cli has commands for (the local store needs none: the
// generic verbs and `store init` / `store status` cover it). A new store adds its
// app/cli/<store>/<Store>CliProvider and one line here.
#include "AwsCliProvider.h"
#include "CliProvider.h"
#include "VaultCliProvider.h"

namespace strongroom::cli {

void registerBuiltinCliProviders(CliProviderRegistry& registry) {
    registry.add(vaultCliProvider());
    registry.add(awsCliProvider());
}

} // namespace strongroom::cli
