#pragma once

#include "Result.h"
#include "SecretBytes.h"
#include "VaultCredentials.h"

#include <QCoroTask>
#include <QString>

namespace strongroom::cli {

// The secret half of a Vault sign-in (token, password, secret_id, JWT): typed at the terminal
// without echo, or the first line of stdin in scripts. Never taken from argv, which every user
// can read through /proc.
class VaultSecretInput {
public:
    // "Password for alice: ", "Vault token: "...
    static QString promptFor(VaultAuthMethod method, const QString& username);
    // What the secret is called in messages ("password", "token"...).
    static QString secretName(VaultAuthMethod method);
    static QCoro::Task<Result<SecretBytes>> read(VaultAuthMethod method, QString username);
};

} // namespace strongroom::cli
