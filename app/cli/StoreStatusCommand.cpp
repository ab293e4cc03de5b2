#include "StoreStatusCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "Connection.h"
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
    Workspace& workspace = session.workspace();
    const QString file = workspace.paths().localStoreFile();
    const auto protection = co_await workspace.probeLocalStore();
    if (!protection && protection.error().kind() != BackendError::Kind::NotFound) {
        co_return out.fail(protection.error(), file);
    }
    QString protectionName;
    QString state = QStringLiteral("absent");
    int exitCode = toInt(ExitCode::NotFound);
    std::optional<BackendError> openError;
    if (protection) {
        const bool keychain = *protection == LocalKeyProtection::Keychain;
        protectionName = keychain ? QStringLiteral("keychain") : QStringLiteral("passphrase");
        state = connectionStateName(ConnectionState::Locked);
        exitCode = 0;
        if (keychain || PassphraseSource(session.options()).hasScriptSource()) {
            const auto opened = co_await session.openLocalStore();
            if (opened) {
                state = connectionStateName((*opened)->state());
            } else {
                openError = opened.error();
                state = BackendError::kindName(opened.error().kind());
                exitCode = toInt(exitCodeFor(opened.error().kind()));
            }
        }
    }
    if (session.options().json) {
        out.writeJson(QJsonObject{{QStringLiteral("file"), file},
                                  {QStringLiteral("exists"), protection.ok()},
                                  {QStringLiteral("protection"), protectionName},
                                  {QStringLiteral("state"), state},
                                  {QStringLiteral("auditLog"), workspace.paths().auditLogFile()}});
    } else {
        out.line(QStringLiteral("file:       %1").arg(file));
        out.line(QStringLiteral("protection: %1")
                     .arg(protectionName.isEmpty() ? QStringLiteral("-") : protectionName));
        out.line(QStringLiteral("state:      %1").arg(state));
        out.line(QStringLiteral("audit log:  %1").arg(workspace.paths().auditLogFile()));
    }
    if (openError) {
        out.fail(*openError, QStringLiteral("cannot open the local store"));
    }
    co_return exitCode;
}

} // namespace strongroom::cli
