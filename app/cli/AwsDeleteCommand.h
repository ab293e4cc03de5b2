#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `aws delete --connection <id> <path>`: DeleteSecret with a recovery window, or forced after
// the secret's name is typed.
class AwsDeleteCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("aws delete"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
