#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `strongroom-cli init --address URL --shares N --threshold T`: initializes a node and hands
// out each unseal share once (stdout, or one 0600 file per share with --share-dir).
class InitCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("init"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
