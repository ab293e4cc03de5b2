#include "CliSession.h"

#include "AwsConnector.h"
#include "AwsSignInChain.h"
#include "Connection.h"
#include "PassphraseSource.h"
#include "TerminalPrompt.h"
#include "VaultConnector.h"
#include "VaultSecretInput.h"
#include "Workspace.h"

namespace strongroom::cli {

namespace {
using Kind = BackendError::Kind;
}

CliSession::CliSession(CliOutput output)
    : m_output(output) {}

CliSession::~CliSession() = default;

Workspace& CliSession::workspace() {
    if (!m_workspace) {
        m_workspace = std::make_unique<Workspace>(AppPaths::fromEnvironment());
    }
    return *m_workspace;
}

SecretService& CliSession::secrets() {
    return *workspace().secrets();
}

VaultConnector& CliSession::vaultConnector() {
    if (!m_vault) {
        m_vault = std::make_unique<VaultConnector>(&workspace());
    }
    return *m_vault;
}

AwsConnector& CliSession::awsConnector() {
    if (!m_aws) {
        m_aws = std::make_unique<AwsConnector>(&workspace());
    }
    return *m_aws;
}

QCoro::Task<Result<Connection*>> CliSession::openConnection() {
    if (m_options.connection == Workspace::localConnectionId()) {
        co_return co_await openLocalStore();
    }
    if (auto* open = workspace().connection(m_options.connection)) {
        co_return open;
    }
    for (const auto& saved : workspace().savedConnections()) {
        if (saved.id == m_options.connection && saved.providerId == QLatin1String("vault")) {
            auto opening = openVaultConnection(saved.id);
            co_return co_await std::move(opening);
        }
        if (saved.id == m_options.connection && saved.providerId == QLatin1String("aws")) {
            auto opening = openAwsConnection(saved.id);
            co_return co_await std::move(opening);
        }
        if (saved.id == m_options.connection) {
            // Remote stores sign in through the GUI's provider dialogs; the CLI holds no flow to
            // obtain their credentials, so it says so instead of pretending to connect.
            co_return BackendError(Kind::Unsupported,
                                   QStringLiteral("connection '%1' (%2) can only be opened in "
                                                  "the Strongroom window")
                                       .arg(saved.id, saved.providerId));
        }
    }
    co_return BackendError(Kind::NotFound,
                           QStringLiteral("no connection '%1' (see: strongroom-cli connections)")
                               .arg(m_options.connection));
}

QCoro::Task<Result<Connection*>> CliSession::openVaultConnection(QString id) {
    // The token kept in the keychain by `vault connect` / `vault login`.
    auto reconnecting = vaultConnector().reconnect(id);
    auto opened = co_await std::move(reconnecting);
    if (opened || opened.error().kind() != Kind::Unauthenticated) {
        co_return opened;
    }
    const auto spec = vaultConnector().spec(id);
    if (!TerminalPrompt::isInteractive() || !spec || spec->method == VaultAuthMethod::Oidc) {
        co_return BackendError(Kind::Unauthenticated,
                               QStringLiteral("%1 (log in with: strongroom-cli vault login %2)")
                                   .arg(opened.error().detail(), id));
    }
    // At a terminal: sign in again right here, then the command goes on.
    m_output.note(QStringLiteral("%1: %2").arg(id, opened.error().detail()));
    auto reading = VaultSecretInput::read(spec->method, spec->username);
    auto secret = co_await std::move(reading);
    if (!secret) {
        co_return secret.error();
    }
    VaultCredentials credentials;
    credentials.method = spec->method;
    credentials.secret = std::move(secret.value());
    auto logging = vaultConnector().relogin(id, std::move(credentials));
    auto logged = co_await std::move(logging);
    if (!logged) {
        co_return logged.error();
    }
    if (auto* open = workspace().connection(id)) {
        co_return open;
    }
    co_return BackendError(Kind::Cancelled, QStringLiteral("connection '%1' closed").arg(id));
}

QCoro::Task<Result<Connection*>> CliSession::openAwsConnection(QString id) {
    auto opening = withMfaCode(id, [this, id](QString code) {
        AwsSignIn signIn;
        signIn.mfaCode = std::move(code);
        return awsConnector().reconnect(id, std::move(signIn));
    });
    auto opened = co_await std::move(opening);
    if (!opened && opened.error().kind() == Kind::Unauthenticated &&
        !AwsSignInChain::mfaSerialAskedFor(opened.error())) {
        co_return BackendError(Kind::Unauthenticated,
                               QStringLiteral("%1 (sign in again with: strongroom-cli aws "
                                              "connect %2 ...)")
                                   .arg(opened.error().detail(), id));
    }
    co_return opened;
}

QCoro::Task<Result<Connection*>>
CliSession::withMfaCode(QString id,
                        std::function<QCoro::Task<Result<Connection*>>(QString)> attempt) {
    auto first = attempt(m_options.mfaCode);
    auto opened = co_await std::move(first);
    const bool wantsCode = !opened && AwsSignInChain::mfaSerialAskedFor(opened.error());
    if (!wantsCode || !m_options.mfaCode.isEmpty()) {
        co_return opened;
    }
    if (!TerminalPrompt::isInteractive()) {
        co_return BackendError(
            Kind::Unauthenticated,
            QStringLiteral("%1: give it with --mfa-code").arg(opened.error().detail()));
    }
    m_output.note(QStringLiteral("%1: %2").arg(id, opened.error().detail()));
    auto asking = TerminalPrompt::ask(QStringLiteral("MFA code: "));
    auto typed = co_await std::move(asking);
    if (!typed) {
        co_return typed.error();
    }
    auto second = attempt(typed->trimmed());
    co_return co_await std::move(second);
}

QCoro::Task<Result<Connection*>> CliSession::openLocalStore() {
    if (auto* open = workspace().connection(Workspace::localConnectionId())) {
        co_return open;
    }
    const auto protection = co_await workspace().probeLocalStore();
    if (!protection) {
        if (protection.error().kind() == Kind::NotFound) {
            co_return BackendError(Kind::NotFound,
                                   QStringLiteral("there is no local store yet (create it with: "
                                                  "strongroom-cli store init)"));
        }
        co_return protection.error();
    }
    SecretBytes passphrase;
    if (protection.value() == LocalKeyProtection::Passphrase) {
        PassphraseSource source(m_options);
        auto asking = source.forUnlock();
        auto typed = co_await std::move(asking);
        if (!typed) {
            co_return typed.error();
        }
        passphrase = std::move(typed.value());
    }
    // Named first: GCC 12 destroys temporaries inside a co_await expression twice.
    auto opening = workspace().openLocalStore(std::move(passphrase));
    co_return co_await std::move(opening);
}

QCoro::Task<LocalStoreState> CliSession::describeLocalStore() {
    LocalStoreState described;
    const auto protection = co_await workspace().probeLocalStore();
    if (!protection) {
        const bool absent = protection.error().kind() == Kind::NotFound;
        described.state =
            absent ? QStringLiteral("absent") : BackendError::kindName(protection.error().kind());
        if (!absent) {
            described.error = protection.error();
        }
        co_return described;
    }
    described.exists = true;
    const bool keychain = protection.value() == LocalKeyProtection::Keychain;
    described.protection = keychain ? QStringLiteral("keychain") : QStringLiteral("passphrase");
    described.state = connectionStateName(ConnectionState::Locked);
    if (keychain || PassphraseSource(m_options).hasScriptSource()) {
        const auto opened = co_await openLocalStore();
        if (opened) {
            described.state = connectionStateName(opened.value()->state());
        } else {
            described.state = BackendError::kindName(opened.error().kind());
            described.error = opened.error();
        }
    }
    co_return described;
}

} // namespace strongroom::cli
