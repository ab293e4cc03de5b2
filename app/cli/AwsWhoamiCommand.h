#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

class AwsWhoamiCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("aws whoami"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
