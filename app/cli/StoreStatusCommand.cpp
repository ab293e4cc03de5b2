#include "StoreStatusCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "PassphraseSource.h"
#include "Workspace.h"

#include <QJsonObject>

namespace strongroom::cli {

QString StoreStatusCommand::summary() const {
    return QStringLiteral("Show the local store's file, protection and state");
}

QCoro::Task<int> StoreStatusCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QString(),
                         QStringLiteral("Shows where the local store is, how its key is "
                                        "protected and whether it opens. A passphrase store is "
                                        "only opened when a passphrase source is given "
                                        "(--passphrase-fd, --passphrase-file, $%1); otherwise "
                                        "it is reported as locked. Exit code 3 when there is "
                                        "no store.")
                             .arg(PassphraseSource::environmentVariable()));
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 0, 0)) {
        co_return *exit;
    }
    const AppPaths& paths = session.workspace().paths();
    const LocalStoreState store = co_await session.describeLocalStore();
    if (session.options().json) {
        out.writeJson(QJsonObject{{QStringLiteral("file"), paths.localStoreFile()},
                                  {QStringLiteral("exists"), store.exists},
                                  {QStringLiteral("protection"), store.protection},
                                  {QStringLiteral("state"), store.state},
                                  {QStringLiteral("auditLog"), paths.auditLogFile()}});
    } else {
        out.line(QStringLiteral("file:       %1").arg(paths.localStoreFile()));
        out.line(QStringLiteral("protection: %1")
                     .arg(store.exists ? store.protection : QStringLiteral("-")));
        out.line(QStringLiteral("state:      %1").arg(store.state));
        out.line(QStringLiteral("audit log:  %1").arg(paths.auditLogFile()));
    }
    if (store.error) {
        co_return out.fail(*store.error, QStringLiteral("cannot open the local store"));
    }
    co_return store.exists ? 0 : toInt(ExitCode::NotFound);
}

} // namespace strongroom::cli
