#include "AwsWhoamiCommand.h"

#include "AwsCliSession.h"
#include "AwsConnector.h"
#include "AwsSessionReport.h"
#include "CliSession.h"
#include "CommandParser.h"

namespace strongroom::cli {

QString AwsWhoamiCommand::summary() const {
    return QStringLiteral("Show an AWS connection's identity, key source, expiry and trace");
}

QCoro::Task<int> AwsWhoamiCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("<id>"),
                         QStringLiteral("Signs in to <id> as every command does (keychain keys, "
                                        "environment or profile, then its role) and shows whose "
                                        "credentials these are (sts:GetCallerIdentity), where the "
                                        "keys came from, when they expire and how the credential "
                                        "chain found them. No key or token is printed."));
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 1)) {
        co_return *exit;
    }
    const QString id = parser.positional().first();
    auto opening = AwsCliSession::open(session, id);
    auto opened = co_await std::move(opening);
    if (!opened) {
        co_return out.fail(opened.error(), QStringLiteral("aws whoami %1").arg(id));
    }
    const auto info = AwsCliSession::connector(session).session(id);
    if (session.options().json) {
        out.writeJson(
            AwsSessionReport::toJson(id, info, AwsCliSession::connector(session).spec(id)));
    } else if (info) {
        for (const QString& line : AwsSessionReport::lines(*info, true)) {
            out.line(line);
        }
    }
    co_return 0;
}

} // namespace strongroom::cli
