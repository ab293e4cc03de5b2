#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `aws connect <id> ...`: finds the keys (typed, environment or profile), assumes the role, checks
// them and saves the connection (typed keys in the keychain, never in the settings).
class AwsConnectCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("aws connect"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
