#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `strongroom-cli unseal --address URL [--reset]`: applies shares (typed without echo, or one per
// line on stdin) until the node is unsealed or the input ends.
class UnsealCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("unseal"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
