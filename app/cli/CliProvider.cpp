#include "CliProvider.h"

namespace strongroom::cli {

void CliProviderRegistry::add(CliProvider provider) {
    Q_ASSERT(!find(provider.providerId));
    m_providers.append(std::move(provider));
}

const CliProvider* CliProviderRegistry::find(const QString& providerId) const {
    for (const auto& provider : m_providers) {
        if (provider.providerId == providerId) {
            return &provider;
        }
    }
    return nullptr;
}

const CliProviderRegistry& CliProviderRegistry::builtin() {
    static const CliProviderRegistry registry = [] {
        CliProviderRegistry made;
        registerBuiltinCliProviders(made);
        return made;
    }();
    return registry;
}

} // namespace strongroom::cli
