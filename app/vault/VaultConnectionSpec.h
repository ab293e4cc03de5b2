#pragma once

#include "VaultCredentials.h"

#include <QString>
#include <QVariantMap>

#include <optional>

namespace strongroom {

// Everything remembered about a Vault/OpenBao connection except the secret: saved as the
// connection's options (ConnectionSettings) so it is listed and reconnected next run.
struct VaultConnectionSpec {
    QString id;          // connection id, e.g. "vault-prod"
    QString displayName; // shown in the tree
    QString address;     // https://vault.example.com:8200
    QString nameSpace;
    QString caFile;
    QString clientCertFile;
    QString clientKeyFile;
    VaultAuthMethod method = VaultAuthMethod::Token;
    QString authMount; // empty = the method's default
    QString username;
    QString roleId;
    QString role;
    QStringList extraMounts; // KV mounts typed by the operator ("kv-team/") the token cannot list

    QVariantMap toOptions() const;
    // InvalidInput-style message in `error` when the options are not a usable Vault connection.
    static std::optional<VaultConnectionSpec> fromOptions(const QString& id,
                                                          const QString& displayName,
                                                          const QVariantMap& options,
                                                          QString* error = nullptr);
    // Empty when usable; otherwise what to fix ("the address must start with https://...").
    QString validate() const;
};

} // namespace strongroom
