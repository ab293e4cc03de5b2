#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `vault mounts <id>`: the KV mounts the token can see, with their KV version.
class VaultMountsCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("vault mounts"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
