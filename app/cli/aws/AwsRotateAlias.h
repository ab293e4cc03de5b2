#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `aws rotate <path> [--lambda ARN] [--days N | --schedule EXPR] [--window D]
// [--no-immediately]`, kept for scripts: its options become the AWS rotation settings of the
// generic `rotate --set …` (or `rotation --set …` with --no-immediately), which it then runs.
class AwsRotateAlias : public CliCommand {
public:
    QString name() const override { return QStringLiteral("aws rotate"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
