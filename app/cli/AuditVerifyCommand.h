#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `audit verify`: checks the audit log's hash chain; exit code 8 names the first broken line.
class AuditVerifyCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("audit verify"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
