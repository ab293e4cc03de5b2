#pragma once

#include "StoreVerbCommand.h"

namespace strongroom::cli {

// `delete-secret <path> [--recovery-days N | --force] [--confirm <path>]`: deletes a whole secret
// through DeletionService. Into the store's bin when it has one (the store's window, or N days
// checked against its DeletionRules first); at once, after the path is typed again, when it has
// none or with --force.
class DeleteSecretCommand : public StoreVerbCommand {
public:
    QString name() const override { return QStringLiteral("delete-secret"); }
    QString summary() const override;
    QCoro::Task<int> runAs(CliSession& session, QStringList arguments,
                           VerbInvocation invocation) override;
};

} // namespace strongroom::cli
