#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `vault logout <id> [--forget]`: revokes the token, removes it from the keychain; --forget also
// drops the saved connection.
class VaultLogoutCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("vault logout"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
