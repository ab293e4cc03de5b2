#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `vault login <id>`: a new sign-in for a saved connection whose token expired or was revoked.
class VaultLoginCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("vault login"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
