#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `metadata <path> [--set-...]`: shows and edits a secret's metadata.
class MetadataCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("metadata"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
