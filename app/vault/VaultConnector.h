#pragma once

#include "Result.h"
#include "SecretBackend.h"
#include "StoreConnector.h"
#include "VaultConnectionSpec.h"
#include "VaultCredentials.h"
#include "VaultEndpoint.h"
#include "VaultMount.h"
#include "VaultToken.h"

#include <QCoroTask>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

namespace strongroom {

class Connection;
class VaultBackend;
class VaultOidcLogin;
class Workspace;

// Brings Vault/OpenBao connections into the workspace and keeps their tokens alive: logs in with
// the chosen method, keeps the token in the OS keychain (key "vault-token:<id>"), checks it with
// lookup-self, renews renewable tokens before they expire, notices expired/revoked tokens and
// asks for a new login, and logs out (revoke-self + removal from the keychain). Every step goes
// to the audit log, never with a secret.
class VaultConnector : public StoreConnector {
    Q_OBJECT
public:
    explicit VaultConnector(Workspace* workspace, QObject* parent = nullptr);
    ~VaultConnector() override;

    // Logs in (or takes the token as given), checks it, stores it in the keychain, saves the
    // spec and adds the connection. Fails without changing anything on bad input, wrong
    // credentials, a sealed or unreachable server.
    QCoro::Task<Result<Connection*>> connectNew(VaultConnectionSpec spec,
                                                VaultCredentials credentials);
    // Opens a saved connection with the token kept in the keychain. Unauthenticated when there is
    // none or the server refuses it: the front end then asks for a login (relogin()).
    QCoro::Task<Result<Connection*>> reconnect(QString connectionId);
    QCoro::Task<Result<Connection*>> reconnectSaved(QString connectionId) override {
        return reconnect(std::move(connectionId));
    }
    // New login for an open or saved connection whose token expired; replaces the token in the
    // keychain and the backend. The action that failed can then be retried.
    QCoro::Task<Result<VaultTokenInfo>> relogin(QString connectionId, VaultCredentials credentials);
    // Revokes the token (revoke-self), removes it from the keychain and closes the connection.
    // The saved spec stays unless `forget` is set.
    QCoro::Task<Status> logout(QString connectionId, bool forget = false) override;

    // The last lookup-self of an open connection (no token inside).
    std::optional<VaultTokenInfo> tokenInfo(const QString& connectionId) const;
    // Seconds left on the token now; nullopt when it never expires or is unknown.
    std::optional<std::chrono::seconds> timeLeft(const QString& connectionId) const override;
    // "Token: 42 min left", "Token: never expires", "Token: expired", "Vault sealed".
    QString credentialStatus(const QString& connectionId) const override;
    VaultBackend* backend(const QString& connectionId) const;
    std::optional<VaultConnectionSpec> spec(const QString& connectionId) const;
    // Adds a KV mount the token cannot list (sys/mounts refused) to an open connection, with the
    // KV version the operator gives (0: ask the server). NotFound when the connection is closed.
    QCoro::Task<Result<VaultMount>> addMount(QString connectionId, QString mountPath,
                                             int kvVersion);

    // Stops waiting for a browser sign-in (OIDC); the pending login fails with Cancelled.
    void cancelBrowserLogin();
    // How long an OIDC sign-in waits for the browser (3 minutes by default).
    void setBrowserLoginTimeout(std::chrono::milliseconds timeout) { m_browserTimeout = timeout; }

    // Where the connection's server is and how to talk TLS to it (no token).
    static VaultEndpoint endpointFor(const VaultConnectionSpec& spec);

    static QString keychainKey(const QString& connectionId) {
        return QStringLiteral("vault-token:") + connectionId;
    }

Q_SIGNALS:
    // OIDC: open this URL in the system browser; the login finishes when the browser comes back
    // to the loopback callback.
    void browserLoginRequested(const QUrl& url);

private:
    struct Tracked;

    // Builds a backend for `spec`, signs in with `credentials` (or the keychain's token when
    // there are none), checks the token and adds the connection.
    QCoro::Task<Result<Connection*>>
    open(VaultConnectionSpec spec, std::optional<VaultCredentials> credentials, QString action);
    // Signs in again on an open connection and makes the new token the one in use.
    QCoro::Task<Result<VaultTokenInfo>> reloginOpen(QString connectionId,
                                                    VaultCredentials credentials);
    // Takes the keychain's token again on an open connection (after an idle lock).
    QCoro::Task<Result<Connection*>> refreshOpen(QString connectionId);
    QCoro::Task<Result<VaultLogin>> signIn(VaultBackend* backend, VaultCredentials credentials);
    QCoro::Task<void> renew(QString connectionId);
    QCoro::Task<void> checkExpiry(QString connectionId);

    void track(Connection* connection, const VaultConnectionSpec& spec, const VaultTokenInfo& info);
    void setTokenInfo(const QString& connectionId, const VaultTokenInfo& info);
    void schedule(const QString& connectionId);
    std::optional<std::chrono::milliseconds> millisecondsLeft(const QString& connectionId) const;
    void untrack(const QString& connectionId);
    void onStateChanged(const QString& connectionId, ConnectionState state);
    std::optional<VaultConnectionSpec> savedSpec(const QString& connectionId,
                                                 QString* error = nullptr) const;

    QHash<QString, std::shared_ptr<Tracked>> m_tracked;
    QList<QPointer<VaultOidcLogin>> m_browserLogins;
    std::chrono::milliseconds m_browserTimeout = std::chrono::minutes(3);
};

} // namespace strongroom
