#include "VaultCredentials.h"

#include <array>

namespace strongroom {

namespace {

struct MethodNames {
    VaultAuthMethod method;
    const char* id;
    const char* name;
};

constexpr std::array<MethodNames, 6> methods{{
    {VaultAuthMethod::Token, "token", "Token"},
    {VaultAuthMethod::Userpass, "userpass", "Username & password"},
    {VaultAuthMethod::AppRole, "approle", "AppRole"},
    {VaultAuthMethod::Ldap, "ldap", "LDAP"},
    {VaultAuthMethod::Jwt, "jwt", "JWT"},
    {VaultAuthMethod::Oidc, "oidc", "OIDC (browser)"},
}};

} // namespace

QString vaultAuthMethodId(VaultAuthMethod method) {
    for (const auto& entry : methods) {
        if (entry.method == method) {
            return QString::fromLatin1(entry.id);
        }
    }
    return {};
}

QString vaultAuthMethodName(VaultAuthMethod method) {
    for (const auto& entry : methods) {
        if (entry.method == method) {
            return QString::fromLatin1(entry.name);
        }
    }
    return {};
}

std::optional<VaultAuthMethod> vaultAuthMethodFromId(const QString& id) {
    for (const auto& entry : methods) {
        if (id == QLatin1String(entry.id)) {
            return entry.method;
        }
    }
    return std::nullopt;
}

} // namespace strongroom
