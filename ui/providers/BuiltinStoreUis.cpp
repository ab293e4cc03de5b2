// The one list of the stores' window parts (their providers are listed in
// app/providers/BuiltinProviders.cpp). Adding a store: see docs/ADDING_A_STORE.md.
#include "BuiltinStoreUis.h"

#include "AwsConnections.h"
#include "VaultConnections.h"

namespace strongroom {

QList<StoreUi*> makeBuiltinStoreUis(Workspace* workspace, QWidget* window, QObject* parent) {
    return {
        new VaultConnections(workspace, window, parent),
        new AwsConnections(workspace, window, parent),
    };
}

} // namespace strongroom
