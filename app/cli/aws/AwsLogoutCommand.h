#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `aws logout <id> [--forget]`: removes the keys from the keychain and memory.
class AwsLogoutCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("aws logout"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
