#include "AwsConnectionCheck.h"

#include "CliSession.h"
#include "Workspace.h"

namespace strongroom::cli {

std::optional<int> AwsConnectionCheck::check(CliSession& session) {
    const QString id = session.options().connection;
    if (id == Workspace::localConnectionId()) {
        return session.output().fail(ExitCode::Usage,
                                     QStringLiteral("this command needs an AWS connection: give "
                                                    "--connection <id> (see: strongroom-cli "
                                                    "connections)"));
    }
    for (const auto& saved : session.workspace().savedConnections()) {
        if (saved.id == id && saved.providerId != QLatin1String("aws")) {
            return session.output().fail(
                ExitCode::Usage, QStringLiteral("connection '%1' is not an AWS connection (%2)")
                                     .arg(id, saved.providerId));
        }
    }
    return std::nullopt;
}

} // namespace strongroom::cli
