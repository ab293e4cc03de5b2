#include "AwsLogoutCommand.h"

#include "AwsCliSession.h"
#include "AwsConnector.h"
#include "CliSession.h"
#include "LogoutFlow.h"

namespace strongroom::cli {

QString AwsLogoutCommand::summary() const {
    return QStringLiteral("Remove an AWS connection's keys from the keychain");
}

QCoro::Task<int> AwsLogoutCommand::run(CliSession& session, QStringList arguments) {
    auto running = runLogout(
        session, std::move(arguments),
        LogoutFlow{name(),
                   QStringLiteral("Removes the access keys kept in the keychain for <id> "
                                  "(connections reading the environment or a profile keep "
                                  "none). The saved connection stays (sign in again with "
                                  "`aws connect`) unless --forget is given. AWS has no "
                                  "call to revoke a role session early: it ends at its "
                                  "expiry."),
                   QStringLiteral("keys removed from the keychain"),
                   [](CliSession& cli, QString id, bool forget) {
                       return AwsCliSession::connector(cli).logout(std::move(id), forget);
                   }});
    co_return co_await std::move(running);
}

} // namespace strongroom::cli
