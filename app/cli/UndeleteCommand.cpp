#include "UndeleteCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "SecretPath.h"
#include "SecretService.h"
#include "VersionListReport.h"

namespace strongroom::cli {

QString UndeleteCommand::summary() const {
    return QStringLiteral("Restore soft-deleted versions");
}

QCoro::Task<int> UndeleteCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("<path> <versions...>"),
                         QStringLiteral("Restores soft-deleted versions of a secret. Destroyed "
                                        "versions cannot be restored."));
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 2, -1)) {
        co_return *exit;
    }
    QStringList versions = parser.positional();
    const SecretRef ref{SecretPath::secret(versions.takeFirst())};
    if (ref.path.isEmpty()) {
        co_return parser.usageError(out, QStringLiteral("the secret path is empty"));
    }
    auto connection = co_await session.openConnection();
    if (!connection) {
        co_return out.fail(connection.error());
    }
    const Status restored =
        co_await session.secrets().undeleteVersions(connection.value(), ref, versions);
    co_return VersionListReport(out, session.options().json)
        .report(restored, ref, versions, QStringLiteral("Restored"));
}

} // namespace strongroom::cli
