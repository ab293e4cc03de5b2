#include "DeleteCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "SecretPath.h"
#include "SecretService.h"
#include "VersionListReport.h"

#include <QPointer>

namespace strongroom::cli {

QString DeleteCommand::summary() const {
    return QStringLiteral("Soft-delete versions (default: the current one); undelete restores");
}

QCoro::Task<int> DeleteCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("<path> [versions...]"),
                         QStringLiteral("Soft-deletes the given versions of a secret, or its "
                                        "current version when none are given. Deleted versions "
                                        "can be restored with undelete; destroy erases them."));
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, -1)) {
        co_return *exit;
    }
    QStringList versions = parser.positional();
    const SecretRef ref{SecretPath::secret(versions.takeFirst())};
    if (ref.path.isEmpty()) {
        co_return parser.usageError(out, QStringLiteral("the secret path is empty"));
    }
    auto opened = co_await session.openConnection();
    if (!opened) {
        co_return out.fail(opened.error());
    }
    QPointer<Connection> connection = opened.value();
    SecretService& secrets = session.secrets();
    if (versions.isEmpty()) {
        const auto metadata = co_await secrets.metadata(connection, ref);
        if (!metadata) {
            co_return out.fail(metadata.error(), ref.path);
        }
        versions << metadata->currentVersion;
    }
    if (!connection) {
        co_return out.fail(ExitCode::Failure, QStringLiteral("the connection closed"));
    }
    const Status deleted = co_await secrets.deleteVersions(connection, ref, versions);
    co_return VersionListReport(out, session.options().json)
        .report(deleted, ref, versions, QStringLiteral("Deleted"));
}

} // namespace strongroom::cli
