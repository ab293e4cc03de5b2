#pragma once

#include "StoreVerbCommand.h"

namespace strongroom::cli {

// `purge <path> --confirm <path>`: removes a secret from the store's bin now, for good.
class PurgeCommand : public StoreVerbCommand {
public:
    QString name() const override { return QStringLiteral("purge"); }
    QString summary() const override;
    QCoro::Task<int> runAs(CliSession& session, QStringList arguments,
                           VerbInvocation invocation) override;
};

} // namespace strongroom::cli
