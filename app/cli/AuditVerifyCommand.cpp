#include "AuditVerifyCommand.h"

#include "AuditLog.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "Workspace.h"

#include <QJsonObject>

namespace strongroom::cli {

QString AuditVerifyCommand::summary() const {
    return QStringLiteral("Check the audit log's hash chain (exit code 8 if broken)");
}

QCoro::Task<int> AuditVerifyCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QString(),
                         QStringLiteral("Checks that no line of the audit log was edited, "
                                        "removed, reordered or cut short. Exit code 8 and the "
                                        "first broken line when it was."));
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 0, 0)) {
        co_return *exit;
    }
    AuditLog* log = session.workspace().auditLog();
    const QString file = log->filePath();
    const AuditVerification verification = co_await log->verify();
    if (session.options().json) {
        out.writeJson(QJsonObject{{QStringLiteral("file"), file},
                                  {QStringLiteral("ok"), verification.ok()},
                                  {QStringLiteral("lines"), verification.lineCount},
                                  {QStringLiteral("brokenLine"), verification.brokenLine},
                                  {QStringLiteral("reason"), verification.reason}});
    }
    if (!verification.ok()) {
        co_return out.fail(ExitCode::AuditBroken,
                           QStringLiteral("audit log %1 is broken at line %2: %3")
                               .arg(file)
                               .arg(verification.brokenLine)
                               .arg(verification.reason));
    }
    if (!session.options().json) {
        out.line(QStringLiteral("Audit log intact: %1 entries in %2")
                     .arg(verification.lineCount)
                     .arg(file));
    }
    co_return 0;
}

} // namespace strongroom::cli
