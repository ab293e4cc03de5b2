#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `strongroom-cli seal-status --address URL`: a node's seal state, no token needed.
class SealStatusCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("seal-status"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
