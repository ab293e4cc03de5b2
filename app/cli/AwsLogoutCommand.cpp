#include "AwsLogoutCommand.h"

#include "AwsConnector.h"
#include "CliSession.h"
#include "CommandParser.h"

namespace strongroom::cli {

namespace {
const QString kForget = QStringLiteral("forget");
}

QString AwsLogoutCommand::summary() const {
    return QStringLiteral("Remove an AWS connection's keys from the keychain");
}

QCoro::Task<int> AwsLogoutCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("<id> [--forget]"),
                         QStringLiteral("Removes the access keys kept in the keychain for <id> "
                                        "(connections reading the environment or a profile keep "
                                        "none). The saved connection stays (sign in again with "
                                        "`aws connect`) unless --forget is given. AWS has no "
                                        "call to revoke a role session early: it ends at its "
                                        "expiry."));
    parser.addOption({kForget, QStringLiteral("Also forget the saved connection.")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 1)) {
        co_return *exit;
    }
    const QString id = parser.positional().first();
    const bool forget = parser.isSet(kForget);
    auto leaving = session.awsConnector().logout(id, forget);
    const Status left = co_await std::move(leaving);
    if (!left) {
        co_return out.fail(left.error(), QStringLiteral("aws logout %1").arg(id));
    }
    out.line(QStringLiteral("logged out of %1: keys removed from the keychain%2")
                 .arg(id, forget ? QStringLiteral("; connection forgotten") : QString()));
    co_return 0;
}

} // namespace strongroom::cli
