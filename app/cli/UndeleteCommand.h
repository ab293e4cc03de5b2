#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `undelete <path> versions...`: restores soft-deleted versions.
class UndeleteCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("undelete"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
