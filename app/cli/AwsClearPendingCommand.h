#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

class AwsClearPendingCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("aws clear-pending"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
