#include "VaultSecretInput.h"

#include "InputReader.h"
#include "TerminalPrompt.h"

#include <unistd.h>

namespace strongroom::cli {

QString VaultSecretInput::secretName(VaultAuthMethod method) {
    switch (method) {
    case VaultAuthMethod::Token:
        return QStringLiteral("token");
    case VaultAuthMethod::AppRole:
        return QStringLiteral("secret_id");
    case VaultAuthMethod::Jwt:
        return QStringLiteral("JWT");
    case VaultAuthMethod::Userpass:
    case VaultAuthMethod::Ldap:
    case VaultAuthMethod::Oidc:
        break;
    }
    return QStringLiteral("password");
}

QString VaultSecretInput::promptFor(VaultAuthMethod method, const QString& username) {
    switch (method) {
    case VaultAuthMethod::Token:
        return QStringLiteral("Vault token: ");
    case VaultAuthMethod::AppRole:
        return QStringLiteral("AppRole secret_id: ");
    case VaultAuthMethod::Jwt:
        return QStringLiteral("JWT: ");
    case VaultAuthMethod::Userpass:
    case VaultAuthMethod::Ldap:
    case VaultAuthMethod::Oidc:
        break;
    }
    return QStringLiteral("Password for %1: ").arg(username);
}

QCoro::Task<Result<SecretBytes>> VaultSecretInput::read(VaultAuthMethod method, QString username) {
    Result<SecretBytes> secret = SecretBytes();
    if (TerminalPrompt::isInteractive()) {
        auto asking = TerminalPrompt::askHidden(promptFor(method, username));
        secret = co_await std::move(asking);
    } else {
        auto reading = InputReader::readLine(STDIN_FILENO);
        secret = co_await std::move(reading);
    }
    if (!secret) {
        co_return secret.error();
    }
    if (secret->isEmpty()) {
        co_return BackendError(BackendError::Kind::InvalidInput,
                               QStringLiteral("no %1 given (type it at the prompt or pass it as "
                                              "one line on stdin)")
                                   .arg(secretName(method)));
    }
    co_return secret;
}

} // namespace strongroom::cli
