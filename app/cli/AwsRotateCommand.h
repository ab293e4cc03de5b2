#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

class AwsRotateCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("aws rotate"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
