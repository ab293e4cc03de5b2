#pragma once

#include "StoreVerbCommand.h"

namespace strongroom::cli {

// `deleted [--prefix P]`: the store's bin, with the date each secret was deleted and the date it
// goes for good.
class DeletedCommand : public StoreVerbCommand {
public:
    QString name() const override { return QStringLiteral("deleted"); }
    QString summary() const override;
    QCoro::Task<int> runAs(CliSession& session, QStringList arguments,
                           VerbInvocation invocation) override;
};

} // namespace strongroom::cli
