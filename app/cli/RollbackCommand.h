#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `rollback <path> <version>`: previews the change, confirms, then writes the old value as a new
// version.
class RollbackCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("rollback"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
