#pragma once

#include "StoreUi.h"
#include "VaultConnectDialog.h"
#include "VaultConnectionSpec.h"
#include "VaultConnector.h"

#include <QCoroTask>
#include <QHash>
#include <QPointer>

#include <functional>
#include <optional>

class QMenu;
class QWidget;

namespace strongroom {

class VaultCeremonies;
class VaultLoginDialog;
class Workspace;

// The window's side of Vault/OpenBao connections (StoreUi): opens the connect dialog, prompts
// for a new login whenever a token is refused (one prompt per connection) and tells the window
// to retry, takes the tokens back from the keychain after the idle lock, and offers the
// connection actions (log out, forget, add a mount the token cannot list, go to a path when LIST
// is not allowed, the ceremonies).
class VaultConnections : public StoreUi {
    Q_OBJECT
public:
    VaultConnections(Workspace* workspace, QWidget* window, QObject* parent = nullptr);
    ~VaultConnections() override;

    VaultConnector* connector() const override { return m_connector; }
    VaultCeremonies* ceremonies() const { return m_ceremonies; }

    // A saved connection opens with its keychain token; a refused token leads to a login
    // prompt, other failures to a message.
    QCoro::Task<> reopen(QString connectionId) override;
    // After the idle lock: the open Vault connections take their tokens back from the keychain
    // (or ask for a login), then loggedIn() retries what the window shows.
    QCoro::Task<> reopenAfterUnlock() override;
    VaultConnectDialog* openConnectDialog() override;
    void promptSignIn(const QString& connectionId, const QString& reason) override;
    VaultLoginDialog* promptLogin(const QString& connectionId, const QString& reason);
    VaultLoginDialog* loginPrompt(const QString& connectionId) const;
    // The Vault actions of a connection's context menu (the same on every row of it).
    void addMenuActions(QMenu* menu, const QString& connectionId, const QString& path) override;

    void logout(const QString& connectionId, bool forget);
    void askMountPath(const QString& connectionId);
    void askGoToPath(const QString& connectionId);

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
    VaultConnector* m_connector;
    VaultCeremonies* m_ceremonies;
    QHash<QString, QPointer<VaultLoginDialog>> m_prompts;
};

} // namespace strongroom
