#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `demo seed`: fills an empty store with obviously fake example secrets that have history.
class DemoSeedCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("demo seed"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
