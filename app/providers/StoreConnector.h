#pragma once

#include "ConnectionSettings.h"
#include "Result.h"

#include <QCoroTask>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <chrono>
#include <optional>

namespace strongroom {

class Connection;
class Workspace;

// What every store's connector does alike, so the window, the status bar and the CLI can work
// with any store through this base: reconnect a saved connection with what it keeps (keychain,
// environment, profile), log out, say how long the credential lasts, and tell when the operator
// must sign in again. Each store's connector (app/<store>/) adds its own sign-in flow.
class StoreConnector : public QObject {
    Q_OBJECT
public:
    StoreConnector(Workspace* workspace, QString providerId, QObject* parent = nullptr);
    ~StoreConnector() override;

    const QString& providerId() const { return m_providerId; }
    Workspace* workspace() const;

    // Whether `connectionId` is an open or a saved connection of this store.
    bool handles(const QString& connectionId) const;
    // Saved connections of this store that are not open now (after a log out, a failed start).
    QList<ConnectionSettings> closedSavedConnections() const;

    // Opens a saved connection with what it keeps, never asking. Unauthenticated when the
    // operator must sign in (the front end then asks through the store's own prompt).
    virtual QCoro::Task<Result<Connection*>> reconnectSaved(QString connectionId) = 0;
    // Forgets the credential (keychain and memory; revokes it where the store can) and closes
    // the connection; its saved settings stay unless `forget`.
    virtual QCoro::Task<Status> logout(QString connectionId, bool forget) = 0;
    // Time left on the credential; nullopt when it does not expire or is unknown.
    virtual std::optional<std::chrono::seconds> timeLeft(const QString& connectionId) const = 0;
    // One short line for the status bar: "Token: 42 min left", "AWS: long-lived keys",
    // "Token: expired". Empty when the connection is not open.
    virtual QString credentialStatus(const QString& connectionId) const = 0;

    // "42 min left", "3 h 5 min left", "expired", for credentialStatus().
    static QString timeLeftText(std::chrono::seconds left);

Q_SIGNALS:
    // What credentialStatus() says changed (sign-in, renewal, lookup, expiry).
    void credentialsChanged(const QString& connectionId);
    // The credential expired or was refused: the front end asks the operator to sign in again.
    void loginNeeded(const QString& connectionId, const QString& reason);

protected:
    // One audit line about a connection (never a secret); the action from AuditActions.h.
    QCoro::Task<void> audit(QString connectionId, QString action, QString result, QString detail);
    // The saved settings of `connectionId` if it is one of this store's; else nullopt with
    // "no <store> connection '<id>'" or "connection '<id>' is not a <store> connection" in
    // `error`.
    std::optional<ConnectionSettings> savedSettings(const QString& connectionId,
                                                    QString* error = nullptr) const;
    // Closes the open connection; its saved settings stay unless `forget`.
    void closeConnection(const QString& connectionId, bool forget);
    // The store's display name from the provider registry, for messages.
    QString storeName() const;

private:
    QPointer<Workspace> m_workspace;
    QString m_providerId;
};

} // namespace strongroom
