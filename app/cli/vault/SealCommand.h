#pragma once

#include "CliCommand.h"

#include <QStringList>

namespace strongroom {
class SealCeremony;
}

namespace strongroom::cli {

// `strongroom-cli seal --address URL [--cluster]`: seals a node, or every node of its HA cluster
// (needs a token and a confirmation).
class SealCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("seal"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;

private:
    QCoro::Task<int> sealCluster(CliSession& session, SealCeremony& ceremony);
};

} // namespace strongroom::cli
