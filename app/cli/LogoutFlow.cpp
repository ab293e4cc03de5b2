#include "LogoutFlow.h"

#include "CliSession.h"
#include "CommandParser.h"

namespace strongroom::cli {

namespace {
const QString kForget = QStringLiteral("forget");
}

QCoro::Task<int> runLogout(CliSession& session, QStringList arguments, LogoutFlow flow) {
    CliOutput& out = session.output();
    CommandParser parser(flow.command, QStringLiteral("<id> [--forget]"), flow.description);
    parser.addOption({kForget, QStringLiteral("Also forget the saved connection.")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 1)) {
        co_return *exit;
    }
    const QString id = parser.positional().first();
    const bool forget = parser.isSet(kForget);
    auto leaving = flow.logout(session, id, forget);
    const Status left = co_await std::move(leaving);
    if (!left) {
        co_return out.fail(left.error(), QStringLiteral("%1 %2").arg(flow.command, id));
    }
    out.line(
        QStringLiteral("logged out of %1: %2%3")
            .arg(id, flow.doneText, forget ? QStringLiteral("; connection forgotten") : QString()));
    co_return 0;
}

} // namespace strongroom::cli
