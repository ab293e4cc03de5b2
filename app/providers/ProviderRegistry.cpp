#include "ProviderRegistry.h"

namespace strongroom {

void ProviderRegistry::add(ProviderDescription description) {
    Q_ASSERT(!find(description.id));
    m_providers.append(std::move(description));
}

const ProviderDescription* ProviderRegistry::find(const QString& id) const {
    for (const auto& provider : m_providers) {
        if (provider.id == id) {
            return &provider;
        }
    }
    return nullptr;
}

const ProviderRegistry& ProviderRegistry::builtin() {
    static const ProviderRegistry registry = [] {
        ProviderRegistry made;
        registerBuiltinProviders(made);
        return made;
    }();
    return registry;
}

} // namespace strongroom
