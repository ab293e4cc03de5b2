#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `aws whoami <id>`: identity, key source, expiry and the credential chain's trace.
class AwsWhoamiCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("aws whoami"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
