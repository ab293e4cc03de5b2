#pragma once

#include "VaultCredentials.h"

#include <QString>
#include <QVariantMap>

#include <optional>
#include <utility>

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
    // KV mounts typed by the operator that the token cannot list: "kv-team/", or with the KV
    // version the operator chose when the server would not say, "kv1:kv-team/" / "kv2:kv-team/".
    QStringList extraMounts;
    // Other nodes of the same cluster, added during an unseal ceremony: unsealed together.
    QStringList clusterNodes;

    static QString mountEntry(const QString& path, int kvVersion);
    // The path and KV version (0 = ask the server) of an extraMounts entry.
    static std::pair<QString, int> parseMountEntry(const QString& entry);
    // Adds or replaces the entry for `path`.
    void rememberMount(const QString& path, int kvVersion);

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
