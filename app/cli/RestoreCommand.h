#pragma once

#include "StoreVerbCommand.h"

namespace strongroom::cli {

// `restore <path>`: brings a secret back from the store's bin, with all its versions.
class RestoreCommand : public StoreVerbCommand {
public:
    QString name() const override { return QStringLiteral("restore"); }
    QString summary() const override;
    QCoro::Task<int> runAs(CliSession& session, QStringList arguments,
                           VerbInvocation invocation) override;
};

} // namespace strongroom::cli
