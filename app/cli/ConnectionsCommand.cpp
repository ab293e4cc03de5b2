#include "ConnectionsCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "Workspace.h"

#include <QJsonArray>
#include <QJsonObject>

namespace strongroom::cli {

namespace {
struct Row {
    QString id;
    QString provider;
    QString state;
};
} // namespace

QString ConnectionsCommand::summary() const {
    return QStringLiteral("List connections (id, provider, state)");
}

QCoro::Task<int> ConnectionsCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QString(),
                         QStringLiteral("Lists the local store and the connections saved by the "
                                        "Strongroom window. Remote connections are shown as "
                                        "offline: they sign in from the window."));
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 0, 0)) {
        co_return *exit;
    }
    const LocalStoreState local = co_await session.describeLocalStore();
    QList<Row> rows{{Workspace::localConnectionId(), QStringLiteral("local"), local.state}};
    for (const auto& saved : session.workspace().savedConnections()) {
        rows.append({saved.id, saved.providerId, connectionStateName(ConnectionState::Offline)});
    }
    if (session.options().json) {
        QJsonArray array;
        for (const auto& row : rows) {
            array.append(QJsonObject{{QStringLiteral("id"), row.id},
                                     {QStringLiteral("provider"), row.provider},
                                     {QStringLiteral("state"), row.state}});
        }
        out.writeJson(array);
    } else {
        for (const auto& row : rows) {
            out.line(QStringLiteral("%1\t%2\t%3").arg(row.id, row.provider, row.state));
        }
    }
    co_return 0;
}

} // namespace strongroom::cli
