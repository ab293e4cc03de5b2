#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `strongroom-cli generate-root --address URL`: a new root token from the unseal shares, decoded
// in memory and kept in the keychain (or printed with --print-token).
class GenerateRootCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("generate-root"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
