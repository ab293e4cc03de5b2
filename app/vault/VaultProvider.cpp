#include "VaultProvider.h"

#include "VaultConnectionSpec.h"
#include "VaultConnector.h"

namespace strongroom {

ProviderDescription vaultProvider() {
    ProviderDescription description;
    description.id = QStringLiteral("vault");
    description.displayName = QStringLiteral("Vault / OpenBao");
    description.iconName = QStringLiteral("provider-vault");
    description.summary =
        QStringLiteral("KV v1/v2 with any sign-in method; the operator ceremonies");
    description.keychainPrefixes = {VaultConnector::keychainKey({})};
    description.makeConnector = [](Workspace* workspace, QObject* parent) -> StoreConnector* {
        return new VaultConnector(workspace, parent);
    };
    description.describeOptions = [](const QVariantMap& options) {
        const auto spec = VaultConnectionSpec::fromOptions({}, {}, options);
        return spec ? QStringLiteral("%1 (%2)").arg(spec->address, vaultAuthMethodId(spec->method))
                    : QString();
    };
    return description;
}

} // namespace strongroom
