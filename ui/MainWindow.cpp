#include "MainWindow.h"

#include "AppSettings.h"
#include "AuditLogViewer.h"
#include "AwsConnections.h"
#include "AwsConnector.h"
#include "AwsSecretActions.h"
#include "Clipboard.h"
#include "ConnectionsPane.h"
#include "ConnectionTreeModel.h"
#include "CredentialStatus.h"
#include "InactivityTimer.h"
#include "LocalStore.h"
#include "LockScreen.h"
#include "QuickOpenDialog.h"
#include "QuickOpenModel.h"
#include "RollbackWorkflow.h"
#include "SearchDialog.h"
#include "SecretFieldsModel.h"
#include "SecretPane.h"
#include "SecretPresenter.h"
#include "SecretWorkflows.h"
#include "SettingsDialog.h"
#include "StoreStartup.h"
#include "VaultConnections.h"
#include "VersionsModel.h"
#include "VersionsTab.h"
#include "Workspace.h"

#include <QApplication>
#include <QCoroSignal>
#include <QDialog>
#include <QFile>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>

// Q_INIT_RESOURCE cannot be used inside a namespace; the icons live in a static library, whose
// resources are registered only when asked.
static void registerIcons() {
    Q_INIT_RESOURCE(resources);
}

namespace strongroom {

MainWindow::MainWindow(Workspace* workspace, QWidget* parent)
    : QMainWindow((registerIcons(), parent))
    , m_workspace(workspace)
    , m_tree(new ConnectionTreeModel(this))
    , m_quickOpen(new QuickOpenModel(m_tree, this))
    , m_presenter(new SecretPresenter(workspace, this))
    , m_clipboard(new Clipboard(workspace->settings(), this))
    , m_inactivity(new InactivityTimer(workspace->settings(), this))
    , m_workflows(new SecretWorkflows(m_presenter, workspace->settings(), this))
    , m_pages(new QStackedWidget(this))
    , m_splitter(new QSplitter(this))
    , m_connections(new ConnectionsPane(m_tree, m_splitter))
    , m_secret(new SecretPane(m_presenter, workspace->settings(), m_clipboard, m_splitter))
    , m_lockScreen(new LockScreen(this)) {
    setWindowTitle(tr("Strongroom"));
    m_splitter->addWidget(m_connections);
    m_splitter->addWidget(m_secret);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({280, 720});
    m_pages->addWidget(m_splitter);
    m_pages->addWidget(m_lockScreen);
    setCentralWidget(m_pages);
    resize(1100, 680);

    m_vault = new VaultConnections(workspace, this, this);
    m_aws = new AwsConnections(workspace, this, this);
    createActions();
    createMenus();
    createStatusBar();

    for (Connection* connection : workspace->connections()) {
        m_tree->addConnection(connection->id(), connection->displayName(), connection->backend());
    }
    connect(workspace, &Workspace::connectionAdded, this, [this](Connection* connection) {
        m_tree->addConnection(connection->id(), connection->displayName(), connection->backend());
        connect(connection, &Connection::stateChanged, this, &MainWindow::updateConnectionStatus);
        connectionAdded();
    });
    connect(workspace, &Workspace::connectionRemoved, m_tree,
            &ConnectionTreeModel::removeConnection);
    connect(workspace, &Workspace::connectionRemoved, this, &MainWindow::updateConnectionStatus);
    connect(workspace, &Workspace::locked, this, &MainWindow::workspaceLocked);
    connect(workspace, &Workspace::unlocked, this, &MainWindow::workspaceUnlocked);
    connect(m_inactivity, &InactivityTimer::inactive, workspace, &Workspace::lock);
    connect(m_lockScreen, &LockScreen::unlockRequested, this,
            [this](const SecretBytes& passphrase) { unlock(passphrase); });

    connect(m_connections, &ConnectionsPane::secretSelected, m_presenter, &SecretPresenter::open);
    connect(m_presenter, &SecretPresenter::secretChanged, this, &MainWindow::updateActions);
    connect(m_presenter, &SecretPresenter::loaded, this, &MainWindow::updateActions);
    connect(m_secret->versionsTab()->table()->selectionModel(),
            &QItemSelectionModel::selectionChanged, this, &MainWindow::updateActions);
    connect(m_workflows, &SecretWorkflows::failed, m_secret, &SecretPane::showError);
    connect(m_workflows, &SecretWorkflows::done, this, &MainWindow::showMessage);
    connect(m_workflows, &SecretWorkflows::secretCreated, this,
            [this](const QString& id, const QString& path) {
                refreshAround(id, path);
                openSecret(id, path);
            });
    connect(m_clipboard, &Clipboard::countdown, this, [this](int seconds) {
        m_clipboardStatus->setText(seconds > 0 ? tr("Clipboard clears in %1 s").arg(seconds)
                                               : QString());
    });
    connectVaultSignals();
    connectAwsSignals();
    connectionAdded();
    updateActions();
    m_inactivity->start();
}

MainWindow::~MainWindow() = default;

void MainWindow::connectionAdded() {
    // Connections open expanded: the first thing an operator wants is the store's top level.
    QTreeView* view = m_connections->treeView();
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        view->expand(view->model()->index(row, 0));
    }
    updateConnectionStatus();
}

