#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `store status`: where the local store is, how it is protected and whether it opens.
class StoreStatusCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("store status"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
