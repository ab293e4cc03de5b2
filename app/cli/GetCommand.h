#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `get <path> [key] [--version N]`: the one command that prints values, to stdout only.
class GetCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("get"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
