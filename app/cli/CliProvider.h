#pragma once

#include "Result.h"

#include <QCoroTask>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace strongroom {
class Connection;
}

namespace strongroom::cli {

class CliCommand;
class CliSession;

// What one store gives strongroom-cli besides the generic verbs: its own commands (sign-in,
// whoami, log-out, ceremonies) and how a CLI run opens one of its saved connections, which only
// the store knows (a keychain token and, at a terminal, a new sign-in; keys, a profile and an MFA
// code). Each store describes itself in app/cli/<store>/ and is listed once in
// providers/BuiltinCliProviders.cpp; the dispatcher and CliSession only iterate over them.
struct CliProvider {
    QString providerId; // equals ProviderDescription::id and SecretBackend::providerId()
    // The store's own commands, listed in --help under the store's display name.
    std::function<std::vector<std::unique_ptr<CliCommand>>()> makeCommands;
    // Opens the saved connection `id` of this store for this run, asking at a terminal when the
    // store's sign-in needs the operator; the error says how to sign in again otherwise.
    std::function<QCoro::Task<Result<Connection*>>(CliSession&, QString id)> openConnection;
};

// The stores strongroom-cli knows, in the order --help lists them.
class CliProviderRegistry {
public:
    void add(CliProvider provider);
    // nullptr when no store has `providerId`.
    const CliProvider* find(const QString& providerId) const;
    const QList<CliProvider>& all() const { return m_providers; }

    static const CliProviderRegistry& builtin();

private:
    QList<CliProvider> m_providers;
};

// Fills `registry` with the CLI side of every store of this build (BuiltinCliProviders.cpp).
void registerBuiltinCliProviders(CliProviderRegistry& registry);

} // namespace strongroom::cli
