#pragma once

#include "VaultConnectionSpec.h"

#include <QCoroTask>
#include <QHash>
#include <QObject>

#include <functional>
#include <QPointer>

#include <chrono>
#include <optional>

class QMenu;
class QWidget;

namespace strongroom {

class VaultConnectDialog;
class VaultCeremonies;
class VaultConnector;
class VaultLoginDialog;
class Workspace;

// The window's side of Vault/OpenBao connections: reconnects the saved ones at start-up, opens
// the connect dialog, prompts for a new login whenever a token is refused (one prompt per
// connection) and tells the window to retry, and offers the connection actions (log out,
// forget, add a mount the token cannot list, go to a path when LIST is not allowed).
class VaultConnections : public QObject {
    Q_OBJECT
public:
    VaultConnections(Workspace* workspace, QWidget* window, QObject* parent = nullptr);
    ~VaultConnections() override;

    VaultConnector* connector() const { return m_connector; }
    VaultCeremonies* ceremonies() const { return m_ceremonies; }
    bool isVault(const QString& connectionId) const;

    // Opens every saved Vault connection with its keychain token; a refused token leads to a
    // login prompt, other failures to a message.
    QCoro::Task<> reconnectSaved();
    // After the idle lock: the open Vault connections take their tokens back from the keychain
    // (or ask for a login), then loggedIn() retries what the window shows.
    QCoro::Task<> reopenAfterUnlock();
    VaultConnectDialog* openConnectDialog();
    VaultLoginDialog* promptLogin(const QString& connectionId, const QString& reason);
    VaultLoginDialog* loginPrompt(const QString& connectionId) const;
    // The Vault actions of a connection's context menu.
    void addMenuActions(QMenu* menu, const QString& connectionId);

    // Saved Vault connections that are not open (after a log out, or a failed start-up).
    void addSavedConnections(QMenu* menu);
    QCoro::Task<> reopen(QString connectionId);

    void logout(const QString& connectionId, bool forget);
    void askMountPath(const QString& connectionId);
    void askGoToPath(const QString& connectionId);

Q_SIGNALS:
    // A new login succeeded (or a saved connection opened after one): retry what failed.
    void loggedIn(const QString& connectionId);
    void goToRequested(const QString& connectionId, const QString& path);
    void mountAdded(const QString& connectionId, const QString& mountPath);
    void message(const QString& text);

private:
    std::optional<VaultConnectionSpec> specFor(const QString& connectionId) const;
    QCoro::Task<> afterLogin(QString connectionId);
    QCoro::Task<> doLogout(QString connectionId, bool forget);
    QCoro::Task<> doAddMount(QString connectionId, QString mountPath, int kvVersion);
    void askKvVersion(const QString& connectionId, const QString& mountPath);
    // Keeps a typed mount with the saved connection, so it is there next run.
    // Saved with the KV version the operator chose (0 when the server described the mount).
    void rememberMount(const QString& connectionId, const QString& mountPath, int kvVersion);
    // Applies `change` to the saved spec of the connection and saves it.
    void updateSavedSpec(const QString& connectionId,
                         const std::function<void(VaultConnectionSpec&)>& change);

    Workspace* m_workspace;
    QPointer<QWidget> m_window;
    VaultConnector* m_connector;
    VaultCeremonies* m_ceremonies;
    QHash<QString, QPointer<VaultLoginDialog>> m_prompts;
};

} // namespace strongroom
