#include "VaultTokenCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "VaultCliSession.h"
#include "VaultConnector.h"
#include "VaultTokenReport.h"

namespace strongroom::cli {

QString VaultTokenCommand::summary() const {
    return QStringLiteral("Show a Vault connection's token: policies, time left, renewable");
}

QCoro::Task<int> VaultTokenCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("<id>"),
                         QStringLiteral("Checks the token kept for <id> with the server "
                                        "(lookup-self) and shows its policies, time left and "
                                        "whether it is renewable. The token itself is never "
                                        "printed."));
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 1)) {
        co_return *exit;
    }
    const QString id = parser.positional().first();
    auto reconnecting = VaultCliSession::open(session, id);
    auto opened = co_await std::move(reconnecting);
    if (!opened) {
        co_return out.fail(opened.error(), QStringLiteral("vault token %1").arg(id));
    }
    const auto info = VaultCliSession::connector(session).tokenInfo(id);
    if (session.options().json) {
        out.writeJson(VaultTokenReport::toJson(id, info));
    } else if (info) {
        for (const QString& line : VaultTokenReport::lines(*info)) {
            out.line(line);
        }
    }
    co_return 0;
}

} // namespace strongroom::cli
