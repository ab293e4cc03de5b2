#include "VaultCliSession.h"

#include "CliSession.h"
#include "Connection.h"
#include "TerminalPrompt.h"
#include "VaultConnector.h"
#include "VaultSecretInput.h"
#include "Workspace.h"

namespace strongroom::cli {

namespace {
using Kind = BackendError::Kind;
const QString kVault = QStringLiteral("vault");
} // namespace

VaultConnector& VaultCliSession::connector(CliSession& session) {
    // The registry makes a VaultConnector for "vault" (app/vault/VaultProvider.cpp).
    auto* vault = qobject_cast<VaultConnector*>(session.connector(kVault));
    Q_ASSERT(vault);
    return *vault;
}

QCoro::Task<Result<Connection*>> VaultCliSession::open(CliSession& session, QString id) {
    VaultConnector& vault = connector(session);
    // The token kept in the keychain by `vault connect` / `vault login`.
    auto reconnecting = vault.reconnect(id);
    auto opened = co_await std::move(reconnecting);
    if (opened || opened.error().kind() != Kind::Unauthenticated) {
        co_return opened;
    }
    const auto spec = vault.spec(id);
    if (!TerminalPrompt::isInteractive() || !spec || spec->method == VaultAuthMethod::Oidc) {
        co_return BackendError(Kind::Unauthenticated,
                               QStringLiteral("%1 (log in with: strongroom-cli vault login %2)")
                                   .arg(opened.error().detail(), id));
    }
    // At a terminal: sign in again right here, then the command goes on.
    session.output().note(QStringLiteral("%1: %2").arg(id, opened.error().detail()));
    auto reading = VaultSecretInput::read(spec->method, spec->username);
    auto secret = co_await std::move(reading);
    if (!secret) {
        co_return secret.error();
    }
    VaultCredentials credentials;
    credentials.method = spec->method;
    credentials.secret = std::move(secret.value());
    auto logging = vault.relogin(id, std::move(credentials));
    auto logged = co_await std::move(logging);
    if (!logged) {
        co_return logged.error();
    }
    if (auto* connection = session.workspace().connection(id)) {
        co_return connection;
    }
    co_return BackendError(Kind::Cancelled, QStringLiteral("connection '%1' closed").arg(id));
}

} // namespace strongroom::cli
