#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `aws deleted --connection <id> [--prefix P]`: the secrets scheduled for deletion.
class AwsDeletedCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("aws deleted"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
