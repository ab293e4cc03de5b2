#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `vault token <id>`: what the server says about the token in use (policies, time left,
// renewable), never the token itself.
class VaultTokenCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("vault token"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
