#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `connections`: every connection the CLI knows, with its provider and state.
class ConnectionsCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("connections"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
