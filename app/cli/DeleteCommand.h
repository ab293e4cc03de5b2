#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `delete <path> [versions...]`: soft-deletes versions (the current one by default); undelete
// brings them back.
class DeleteCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("delete"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
