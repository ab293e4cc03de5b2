#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `audit log [-n N] [--path P]`: the latest audit entries.
class AuditLogCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("audit log"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
