#include "RestoreCommand.h"

#include "AuditActions.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "DeletionService.h"
#include "SecretPath.h"
#include "StoreVerbTarget.h"
#include "Workspace.h"

namespace strongroom::cli {

QString RestoreCommand::summary() const {
    return QStringLiteral("Bring a deleted secret back from the store's bin");
}

QCoro::Task<int> RestoreCommand::runAs(CliSession& session, QStringList arguments,
                                       VerbInvocation invocation) {
    CliOutput& out = session.output();
    CommandParser parser(
        invocation.command, QStringLiteral("<path>"),
        QStringLiteral("A secret in the store's bin (see `deleted`) becomes usable again, with all "
                       "its versions.\n"
                       "--json: {\"connection\", \"path\", \"action\": \"restore-secret\", "
                       "\"result\": \"ok\"}"));
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
    auto opening = StoreVerbTarget::open(session, invocation, Capability::RestoreSecret);
    auto target = co_await std::move(opening);
    if (target.exit) {
        co_return *target.exit;
    }
    const QString id = target.connection->id();
    auto restoring = session.workspace().deletions()->restore(target.connection, ref);
    const Status restored = co_await std::move(restoring);
    if (!restored) {
        co_return out.fail(restored.error(), ref.path);
    }
    if (session.options().json) {
        out.writeJson(StoreVerbTarget::json(id, ref.path, actions::restoreSecret()));
    } else {
        out.line(QStringLiteral("%1 restored").arg(ref.path));
    }
    co_return 0;
}

} // namespace strongroom::cli
