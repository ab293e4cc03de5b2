#pragma once

#include "CredentialStatus.h"
#include "SecretBytes.h"
#include "StoreUi.h"

#include <QCoroTask>
#include <QMainWindow>

class QAction;
class QLabel;
class QMenu;
class QSplitter;
class QStackedWidget;

namespace strongroom {

class Clipboard;
class ConnectionTreeModel;
class ConnectionsPane;
class DeletedSecretsDialog;
class DeletionWorkflow;
class InactivityTimer;
class LockScreen;
class QuickOpenModel;
class RotationDialog;
class SearchDialog;
class SecretPane;
class SecretPresenter;
class SecretWorkflows;
class StorePickerDialog;
class StoreStartup;
class StoreUi;
class Workspace;

// The console: connections on the left, the open secret on the right, the actions in a toolbar
// and menus, connection / credential / clipboard / lock state in the status bar. While the
// workspace is locked the lock screen replaces everything and no value is held. It knows the
// stores only through their StoreUi (BuiltinStoreUis.cpp) and what each secret's Capabilities
// allow.
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
    DeletionWorkflow* deletions() const { return m_deletions; }

    // The window parts of the stores, one per provider.
    const QList<StoreUi*>& storeUis() const { return m_stores; }
    // The store UI of `connectionId` (open or saved), nullptr for the local store.
    StoreUi* storeUiFor(const QString& connectionId) const;
    // The store UI of type T (a test's way to reach one store's own parts).
    template <typename T> T* storeUi() const {
        for (StoreUi* store : m_stores) {
            if (auto* typed = qobject_cast<T*>(store)) {
                return typed;
            }
        }
        return nullptr;
    }
    // A store UI added after the built-in ones (a test's store).
    void addStoreUi(StoreUi* store);

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
    QAction* connectAction() const { return m_connect; }
    QAction* rotateAction() const { return m_rotate; }
    QAction* deletedSecretsAction() const { return m_deletedSecrets; }
    QAction* enableVersionsAction() const { return m_enableVersions; }
    QAction* disableVersionsAction() const { return m_disableVersions; }

    // The right-click menu of a tree row (the caller owns it).
    QMenu* connectionMenu(const QString& connectionId, const QString& path);

    // Opens (and selects in the tree) a secret; the tree loads the folders on the way.
    void openSecret(const QString& connectionId, const QString& path);
    // Opens the local store (first-run setup or passphrase prompt as needed), then shows it.
    StoreStartup* startLocalStore(bool seedDemo);
    // Every store opens its saved connections (start-up).
    void reconnectSavedConnections();
    // "Connect…": the store picker, whose choice opens that store's connect dialog.
    StorePickerDialog* openStorePicker();
    RotationDialog* openRotation(const QString& connectionId, const QString& path);
    // The bin of the selected (else the shown secret's) connection.
    DeletedSecretsDialog* openDeletedSecrets(const QString& connectionId);

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
    void connectStoreSignals(StoreUi* store);
    void connectDeletionSignals();
    // Whether the open secret is `connectionId`'s `path`.
    bool shows(const QString& connectionId, const QString& path) const;
    // The connection the connection-wide actions work on: the selected one, else the shown
    // secret's.
    QString chosenConnection() const;
    void updateVersionActions(const QStringList& selected);
    // Rotation, delete and the bin on a tree row, as far as the row's store offers them.
    void addLifecycleActions(QMenu* menu, const QString& connectionId, const QString& path);
    // The selected versions, else the current one.
    QStringList versionsOrCurrent() const;
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
    DeletionWorkflow* m_deletions = nullptr;
    QList<StoreUi*> m_stores;
    QAction* m_connect = nullptr;
    QAction* m_rotate = nullptr;
    QAction* m_deletedSecrets = nullptr;
    QAction* m_enableVersions = nullptr;
    QAction* m_disableVersions = nullptr;
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
