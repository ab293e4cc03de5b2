#pragma once

#include "ProviderDescription.h"

#include <QList>
#include <QString>

namespace strongroom {

// The stores this build knows. Generic code (the window, the status bar, the CLI) iterates over
// it and reads Capabilities; it never names a store. builtin() holds the stores registered in
// BuiltinProviders.cpp.
class ProviderRegistry {
public:
    void add(ProviderDescription description);
    // nullptr when no provider has `id`.
    const ProviderDescription* find(const QString& id) const;
    const QList<ProviderDescription>& all() const { return m_providers; }

    static const ProviderRegistry& builtin();

private:
    QList<ProviderDescription> m_providers;
};

// Fills `registry` with every store of this build (BuiltinProviders.cpp).
void registerBuiltinProviders(ProviderRegistry& registry);

} // namespace strongroom
