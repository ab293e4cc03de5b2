#include "PurgeCommand.h"

#include "AuditActions.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "DeletionService.h"
#include "NameConfirmation.h"
#include "SecretPath.h"
#include "StoreVerbTarget.h"
#include "Workspace.h"

namespace strongroom::cli {

QString PurgeCommand::summary() const {
    return QStringLiteral("Remove a deleted secret from the store's bin for good (--confirm)");
}

QCoro::Task<int> PurgeCommand::runAs(CliSession& session, QStringList arguments,
                                     VerbInvocation invocation) {
    CliOutput& out = session.output();
    CommandParser parser(
        invocation.command, QStringLiteral("<path> --confirm <path>"),
        QStringLiteral("Removes a secret from the store's bin (see `deleted`) before its date; "
                       "this cannot be undone. --confirm must repeat the secret's path; at a "
                       "terminal it can be typed when asked instead.\n"
                       "--json: {\"connection\", \"path\", \"action\": \"purge-secret\", "
                       "\"result\": \"ok\"}"));
    NameConfirmation::addOption(parser);
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 1)) {
        co_return *exit;
    }
    const SecretRef ref{SecretPath::secret(parser.positional().first())};
    if (ref.path.isEmpty()) {
        co_return parser.usageError(out, QStringLiteral("the secret path is empty"));
    }
    auto opening = StoreVerbTarget::open(session, invocation, Capability::PurgeSecret);
    auto target = co_await std::move(opening);
    if (target.exit) {
        co_return *target.exit;
    }
    if (auto exit = NameConfirmation::requireSource(parser, out, ref.path)) {
        co_return *exit;
    }
    auto confirming = NameConfirmation::confirm(
        parser, out, ref.path,
        QStringLiteral("Purging %1 removes it and every version for good.").arg(ref.path),
        QStringLiteral("nothing was purged"));
    if (auto exit = co_await std::move(confirming)) {
        co_return *exit;
    }
    if (!target.connection) {
        co_return out.fail(ExitCode::Failure, QStringLiteral("the connection closed"));
    }
    const QString id = target.connection->id();
    auto purging = session.workspace().deletions()->purge(target.connection, ref);
    const Status purged = co_await std::move(purging);
    if (!purged) {
        co_return out.fail(purged.error(), ref.path);
    }
    if (session.options().json) {
        out.writeJson(StoreVerbTarget::json(id, ref.path, actions::purgeSecret()));
    } else {
        out.line(QStringLiteral("%1 purged for good").arg(ref.path));
    }
    co_return 0;
}

} // namespace strongroom::cli
