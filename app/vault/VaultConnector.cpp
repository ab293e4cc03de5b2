#include "VaultConnector.h"

#include "AppSettings.h"
#include "AuditActions.h"
#include "AuditLog.h"
#include "Connection.h"
#include "CredentialStore.h"
#include "VaultAuth.h"
#include "VaultBackend.h"
#include "VaultConnectorInternals.h"
#include "VaultOidcLogin.h"
#include "Workspace.h"

#include <QDateTime>
#include <QPointer>
#include <QTimer>

namespace strongroom {

using namespace vault_connector;

VaultConnector::VaultConnector(Workspace* workspace, QObject* parent)
    : StoreConnector(workspace, QStringLiteral("vault"), parent) {
    Q_ASSERT(workspace);
    connect(workspace, &Workspace::connectionRemoved, this,
            [this](const QString& id) { untrack(id); });
}

VaultConnector::~VaultConnector() = default;

VaultEndpoint VaultConnector::endpointFor(const VaultConnectionSpec& spec) {
    VaultEndpoint endpoint;
    endpoint.address = QUrl(spec.address.trimmed());
    endpoint.nameSpace = spec.nameSpace;
    endpoint.http.caFile = spec.caFile;
    endpoint.http.clientCertFile = spec.clientCertFile;
    endpoint.http.clientKeyFile = spec.clientKeyFile;
    return endpoint;
}

std::optional<VaultConnectionSpec> VaultConnector::savedSpec(const QString& connectionId,
                                                             QString* error) const {
    if (auto it = m_tracked.constFind(connectionId); it != m_tracked.constEnd()) {
        return (*it)->spec;
    }
    const auto saved = savedSettings(connectionId, error);
    if (!saved) {
        return std::nullopt;
    }
    return VaultConnectionSpec::fromOptions(saved->id, saved->displayName, saved->options, error);
}

QCoro::Task<Result<VaultLogin>> VaultConnector::signIn(VaultBackend* backend,
                                                       VaultCredentials credentials) {
    if (credentials.method == VaultAuthMethod::Oidc) {
        QPointer<VaultBackend> alive(backend);
        auto* browser = new VaultOidcLogin(this);
        browser->setTimeout(m_browserTimeout);
        connect(browser, &VaultOidcLogin::browserLoginRequested, this,
                &VaultConnector::browserLoginRequested);
        m_browserLogins.append(browser);
        auto logging = browser->login(*backend->session(), credentials.mountPath, credentials.role);
        QPointer<VaultOidcLogin> browserAlive(browser);
        auto login = co_await std::move(logging);
        if (browserAlive) {
            browserAlive->deleteLater();
        }
        if (!alive) {
            co_return BackendError(Kind::Cancelled);
        }
        co_return login;
    }
    auto logging = VaultAuth::login(*backend->session(), std::move(credentials));
    co_return co_await std::move(logging);
}

QCoro::Task<Result<Connection*>> VaultConnector::connectNew(VaultConnectionSpec spec,
                                                            VaultCredentials credentials) {
    if (const QString problem = spec.validate(); !problem.isEmpty()) {
        co_return BackendError(Kind::InvalidInput, problem);
    }
    if (workspace()->connection(spec.id)) {
        co_return BackendError(Kind::InvalidInput,
                               QStringLiteral("connection '%1' is already open").arg(spec.id));
    }
    // What the operator chose is part of the spec; the credentials follow it.
    credentials.method = spec.method;
    if (credentials.mountPath.isEmpty()) {
        credentials.mountPath = spec.authMount;
    }
    if (credentials.username.isEmpty()) {
        credentials.username = spec.username;
    }
    if (credentials.roleId.isEmpty()) {
        credentials.roleId = spec.roleId;
    }
    if (credentials.role.isEmpty()) {
        credentials.role = spec.role;
    }
    auto opening = open(std::move(spec), std::move(credentials), actions::connect());
    co_return co_await std::move(opening);
}

QCoro::Task<Result<Connection*>> VaultConnector::reconnect(QString connectionId) {
    if (auto* open = workspace()->connection(connectionId)) {
        if (!m_tracked.contains(connectionId)) {
            co_return BackendError(
                Kind::InvalidInput,
                QStringLiteral("connection '%1' is not a Vault connection").arg(connectionId));
        }
        if (open->state() == ConnectionState::Connected) {
            co_return open;
        }
        auto refreshing = refreshOpen(connectionId);
        co_return co_await std::move(refreshing);
    }
    QString problem;
    auto spec = savedSpec(connectionId, &problem);
    if (!spec) {
        co_return BackendError(problem.startsWith(QLatin1String("no ")) ? Kind::NotFound
                                                                        : Kind::InvalidInput,
                               problem);
    }
    auto opening = open(std::move(*spec), std::nullopt, actions::reconnect());
    co_return co_await std::move(opening);
}

QCoro::Task<Result<Connection*>> VaultConnector::open(VaultConnectionSpec spec,
                                                      std::optional<VaultCredentials> credentials,
                                                      QString action) {
    QPointer<VaultConnector> self(this);
    const QString id = spec.id;
    auto backend = std::make_unique<VaultBackend>(endpointFor(spec));
    QString detail;
    SecretBytes token;
    if (credentials) {
        detail = describeCredentials(*credentials);
        auto logging = signIn(backend.get(), std::move(*credentials));
        auto login = co_await std::move(logging);
        if (!self) {
            co_return BackendError(Kind::Cancelled);
        }
        if (!login) {
            auto auditing = audit(id, action, BackendError::kindName(login.error().kind()),
                                  detail + QStringLiteral(": ") + login.error().detail());
            co_await std::move(auditing);
            co_return login.error();
        }
        token = std::move(login->clientToken);
    } else {
        detail = QStringLiteral("token from the keychain");
        auto reading = workspace()->credentials()->read(keychainKey(id));
        auto stored = co_await std::move(reading);
        if (!self) {
            co_return BackendError(Kind::Cancelled);
        }
        if (!stored) {
            if (stored.error().kind() == Kind::NotFound) {
                co_return BackendError(Kind::Unauthenticated,
                                       QStringLiteral("no token is kept for '%1'").arg(id));
            }
            co_return stored.error();
        }
        token = std::move(stored.value());
    }
    backend->session()->setToken(token);
    auto connecting = backend->connectToServer();
    auto info = co_await std::move(connecting);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!info) {
        if (credentials && info.error().kind() != Kind::Unauthenticated) {
            // The sign-in minted a token nobody will use: hand it back (best effort).
            auto revoking = backend->session()->revokeSelf();
            co_await std::move(revoking);
            if (!self) {
                co_return BackendError(Kind::Cancelled);
            }
        }
        auto auditing = audit(id, action, BackendError::kindName(info.error().kind()),
                              detail + QStringLiteral(": ") + info.error().detail());
        co_await std::move(auditing);
        co_return info.error();
    }
    for (const auto& entry : spec.extraMounts) {
        const auto [mount, kvVersion] = VaultConnectionSpec::parseMountEntry(entry);
        auto adding = backend->addMount(mount, kvVersion);
        co_await std::move(adding);
        if (!self) {
            co_return BackendError(Kind::Cancelled);
        }
    }
    if (credentials) {
        auto writing = workspace()->credentials()->write(keychainKey(id), token);
        auto written = co_await std::move(writing);
        if (!self) {
            co_return BackendError(Kind::Cancelled);
        }
        if (!written) {
            co_return written.error();
        }
    }
    token.clear();
    Connection* added =
        workspace()->addConnection(std::move(backend), id, spec.displayName, spec.toOptions());
    if (!added) {
        co_return BackendError(Kind::InvalidInput,
                               QStringLiteral("connection '%1' is already open").arg(id));
    }
    track(added, spec, info.value());
    auto auditing =
        audit(id, action, Ok, detail + QStringLiteral("; ") + describeToken(info.value()));
    co_await std::move(auditing);
    co_return added;
}