StoreStartup* MainWindow::startLocalStore(bool seedDemo) {
    auto* startup = new StoreStartup(m_workspace, this, this);
    connect(startup, &StoreStartup::ready, this,
            [this](Connection* local) { showConnection(local->id()); });
    connect(startup, &StoreStartup::failed, m_secret, &SecretPane::showError);
    startup->start(seedDemo);
    return startup;
}

void MainWindow::showConnection(const QString& connectionId) {
    // Seeding may have filled the store after its first listing: list it again, expanded.
    const QModelIndex index = m_tree->connectionIndex(connectionId);
    m_tree->refresh(index);
    QTreeView* view = m_connections->treeView();
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        view->expand(view->model()->index(row, 0));
    }
    updateConnectionStatus();
}

void MainWindow::refreshAround(const QString& connectionId, const QString& path) {
    QString folder = SecretRef{path}.folder();
    QModelIndex index = m_tree->indexForPath(connectionId, folder);
    while (!index.isValid() && !folder.isEmpty()) {
        folder = SecretRef{folder.chopped(1)}.folder();
        index = m_tree->indexForPath(connectionId, folder);
    }
    if (index.isValid()) {
        m_tree->refresh(index);
    }
}

void MainWindow::updateConnectionStatus() {
    QStringList states;
    for (Connection* connection : m_workspace->connections()) {
        states << tr("%1: %2").arg(connection->displayName(),
                                   connectionStateName(connection->state()));
    }
    m_connectionStatus->setText(states.isEmpty() ? tr("No connection")
                                                 : states.join(QStringLiteral("  ·  ")));
    updateTokenStatus();
}

void MainWindow::connectVaultSignals() {
    connect(m_vault, &VaultConnections::loggedIn, this, &MainWindow::retryAfterLogin);
    connect(m_vault, &VaultConnections::goToRequested, this, &MainWindow::openSecret);
    connect(m_vault, &VaultConnections::message, this, &MainWindow::showMessage);
    connect(m_vault, &VaultConnections::mountAdded, this, [this](const QString& id) {
        const QModelIndex index = m_tree->connectionIndex(id);
        if (index.isValid()) {
            m_tree->refresh(index);
        }
        connectionAdded();
    });
    connect(m_connections, &ConnectionsPane::contextMenuRequested, this,
            [this](const QString& id, const QString& path, const QPoint& globalPos) {
                QMenu* menu = connectionMenu(id, path);
                menu->setAttribute(Qt::WA_DeleteOnClose);
                menu->popup(globalPos);
            });
}

void MainWindow::updateTokenStatus() {
    m_tokenStatus->update();
}

void MainWindow::connectAwsSignals() {
    connect(m_aws, &AwsConnections::loggedIn, this, &MainWindow::retryAfterLogin);
    connect(m_aws, &AwsConnections::message, this, &MainWindow::showMessage);
    const auto shows = [this](const QString& id, const QString& path) {
        return m_presenter->connection() && m_presenter->connection()->id() == id &&
               m_presenter->ref().path == path;
    };
    // After the idle lock the connector takes the keys back by itself: then the values the lock
    // dropped are read again.
    connect(m_aws->connector(), &AwsConnector::credentialsChanged, this, [this](const QString& id) {
        if (m_presenter->connection() && m_presenter->connection()->id() == id &&
            m_presenter->hasSecret() && !m_presenter->fields()->hasValue() &&
            !m_workspace->isLocked()) {
            m_presenter->reload();
        }
    });
    AwsSecretActions* actions = m_aws->secretActions();
    connect(actions, &AwsSecretActions::secretChanged, this,
            [this, shows](const QString& id, const QString& path) {
                if (shows(id, path)) {
                    m_presenter->reload();
                }
            });
    connect(actions, &AwsSecretActions::secretDeleted, this,
            [this, shows](const QString& id, const QString& path) {
                if (shows(id, path)) {
                    m_presenter->close();
                }
                refreshAround(id, path);
            });
    connect(actions, &AwsSecretActions::secretRestored, this,
            [this](const QString& id, const QString& path) { refreshAround(id, path); });
}

