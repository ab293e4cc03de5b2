#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `vault connect <id> --address URL [--auth M] ...`: signs in to Vault/OpenBao, keeps the token in
// the keychain and saves the connection (never the secret) for later commands.
class VaultConnectCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("vault connect"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
