#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `destroy <path> versions... --confirm <name>`: erases versions for good, after the operator types
// the secret name.
class DestroyCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("destroy"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
