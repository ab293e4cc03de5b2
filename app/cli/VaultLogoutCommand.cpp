#include "VaultLogoutCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "VaultConnector.h"

namespace strongroom::cli {

namespace {
const QString kForget = QStringLiteral("forget");
}

QString VaultLogoutCommand::summary() const {
    return QStringLiteral("Revoke a Vault connection's token and remove it from the keychain");
}

QCoro::Task<int> VaultLogoutCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("<id> [--forget]"),
                         QStringLiteral("Revokes the token (revoke-self) and removes it from the "
                                        "keychain. The saved connection stays (log in again "
                                        "with `vault login`) unless --forget is given."));
    parser.addOption({kForget, QStringLiteral("Also forget the saved connection.")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 1)) {
        co_return *exit;
    }
    const QString id = parser.positional().first();
    const bool forget = parser.isSet(kForget);
    auto leaving = session.vaultConnector().logout(id, forget);
    const Status left = co_await std::move(leaving);
    if (!left) {
        co_return out.fail(left.error(), QStringLiteral("vault logout %1").arg(id));
    }
    out.line(QStringLiteral("logged out of %1: token revoked and removed from the keychain%2")
                 .arg(id, forget ? QStringLiteral("; connection forgotten") : QString()));
    co_return 0;
}

} // namespace strongroom::cli