QCoro::Task<Result<Connection*>> VaultConnector::refreshOpen(QString connectionId) {
    QPointer<VaultConnector> self(this);
    auto tracked = m_tracked.value(connectionId);
    auto reading = workspace()->credentials()->read(keychainKey(connectionId));
    auto stored = co_await std::move(reading);
    if (!self || !tracked->backend) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!stored) {
        co_return stored.error().kind() == Kind::NotFound
            ? BackendError(Kind::Unauthenticated,
                           QStringLiteral("no token is kept for '%1'").arg(connectionId))
            : stored.error();
    }
    QPointer<VaultBackend> backend = tracked->backend;
    backend->session()->setToken(std::move(stored.value()));
    auto connecting = backend->connectToServer();
    auto info = co_await std::move(connecting);
    if (!self || !backend || !tracked->connection) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!info) {
        co_return info.error();
    }
    setTokenInfo(connectionId, info.value());
    co_return tracked->connection.data();
}

QCoro::Task<Result<VaultTokenInfo>> VaultConnector::relogin(QString connectionId,
                                                            VaultCredentials credentials) {
    QString problem;
    auto spec = savedSpec(connectionId, &problem);
    if (!spec) {
        co_return BackendError(problem.startsWith(QLatin1String("no ")) ? Kind::NotFound
                                                                        : Kind::InvalidInput,
                               problem);
    }
    credentials.method = spec->method;
    if (credentials.mountPath.isEmpty()) {
        credentials.mountPath = spec->authMount;
    }
    if (credentials.username.isEmpty()) {
        credentials.username = spec->username;
    }
    if (credentials.roleId.isEmpty()) {
        credentials.roleId = spec->roleId;
    }
    if (credentials.role.isEmpty()) {
        credentials.role = spec->role;
    }
    if (m_tracked.contains(connectionId)) {
        auto again = reloginOpen(connectionId, std::move(credentials));
        co_return co_await std::move(again);
    }
    QPointer<VaultConnector> self(this);
    auto opening = open(std::move(*spec), std::move(credentials), actions::login());
    auto opened = co_await std::move(opening);
    if (!opened) {
        co_return opened.error();
    }
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (auto info = tokenInfo(connectionId)) {
        co_return *info;
    }
    co_return BackendError(Kind::Cancelled);
}

