#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `aws rotation --connection <id> <path>`: the rotation configuration, labels and a stuck
// AWSPENDING.
class AwsRotationCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("aws rotation"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
