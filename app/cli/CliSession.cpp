#include "CliSession.h"

#include "CliProvider.h"
#include "Connection.h"
#include "PassphraseSource.h"
#include "ProviderRegistry.h"
#include "StoreConnector.h"
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

StoreConnector* CliSession::connector(const QString& providerId) {
    if (auto found = m_connectors.find(providerId); found != m_connectors.end()) {
        return found->second.get();
    }
    const ProviderDescription* provider = ProviderRegistry::builtin().find(providerId);
    if (!provider || !provider->makeConnector) {
        return nullptr;
    }
    std::unique_ptr<StoreConnector> made(provider->makeConnector(&workspace(), nullptr));
    auto* connector = made.get();
    m_connectors.emplace(providerId, std::move(made));
    return connector;
}

QCoro::Task<Result<Connection*>> CliSession::openConnection() {
    auto opening = openConnection(m_options.connection);
    co_return co_await std::move(opening);
}

QCoro::Task<Result<Connection*>> CliSession::openConnection(QString id) {
    if (id == Workspace::localConnectionId()) {
        auto opening = openLocalStore();
        co_return co_await std::move(opening);
    }
    if (auto* open = workspace().connection(id)) {
        co_return open;
    }
    for (const auto& saved : workspace().savedConnections()) {
        if (saved.id != id) {
            continue;
        }
        const CliProvider* provider = CliProviderRegistry::builtin().find(saved.providerId);
        if (!provider || !provider->openConnection) {
            // A store with no sign-in flow in the CLI says so instead of pretending to connect.
            co_return BackendError(Kind::Unsupported,
                                   QStringLiteral("connection '%1' (%2) can only be opened in "
                                                  "the Strongroom window")
                                       .arg(saved.id, saved.providerId));
        }
        auto opening = provider->openConnection(*this, saved.id);
        co_return co_await std::move(opening);
    }
    co_return BackendError(
        Kind::NotFound,
        QStringLiteral("no connection '%1' (see: strongroom-cli connections)").arg(id));
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
