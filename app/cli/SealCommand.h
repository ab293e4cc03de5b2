#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `strongroom-cli seal --address URL`: seals a node (needs a token and a confirmation).
class SealCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("seal"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