void MainWindow::retryAfterLogin(const QString& connectionId) {
    if (m_presenter->connection() && m_presenter->connection()->id() == connectionId) {
        m_presenter->reload();
    }
    if (m_connections->currentConnectionId() == connectionId) {
        m_connections->refreshCurrent();
    } else if (const QModelIndex index = m_tree->connectionIndex(connectionId); index.isValid()) {
        m_tree->refresh(index);
    }
    connectionAdded();
    showMessage(tr("Logged in again to %1").arg(m_tree->connectionName(connectionId)));
}

QString MainWindow::chosenVersion() const {
    const QStringList versions = chosenVersions();
    return versions.size() == 1 ? versions.first() : QString();
}

QStringList MainWindow::chosenVersions() const {
    return m_secret->versionsTab()->selectedVersions();
}

void MainWindow::updateActions() {
    const bool open = m_presenter->hasSecret();
    const Capabilities& caps = m_presenter->capabilities();
    const auto gate = [&](QAction* action, Capability capability, bool extra, const QString& hint) {
        const bool allowed = open && caps.can(capability);
        action->setEnabled(allowed && extra);
        QString why = !open ? tr("Open a secret first") : caps.whyNot(capability);
        if (why.isEmpty() && !extra) {
            why = hint;
        }
        action->setStatusTip(why);
        action->setToolTip(why.isEmpty() ? action->text() : tr("%1 — %2").arg(action->text(), why));
    };
    gate(m_edit, Capability::Write, true, {});
    const QString chosen = chosenVersion();
    gate(m_rollback, Capability::Rollback,
         !chosen.isEmpty() && chosen != m_presenter->versions()->currentVersionId(),
         tr("Select an older version on the Versions tab"));
    // Delete works on the selected versions (the current one when none is selected) that are
    // not deleted yet; undelete on the selected ones that are deleted but not destroyed.
    const QStringList selected = chosenVersions();
    const auto marked = [this](const QString& id) {
        const VersionInfo* info =
            m_presenter->versions()->versionAt(m_presenter->versions()->rowOf(id));
        return info ? info->marks : VersionMarks();
    };
    bool anyDeletable = false;
    bool anyDeleted = false;
    for (const QString& id :
         selected.isEmpty() ? QStringList{m_presenter->versions()->currentVersionId()} : selected) {
        const VersionMarks marks = marked(id);
        anyDeletable |= !id.isEmpty() && !(marks & (VersionMark::Deleted | VersionMark::Destroyed));
        anyDeleted |=
            marks.testFlag(VersionMark::Deleted) && !marks.testFlag(VersionMark::Destroyed);
    }
    m_delete->setText(selected.size() > 1 ? tr("Delete versions") : tr("Delete version"));
    gate(m_delete, Capability::DeleteVersion, anyDeletable,
         tr("The chosen versions are deleted already"));
    gate(m_undelete, Capability::UndeleteVersion, anyDeleted,
         tr("Select deleted versions on the Versions tab"));
    gate(m_destroy, Capability::DestroyVersion, !selected.isEmpty(),
         tr("Select the versions to destroy on the Versions tab"));
    gate(m_deleteSecret, Capability::DeleteSecret, true, {});
    // Rotation has a dialog for the stores that offer it (AWS Secrets Manager).
    gate(m_rotate, Capability::Rotate,
         m_presenter->connection() && m_aws->isAws(m_presenter->connection()->id()),
         tr("This store has no rotation settings"));
    gate(m_editMetadata, Capability::EditMetadata, true, {});
}

void MainWindow::updateUndoRollback() {
    const auto& last = m_workflows->rollbacks()->lastRollback();
    const bool available = last.has_value() && !m_workspace->isLocked();
    m_undoRollback->setEnabled(available);
    m_undoRollbackButton->setVisible(available);
    m_undoRollback->setToolTip(
        last ? tr("Make version %1 current again (only while %2 is still current)")
                   .arg(last->previousCurrent, last->newCurrent)
             : tr("Roll back a secret first"));
}

void MainWindow::showMessage(const QString& message) {
    statusBar()->showMessage(message, 8000);
}

