#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `store init [--passphrase]`: creates the local encrypted store, its key in the OS keychain by
// default or derived from a passphrase.
class StoreInitCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("store init"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
