#include "VaultLogoutCommand.h"

#include "CliSession.h"
#include "LogoutFlow.h"
#include "VaultCliSession.h"
#include "VaultConnector.h"

namespace strongroom::cli {

QString VaultLogoutCommand::summary() const {
    return QStringLiteral("Revoke a Vault connection's token and remove it from the keychain");
}

QCoro::Task<int> VaultLogoutCommand::run(CliSession& session, QStringList arguments) {
    auto running = runLogout(
        session, std::move(arguments),
        LogoutFlow{name(),
                   QStringLiteral("Revokes the token (revoke-self) and removes it from the "
                                  "keychain. The saved connection stays (log in again "
                                  "with `vault login`) unless --forget is given."),
                   QStringLiteral("token revoked and removed from the keychain"),
                   [](CliSession& cli, QString id, bool forget) {
                       return VaultCliSession::connector(cli).logout(std::move(id), forget);
                   }});
    co_return co_await std::move(running);
}

} // namespace strongroom::cli
