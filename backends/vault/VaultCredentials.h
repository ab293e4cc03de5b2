#pragma once

#include "SecretBytes.h"

#include <QString>

#include <optional>

namespace strongroom {

// How an operator signs in to Vault/OpenBao. The secret part (token, password, secret_id, JWT)
// stays in SecretBytes; everything else may be saved with the connection.
enum class VaultAuthMethod { Token, Userpass, AppRole, Ldap, Jwt, Oidc };

QString vaultAuthMethodId(VaultAuthMethod method);   // "token", "userpass", "approle"...
QString vaultAuthMethodName(VaultAuthMethod method); // "Token", "Username & password"...
// Parses an id from vaultAuthMethodId(); nullopt for anything else.
std::optional<VaultAuthMethod> vaultAuthMethodFromId(const QString& id);

struct VaultCredentials {
    VaultAuthMethod method = VaultAuthMethod::Token;
    // Where the auth method is mounted, without "auth/" ("userpass", "approle", "oidc"); empty =
    // the method's default path.
    QString mountPath;
    QString username;   // userpass, LDAP
    QString roleId;     // AppRole role_id (not secret on its own)
    QString role;       // JWT / OIDC role; empty = the method's default role
    SecretBytes secret; // token, password, AppRole secret_id, JWT
};

} // namespace strongroom