void MainWindow::workspaceLocked() {
    // Drop every decrypted value before the lock screen shows, including those in open editor,
    // conflict and rollback dialogs: rejecting them hides them, which wipes their fields, and
    // cancels the workflow waiting on them.
    for (QDialog* dialog : findChildren<QDialog*>()) {
        if (dialog->isVisible()) {
            dialog->reject();
        }
    }
    m_presenter->clearValues();
    m_clipboard->clearIfOurs();
    m_inactivity->stop();
    m_lockScreen->setPassphraseRequired(needsPassphrase());
    m_pages->setCurrentWidget(m_lockScreen);
    m_lockStatus->setText(tr("Locked"));
    for (QAction* action : {m_refresh, m_new, m_edit, m_rollback, m_delete, m_undelete, m_destroy,
                            m_deleteSecret, m_editMetadata, m_quickOpenAction, m_search, m_lock,
                            m_connectVault, m_connectAws, m_rotate}) {
        action->setEnabled(false);
    }
    updateUndoRollback();
}

bool MainWindow::needsPassphrase() const {
    const Connection* local = m_workspace->connection(Workspace::localConnectionId());
    const auto* store = local ? qobject_cast<LocalStore*>(local->backend()) : nullptr;
    return store && store->protection() == LocalKeyProtection::Passphrase;
}

void MainWindow::workspaceUnlocked() {
    m_pages->setCurrentWidget(m_splitter);
    m_lockStatus->setText(tr("Unlocked"));
    for (QAction* action :
         {m_refresh, m_new, m_quickOpenAction, m_search, m_lock, m_connectVault, m_connectAws}) {
        action->setEnabled(true);
    }
    // A Vault or AWS secret is read again once its connection has its credentials back
    // (retryAfterLogin, or the AWS session coming back).
    const Connection* shown = m_presenter->connection();
    if (!shown || (!m_vault->isVault(shown->id()) && !m_aws->isAws(shown->id()))) {
        m_presenter->reload();
    }
    m_vault->reopenAfterUnlock();
    updateActions();
    updateUndoRollback();
    m_inactivity->start();
}

QCoro::Task<> MainWindow::unlock(SecretBytes passphrase) {
    QPointer<MainWindow> self(this);
    m_lockScreen->setBusy(true);
    auto unlockTask = m_workspace->unlock(std::move(passphrase));
    auto result = co_await unlockTask;
    if (!self) {
        co_return;
    }
    m_lockScreen->setBusy(false);
    if (!result.ok()) {
        m_lockScreen->showError(result.error().message());
    }
}

void MainWindow::openSettings() {
    auto* dialog = new SettingsDialog(m_workspace->settings(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::openSearch() {
    if (!m_searchDialog) {
        m_searchDialog = new SearchDialog(m_workspace, m_tree, this);
        connect(m_searchDialog, &SearchDialog::secretChosen, this, &MainWindow::openSecret);
    }
    const QString connection = m_connections->currentConnectionId();
    if (!connection.isEmpty() && !m_searchDialog->isVisible()) {
        m_searchDialog->setScope(connection, SecretRef{m_connections->currentPath()}.folder());
    }
    m_searchDialog->show();
    m_searchDialog->raise();
    m_searchDialog->queryField()->setFocus();
}

void MainWindow::openQuickOpen() {
    auto* dialog = new QuickOpenDialog(m_quickOpen, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QuickOpenDialog::secretChosen, this, &MainWindow::openSecret);
    dialog->open();
}

void MainWindow::openSecret(const QString& connectionId, const QString& path) {
    showInTree(connectionId, path);
}

QCoro::Task<> MainWindow::showInTree(QString connectionId, QString path) {
    QPointer<MainWindow> self(this);
    // Load each folder on the way down ("a/", "a/b/") so the secret's row exists to select.
    QStringList segments = path.split(QLatin1Char('/'));
    segments.removeLast();
    QString folder;
    for (int step = 0; step <= segments.size(); ++step) {
        const QModelIndex index = m_tree->indexForPath(connectionId, folder);
        if (!index.isValid()) {
            break;
        }
        if (m_tree->canFetchMore(index) || index.data(ConnectionTreeModel::LoadingRole).toBool()) {
            if (m_tree->canFetchMore(index)) {
                m_tree->fetchMore(index);
            }
            while (self && m_tree->indexForPath(connectionId, folder)
                               .data(ConnectionTreeModel::LoadingRole)
                               .toBool()) {
                auto loaded = qCoro(m_tree, &ConnectionTreeModel::folderLoaded);
                co_await loaded;
            }
            if (!self) {
                co_return;
            }
        }
        if (step < segments.size()) {
            folder += segments.at(step) + QLatin1Char('/');
        }
    }
    // Selecting the row opens the secret; a row the tree cannot show is opened directly.
    if (!m_connections->selectSecret(connectionId, path)) {
        m_presenter->open(connectionId, path);
    }
}

} // namespace strongroom
