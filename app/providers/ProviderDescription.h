#pragma once

#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <functional>

namespace strongroom {

class StoreConnector;
class Workspace;

// What the generic code knows about one kind of store: enough to list it, show it and bring
// its connections in, without naming it. Each store describes itself in app/<store>/ and is
// registered in BuiltinProviders.cpp (the one list).
struct ProviderDescription {
    QString id;          // equals SecretBackend::providerId(): "vault", "aws"
    QString displayName; // "Vault / OpenBao", "AWS Secrets Manager"
    QString iconName;    // the bundled icon ":/icons/<iconName>.svg"
    QString summary;     // one line for the store picker
    // Prefixes of the OS keychain entries the store keeps, per connection id
    // ("vault-token:" -> "vault-token:<id>").
    QStringList keychainPrefixes;
    // Makes the store's connector for a workspace (parent owns it).
    std::function<StoreConnector*(Workspace*, QObject*)> makeConnector;
    // "https://vault.example:8200", "eu-west-1 (profile prod)": a saved connection's options in
    // one line, for lists of connections. Never a secret.
    std::function<QString(const QVariantMap&)> describeOptions;
};

} // namespace strongroom
