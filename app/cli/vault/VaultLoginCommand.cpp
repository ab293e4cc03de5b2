#include "VaultLoginCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "CredentialStore.h"
#include "VaultCliSession.h"
#include "VaultConnector.h"
#include "VaultSecretInput.h"
#include "VaultTokenReport.h"
#include "Workspace.h"

namespace strongroom::cli {

QString VaultLoginCommand::summary() const {
    return QStringLiteral("Sign in again to a saved Vault connection (new token in the keychain)");
}

QCoro::Task<int> VaultLoginCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("<id>"),
                         QStringLiteral("Signs in again with the method saved for <id> (after "
                                        "the token expired or was revoked) and replaces the "
                                        "token in the keychain. The secret is typed without "
                                        "echo, or read as one line from stdin."));
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 1)) {
        co_return *exit;
    }
    const QString id = parser.positional().first();
    const auto spec = VaultCliSession::connector(session).spec(id);
    if (!spec) {
        co_return out.fail(ExitCode::NotFound,
                           QStringLiteral("no Vault connection '%1' (see: strongroom-cli "
                                          "connections)")
                               .arg(id));
    }
    if (spec->method == VaultAuthMethod::Oidc) {
        co_return out.fail(ExitCode::Usage, QStringLiteral("'%1' signs in with OIDC through a "
                                                           "browser: use the Strongroom window")
                                                .arg(id));
    }
    auto reading = VaultSecretInput::read(spec->method, spec->username);
    auto secret = co_await std::move(reading);
    if (!secret) {
        co_return out.fail(secret.error());
    }
    VaultCredentials credentials;
    credentials.method = spec->method;
    credentials.secret = std::move(secret.value());
    auto logging = VaultCliSession::connector(session).relogin(id, std::move(credentials));
    auto info = co_await std::move(logging);
    if (!info) {
        co_return out.fail(info.error(), QStringLiteral("vault login %1").arg(id));
    }
    if (session.workspace().credentials()->keychainMissing()) {
        // The token lives in this process only: later commands will need a new login.
        out.note(QStringLiteral("warning: %1; later commands will ask for a login")
                     .arg(CredentialStore::unavailableMessage()));
    }
    if (session.options().json) {
        out.writeJson(VaultTokenReport::toJson(id, info.value()));
    } else {
        out.line(QStringLiteral("logged in to %1").arg(id));
        for (const QString& line : VaultTokenReport::lines(info.value())) {
            out.line(line);
        }
    }
    co_return 0;
}

} // namespace strongroom::cli
