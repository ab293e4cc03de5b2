#include "VaultConnector.h"

#include "AppSettings.h"
#include "AuditLog.h"
#include "Connection.h"
#include "CredentialStore.h"
#include "VaultAuth.h"
#include "VaultBackend.h"
#include "VaultOidcLogin.h"
#include "Workspace.h"

#include <QDateTime>
#include <QPointer>
#include <QTimer>

namespace strongroom {

namespace {

using Kind = BackendError::Kind;
using std::chrono::seconds;

const QString Ok = QStringLiteral("ok");

QString describeToken(const VaultTokenInfo& info) {
    const QString ttl = info.expires() ? QStringLiteral("%1s").arg(info.ttl.count())
                                       : QStringLiteral("never expires");
    return QStringLiteral("policies %1; ttl %2; %3")
        .arg(info.policies.join(QLatin1Char(',')), ttl,
             info.renewable ? QStringLiteral("renewable") : QStringLiteral("not renewable"));
}

QString describeCredentials(const VaultCredentials& credentials) {
    QString text = QStringLiteral("method %1").arg(vaultAuthMethodId(credentials.method));
    if (!credentials.username.isEmpty()) {
        text += QStringLiteral(", user %1").arg(credentials.username);
    }
    return text;
}

bool tokenRefused(const BackendError& error) {
    return error.kind() == Kind::Unauthenticated || error.kind() == Kind::PermissionDenied;
}

// Renewal runs at two thirds of the time left, never more often than once a second.
std::chrono::milliseconds renewalDelay(std::chrono::milliseconds left) {
    return std::max<std::chrono::milliseconds>(seconds(1), left * 2 / 3);
}

} // namespace

struct VaultConnector::Tracked {
    QPointer<Connection> connection;
    QPointer<VaultBackend> backend;
    VaultConnectionSpec spec;
    std::optional<VaultTokenInfo> info;
    QDateTime checkedAt;
    QTimer timer;
    bool renewing = true; // false once a renewal stopped extending the token (max TTL reached)
};

VaultConnector::VaultConnector(Workspace* workspace, QObject* parent)
    : QObject(parent)
    , m_workspace(workspace) {
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

QCoro::Task<void> VaultConnector::audit(QString connectionId, QString action, QString result,
                                        QString detail) {
    QPointer<AuditLog> log = m_workspace ? m_workspace->auditLog() : nullptr;
    if (!log) {
        co_return;
    }
    AuditRecord record;
    record.connection = std::move(connectionId);
    record.action = std::move(action);
    record.result = std::move(result);
    record.detail = std::move(detail);
    auto appending = log->append(std::move(record));
    co_await std::move(appending);
}

std::optional<VaultConnectionSpec> VaultConnector::savedSpec(const QString& connectionId,
                                                             QString* error) const {
    if (auto it = m_tracked.constFind(connectionId); it != m_tracked.constEnd()) {
        return (*it)->spec;
    }
    for (const auto& saved : m_workspace->savedConnections()) {
        if (saved.id != connectionId) {
            continue;
        }
        if (saved.providerId != QLatin1String("vault")) {
            if (error) {
                *error = QStringLiteral("connection '%1' is not a Vault connection (%2)")
                             .arg(connectionId, saved.providerId);
            }
            return std::nullopt;
        }
        return VaultConnectionSpec::fromOptions(saved.id, saved.displayName, saved.options, error);
    }
    if (error) {
        *error = QStringLiteral("no Vault connection '%1'").arg(connectionId);
    }
    return std::nullopt;
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
    if (m_workspace->connection(spec.id)) {
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
    auto opening = open(std::move(spec), std::move(credentials), QStringLiteral("vault-connect"));
    co_return co_await std::move(opening);
}

QCoro::Task<Result<Connection*>> VaultConnector::reconnect(QString connectionId) {
    if (auto* open = m_workspace->connection(connectionId)) {
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
    auto opening = open(std::move(*spec), std::nullopt, QStringLiteral("vault-reconnect"));
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
        auto reading = m_workspace->credentials()->read(keychainKey(id));
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
        auto writing = m_workspace->credentials()->write(keychainKey(id), token);
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
        m_workspace->addConnection(std::move(backend), id, spec.displayName, spec.toOptions());
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
    auto reading = m_workspace->credentials()->read(keychainKey(connectionId));
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
    auto opening = open(std::move(*spec), std::move(credentials), QStringLiteral("vault-login"));
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
    const QString action = QStringLiteral("vault-login");
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
        m_workspace->credentials()->write(keychainKey(connectionId), std::move(login->clientToken));
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
        auto reading = m_workspace->credentials()->read(keychainKey(connectionId));
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
    auto removing = m_workspace->credentials()->remove(keychainKey(connectionId));
    auto removed = co_await std::move(removing);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    untrack(connectionId);
    // removeConnection forgets the saved spec too; a plain log out keeps it.
    auto saved = m_workspace->savedConnections();
    m_workspace->removeConnection(connectionId);
    if (forget) {
        saved.removeIf([&](const ConnectionSettings& entry) { return entry.id == connectionId; });
    }
    m_workspace->settings()->setConnections(saved);
    m_workspace->settings()->sync();
    const QString detail =
        revoked +
        (removed ? QStringLiteral("; keychain entry removed")
                 : QStringLiteral("; keychain entry NOT removed: ") + removed.error().detail()) +
        (forget ? QStringLiteral("; connection forgotten") : QString());
    const bool failed = revokeError.has_value() || !removed;
    auto auditing = audit(
        connectionId, QStringLiteral("vault-logout"),
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

std::optional<VaultTokenInfo> VaultConnector::tokenInfo(const QString& connectionId) const {
    auto tracked = m_tracked.value(connectionId);
    if (!tracked) {
        return std::nullopt;
    }
    return tracked->info;
}

std::optional<seconds> VaultConnector::timeLeft(const QString& connectionId) const {
    const auto left = millisecondsLeft(connectionId);
    if (!left) {
        return std::nullopt;
    }
    return std::chrono::duration_cast<seconds>(*left);
}

std::optional<std::chrono::milliseconds>
VaultConnector::millisecondsLeft(const QString& connectionId) const {
    auto tracked = m_tracked.value(connectionId);
    if (!tracked || !tracked->info || !tracked->info->expires()) {
        return std::nullopt;
    }
    const auto now = QDateTime::currentDateTimeUtc();
    qint64 left = tracked->info->ttl.count() * 1000 - tracked->checkedAt.msecsTo(now);
    if (tracked->info->expireTime.isValid()) {
        left = now.msecsTo(tracked->info->expireTime);
    }
    return std::chrono::milliseconds(std::max<qint64>(0, left));
}

VaultBackend* VaultConnector::backend(const QString& connectionId) const {
    auto tracked = m_tracked.value(connectionId);
    return tracked ? tracked->backend.data() : nullptr;
}

std::optional<VaultConnectionSpec> VaultConnector::spec(const QString& connectionId) const {
    return savedSpec(connectionId);
}

void VaultConnector::track(Connection* connection, const VaultConnectionSpec& spec,
                           const VaultTokenInfo& info) {
    const QString id = connection->id();
    auto tracked = std::make_shared<Tracked>();
    tracked->connection = connection;
    tracked->backend = qobject_cast<VaultBackend*>(connection->backend());
    tracked->spec = spec;
    tracked->timer.setSingleShot(true);
    connect(&tracked->timer, &QTimer::timeout, this, [this, id] {
        auto entry = m_tracked.value(id);
        if (!entry) {
            return;
        }
        // Fire and forget: the task finishes on its own and checks this object is alive.
        if (entry->renewing && entry->info && entry->info->renewable) {
            auto renewing = renew(id);
        } else {
            auto checking = checkExpiry(id);
        }
    });
    connect(connection, &Connection::stateChanged, this,
            [this, id](ConnectionState state) { onStateChanged(id, state); });
    m_tracked.insert(id, tracked);
    setTokenInfo(id, info);
}

void VaultConnector::untrack(const QString& connectionId) {
    m_tracked.remove(connectionId);
}

void VaultConnector::setTokenInfo(const QString& connectionId, const VaultTokenInfo& info) {
    auto tracked = m_tracked.value(connectionId);
    if (!tracked) {
        return;
    }
    tracked->info = info;
    tracked->checkedAt = QDateTime::currentDateTimeUtc();
    schedule(connectionId);
    Q_EMIT tokenChanged(connectionId);
}

void VaultConnector::schedule(const QString& connectionId) {
    auto tracked = m_tracked.value(connectionId);
    if (!tracked) {
        return;
    }
    tracked->timer.stop();
    if (!tracked->info || !tracked->info->expires()) {
        return;
    }
    const auto left = millisecondsLeft(connectionId).value_or(std::chrono::milliseconds(0));
    // Renewable tokens are renewed well before the end; others are checked once they ran out,
    // so the operator is asked to log in before the next action fails.
    const auto delay =
        tracked->renewing && tracked->info->renewable ? renewalDelay(left) : left + seconds(1);
    tracked->timer.start(delay);
}

QCoro::Task<void> VaultConnector::renew(QString connectionId) {
    QPointer<VaultConnector> self(this);
    auto tracked = m_tracked.value(connectionId);
    if (!tracked || !tracked->backend) {
        co_return;
    }
    const auto before = timeLeft(connectionId).value_or(seconds(0));
    auto renewing = tracked->backend->session()->renewSelf();
    auto renewed = co_await std::move(renewing);
    if (!self || m_tracked.value(connectionId) != tracked) {
        co_return;
    }
    if (!renewed) {
        const auto& error = renewed.error();
        if (!tokenRefused(error)) {
            // Network trouble: try again a little later, while the token still lives.
            tracked->timer.start(std::chrono::duration_cast<std::chrono::milliseconds>(
                std::max(seconds(1), std::min(seconds(30), before / 2))));
        }
        auto auditing = audit(connectionId, QStringLiteral("vault-renew"),
                              BackendError::kindName(error.kind()), error.detail());
        co_await std::move(auditing);
        co_return;
    }
    // At the token's max TTL a renewal succeeds without extending it: stop renewing then.
    if (renewed->ttl <= before) {
        tracked->renewing = false;
    }
    setTokenInfo(connectionId, renewed.value());
    auto auditing =
        audit(connectionId, QStringLiteral("vault-renew"), Ok, describeToken(renewed.value()));
    co_await std::move(auditing);
}

QCoro::Task<void> VaultConnector::checkExpiry(QString connectionId) {
    QPointer<VaultConnector> self(this);
    auto tracked = m_tracked.value(connectionId);
    if (!tracked || !tracked->backend || tracked->backend->state() != ConnectionState::Connected) {
        co_return;
    }
    // connectToServer marks the backend Expired when the token is refused (loginNeeded follows).
    auto checking = tracked->backend->connectToServer();
    auto info = co_await std::move(checking);
    if (!self || m_tracked.value(connectionId) != tracked) {
        co_return;
    }
    if (info) {
        setTokenInfo(connectionId, info.value());
    }
}

void VaultConnector::onStateChanged(const QString& connectionId, ConnectionState state) {
    auto tracked = m_tracked.value(connectionId);
    if (!tracked) {
        return;
    }
    if (state == ConnectionState::Locked) {
        tracked->timer.stop();
        return;
    }
    if (state != ConnectionState::Expired) {
        return;
    }
    tracked->timer.stop();
    const QString reason =
        QStringLiteral("the token for %1 expired or was revoked; log in again")
            .arg(tracked->spec.displayName.isEmpty() ? connectionId : tracked->spec.displayName);
    auto auditing = audit(connectionId, QStringLiteral("vault-token-expired"),
                          BackendError::kindName(Kind::Unauthenticated), reason);
    Q_EMIT loginNeeded(connectionId, reason);
}

} // namespace strongroom
