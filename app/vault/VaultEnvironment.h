#pragma once

#include "SecretBytes.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace strongroom {

// What the environment says about a Vault/OpenBao server, the way the vault/bao CLIs read it:
// VAULT_ADDR, VAULT_TOKEN, VAULT_NAMESPACE, VAULT_CACERT (and the BAO_* equivalents, which win
// when both are set), plus the token helper file ~/.vault-token (or ~/.bao-token). Offered to the
// operator as an import; never applied silently.
struct VaultEnvironmentImport {
    QString address;
    QString nameSpace;
    QString caFile;
    SecretBytes token;
    QString addressSource; // "BAO_ADDR", "VAULT_ADDR"
    QString tokenSource;   // "VAULT_TOKEN", "/home/me/.vault-token"...
    QString namespaceSource;
    QString caFileSource;

    bool isEmpty() const { return address.isEmpty() && token.isEmpty(); }
    // One line per found item for the import confirmation, never the token itself.
    QStringList describe() const;
};

std::optional<VaultEnvironmentImport> readVaultEnvironment(
    const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(),
    const QString& homeDir = {});

} // namespace strongroom