QCoro::Task<Result<VaultTokenInfo>> VaultConnector::reloginOpen(QString connectionId,
                                                                VaultCredentials credentials) {
    QPointer<VaultConnector> self(this);
    auto tracked = m_tracked.value(connectionId);
    QPointer<VaultBackend> backend = tracked->backend;
    const QString action = actions::login();
    const QString detail = describeCredentials(credentials);
    auto logging = signIn(backend.data(), std::move(credentials));
    auto login = co_await std::move(logging);
    if (!self || !backend) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!login) {
        auto auditing = audit(connectionId, action, BackendError::kindName(login.error().kind()),
                              detail + QStringLiteral(": ") + login.error().detail());
        co_await std::move(auditing);
        co_return login.error();
    }
    backend->session()->setToken(login->clientToken);
    auto writing =
        workspace()->credentials()->write(keychainKey(connectionId), std::move(login->clientToken));
    auto written = co_await std::move(writing);
    if (!self || !backend) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!written) {
        co_return written.error();
    }
    auto connecting = backend->connectToServer();
    auto info = co_await std::move(connecting);
    if (!self || !backend) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!info) {
        co_return info.error();
    }
    tracked->renewing = true;
    setTokenInfo(connectionId, info.value());
    auto auditing = audit(connectionId, action, Ok,
                          detail + QStringLiteral("; ") + describeToken(info.value()));
    co_await std::move(auditing);
    co_return info;
}

