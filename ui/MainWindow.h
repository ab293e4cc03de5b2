#pragma once

#include "CredentialStatus.h"
#include "SecretBytes.h"

#include <QCoroTask>
#include <QMainWindow>

class QAction;
class QLabel;
class QMenu;
class QSplitter;
class QStackedWidget;

namespace strongroom {

class AwsConnections;
class Clipboard;
class ConnectionTreeModel;
class ConnectionsPane;
class InactivityTimer;
class LockScreen;
class QuickOpenModel;
class SearchDialog;
class SecretPane;
class SecretPresenter;
class SecretWorkflows;
class StoreStartup;
class VaultConnections;
class Workspace;

// The console: connections on the left, the open secret on the right, the actions in a toolbar
// and menus, connection / clipboard / lock state in the status bar. While the workspace is locked
// the lock screen replaces everything and no value is held.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(Workspace* workspace, QWidget* parent = nullptr);
    ~MainWindow() override;

    ConnectionTreeModel* treeModel() const { return m_tree; }
    QuickOpenModel* quickOpenModel() const { return m_quickOpen; }
    SecretPresenter* presenter() const { return m_presenter; }
    ConnectionsPane* connectionsPane() const { return m_connections; }
    SecretPane* secretPane() const { return m_secret; }
    LockScreen* lockScreen() const { return m_lockScreen; }
    Clipboard* clipboard() const { return m_clipboard; }
    InactivityTimer* inactivityTimer() const { return m_inactivity; }
    SecretWorkflows* workflows() const { return m_workflows; }
    QLabel* connectionStatus() const { return m_connectionStatus; }
    QLabel* clipboardStatus() const { return m_clipboardStatus; }
    QLabel* lockStatus() const { return m_lockStatus; }
    QLabel* tokenStatus() const { return m_tokenStatus; }
    VaultConnections* vaultConnections() const { return m_vault; }
    AwsConnections* awsConnections() const { return m_aws; }

    QAction* refreshAction() const { return m_refresh; }
    QAction* newAction() const { return m_new; }
    QAction* editAction() const { return m_edit; }
    QAction* rollbackAction() const { return m_rollback; }
    QAction* undoRollbackAction() const { return m_undoRollback; }
    QAction* deleteAction() const { return m_delete; }
    QAction* destroyAction() const { return m_destroy; }
    QAction* undeleteAction() const { return m_undelete; }
    QAction* deleteSecretAction() const { return m_deleteSecret; }
    QAction* editMetadataAction() const { return m_editMetadata; }
    QAction* searchAction() const { return m_search; }
    SearchDialog* searchDialog() const { return m_searchDialog; }
    QAction* lockAction() const { return m_lock; }
    QAction* settingsAction() const { return m_settings; }
    QAction* quickOpenAction() const { return m_quickOpenAction; }
    QAction* auditLogAction() const { return m_auditLog; }
    QAction* connectVaultAction() const { return m_connectVault; }
    QAction* connectAwsAction() const { return m_connectAws; }
    QAction* rotateAction() const { return m_rotate; }

    // The right-click menu of a tree row (the caller owns it).
    QMenu* connectionMenu(const QString& connectionId, const QString& path);

    // Opens (and selects in the tree) a secret; the tree loads the folders on the way.
    void openSecret(const QString& connectionId, const QString& path);
    // Opens the local store (first-run setup or passphrase prompt as needed), then shows it.
    StoreStartup* startLocalStore(bool seedDemo);

private:
    void createActions();
    void createMenus();
    void createStatusBar();
    void connectionAdded();
    void showConnection(const QString& connectionId);
    // Re-lists the deepest loaded folder on the way to `path`, so a new secret shows up.
    void refreshAround(const QString& connectionId, const QString& path);
    void updateActions();
    void updateConnectionStatus();
    void updateTokenStatus();
    void updateUndoRollback();
    void connectVaultSignals();
    void connectAwsSignals();
    // After a new login: re-read the open secret and re-list the folder that failed.
    void retryAfterLogin(const QString& connectionId);
    void showMessage(const QString& message);
    void workspaceLocked();
    void workspaceUnlocked();
    bool needsPassphrase() const;
    QCoro::Task<> unlock(SecretBytes passphrase);
    QCoro::Task<> showInTree(QString connectionId, QString path);
    void openSettings();
    void openQuickOpen();
    void openSearch();
    QStringList chosenVersions() const;
    QString chosenVersion() const;

    Workspace* m_workspace;
    ConnectionTreeModel* m_tree;
    QuickOpenModel* m_quickOpen;
    SecretPresenter* m_presenter;
    Clipboard* m_clipboard;
    InactivityTimer* m_inactivity;
    SecretWorkflows* m_workflows;
    QStackedWidget* m_pages;
    QSplitter* m_splitter;
    ConnectionsPane* m_connections;
    SecretPane* m_secret;
    LockScreen* m_lockScreen;
    QLabel* m_connectionStatus = nullptr;
    QLabel* m_clipboardStatus = nullptr;
    QLabel* m_lockStatus = nullptr;
    CredentialStatus* m_tokenStatus = nullptr;
    QWidget* m_undoRollbackButton = nullptr;
    VaultConnections* m_vault = nullptr;
    AwsConnections* m_aws = nullptr;
    QAction* m_connectVault = nullptr;
    QAction* m_connectAws = nullptr;
    QAction* m_rotate = nullptr;
    QAction* m_refresh = nullptr;
    QAction* m_new = nullptr;
    QAction* m_edit = nullptr;
    QAction* m_rollback = nullptr;
    QAction* m_undoRollback = nullptr;
    QAction* m_delete = nullptr;
    QAction* m_destroy = nullptr;
    QAction* m_undelete = nullptr;
    QAction* m_deleteSecret = nullptr;
    QAction* m_editMetadata = nullptr;
    QAction* m_search = nullptr;
    SearchDialog* m_searchDialog = nullptr; // made on first use, a child of the window
    QAction* m_lock = nullptr;
    QAction* m_settings = nullptr;
    QAction* m_quickOpenAction = nullptr;
    QAction* m_auditLog = nullptr;
    QAction* m_quit = nullptr;
};

} // namespace strongroom
