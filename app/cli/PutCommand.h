#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `put <path> ...`: writes a new version guarded by check-and-set, so a concurrent writer produces
// a conflict instead of a lost update.
class PutCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("put"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