QCoro::Task<Status> VaultConnector::logout(QString connectionId, bool forget) {
    QPointer<VaultConnector> self(this);
    QString problem;
    auto spec = savedSpec(connectionId, &problem);
    if (!spec) {
        co_return BackendError(problem.startsWith(QLatin1String("no ")) ? Kind::NotFound
                                                                        : Kind::InvalidInput,
                               problem);
    }
    // Revoke with the token in use, or the one the keychain keeps for a connection not open.
    std::unique_ptr<VaultBackend> detached;
    QPointer<VaultBackend> backend;
    if (auto tracked = m_tracked.value(connectionId); tracked && tracked->backend) {
        backend = tracked->backend;
        tracked->timer.stop();
    }
    if (!backend || !backend->session()->hasToken()) {
        auto reading = workspace()->credentials()->read(keychainKey(connectionId));
        auto stored = co_await std::move(reading);
        if (!self) {
            co_return BackendError(Kind::Cancelled);
        }
        if (stored) {
            detached = std::make_unique<VaultBackend>(endpointFor(*spec));
            detached->session()->setToken(std::move(stored.value()));
            backend = detached.get();
        }
    }
    std::optional<BackendError> revokeError;
    QString revoked = QStringLiteral("no token to revoke");
    if (backend && backend->session()->hasToken()) {
        auto revoking = backend->session()->revokeSelf();
        auto done = co_await std::move(revoking);
        if (!self) {
            co_return BackendError(Kind::Cancelled);
        }
        revoked = QStringLiteral("token revoked");
        // A token the server no longer knows is as revoked as it gets.
        if (!done && !tokenRefused(done.error())) {
            revokeError = done.error();
            revoked = QStringLiteral("token not revoked: ") + done.error().detail();
        }
        if (backend) {
            backend->disconnect();
        }
    }
    auto removing = workspace()->credentials()->remove(keychainKey(connectionId));
    auto removed = co_await std::move(removing);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    untrack(connectionId);
    closeConnection(connectionId, forget);
    const QString detail =
        revoked +
        (removed ? QStringLiteral("; keychain entry removed")
                 : QStringLiteral("; keychain entry NOT removed: ") + removed.error().detail()) +
        (forget ? QStringLiteral("; connection forgotten") : QString());
    const bool failed = revokeError.has_value() || !removed;
    auto auditing = audit(
        connectionId, actions::logout(),
        failed ? BackendError::kindName(revokeError ? revokeError->kind() : removed.error().kind())
               : Ok,
        detail);
    co_await std::move(auditing);
    if (revokeError) {
        co_return BackendError(revokeError->kind(),
                               QStringLiteral("the token could not be revoked (%1); it was "
                                              "removed from this machine")
                                   .arg(revokeError->detail()));
    }
    if (!removed) {
        co_return removed.error();
    }
    co_return Done{};
}

void VaultConnector::cancelBrowserLogin() {
    for (const auto& browser : std::as_const(m_browserLogins)) {
        if (browser) {
            browser->cancel();
        }
    }
    m_browserLogins.removeAll(nullptr);
}

VaultBackend* VaultConnector::backend(const QString& connectionId) const {
    auto tracked = m_tracked.value(connectionId);
    return tracked ? tracked->backend.data() : nullptr;
}

std::optional<VaultConnectionSpec> VaultConnector::spec(const QString& connectionId) const {
    return savedSpec(connectionId);
}

QCoro::Task<Result<VaultMount>> VaultConnector::addMount(QString connectionId, QString mountPath,
                                                         int kvVersion) {
    VaultBackend* open = backend(connectionId);
    if (!open) {
        co_return BackendError(BackendError::Kind::NotFound,
                               QStringLiteral("connection '%1' is not open").arg(connectionId));
    }
    auto adding = open->addMount(std::move(mountPath), kvVersion);
    co_return co_await std::move(adding);
}

} // namespace strongroom
