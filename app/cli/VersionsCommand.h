#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `versions <path>`: every version with its creation time and marks.
class VersionsCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("versions"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
