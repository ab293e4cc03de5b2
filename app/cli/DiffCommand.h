#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `diff <path> A B`: key-level changes between two versions; values only with --show-values.
class DiffCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("diff"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
