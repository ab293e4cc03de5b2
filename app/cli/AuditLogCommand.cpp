#include "AuditLogCommand.h"

#include "AuditLog.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "SecretPath.h"
#include "Workspace.h"

#include <QJsonArray>
#include <QJsonObject>

namespace strongroom::cli {

QString AuditLogCommand::summary() const {
    return QStringLiteral("Show the latest audit entries (-n N, --path P)");
}

QCoro::Task<int> AuditLogCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("[-n N] [--path P]"),
                         QStringLiteral("Prints the last N audit entries (default 20), oldest "
                                        "first: sequence, time, actor, connection, action, "
                                        "path, versions, result. --path limits them to one "
                                        "secret of the --connection."));
    const QString count = QStringLiteral("n");
    const QString path = QStringLiteral("path");
    parser.addOption(
        {count, QStringLiteral("How many entries."), QStringLiteral("N"), QStringLiteral("20")});
    parser.addOption(
        {path, QStringLiteral("Only entries about this secret."), QStringLiteral("P")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 0, 0)) {
        co_return *exit;
    }
    const auto limit = CommandParser::toCount(parser.value(count));
    if (!limit || *limit == 0) {
        co_return parser.usageError(out, QStringLiteral("-n needs a positive number"));
    }
    AuditLog* log = session.workspace().auditLog();
    QCoro::Task<Result<QList<AuditEntry>>> reading =
        parser.isSet(path)
            ? log->entriesFor(session.options().connection, SecretPath::secret(parser.value(path)))
            : log->recent(*limit);
    auto entries = co_await reading;
    if (!entries) {
        co_return out.fail(entries.error(), log->filePath());
    }
    QList<AuditEntry> shown = entries.value();
    if (shown.size() > *limit) {
        shown = shown.mid(shown.size() - *limit);
    }
    if (session.options().json) {
        QJsonArray array;
        for (const AuditEntry& entry : shown) {
            array.append(QJsonObject{
                {QStringLiteral("seq"), entry.seq},
                {QStringLiteral("time"), entry.time.toUTC().toString(Qt::ISODateWithMs)},
                {QStringLiteral("actor"), entry.actor},
                {QStringLiteral("connection"), entry.connection},
                {QStringLiteral("path"), entry.path},
                {QStringLiteral("action"), entry.action},
                {QStringLiteral("versions"), QJsonArray::fromStringList(entry.versions)},
                {QStringLiteral("result"), entry.result},
                {QStringLiteral("detail"), entry.detail}});
        }
        out.writeJson(array);
        co_return 0;
    }
    for (const AuditEntry& entry : shown) {
        QStringList columns{QString::number(entry.seq),
                            entry.time.toUTC().toString(Qt::ISODateWithMs),
                            entry.actor,
                            entry.connection,
                            entry.action,
                            entry.path.isEmpty() ? QStringLiteral("-") : entry.path,
                            entry.versions.isEmpty() ? QStringLiteral("-")
                                                     : entry.versions.join(QLatin1Char(',')),
                            entry.result};
        if (!entry.detail.isEmpty()) {
            columns << entry.detail;
        }
        out.line(columns.join(QLatin1Char('\t')));
    }
    co_return 0;
}

} // namespace strongroom::cli
