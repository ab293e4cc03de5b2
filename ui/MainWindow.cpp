#include "MainWindow.h"

#include "AppSettings.h"
#include "BuiltinStoreUis.h"
#include "Clipboard.h"
#include "ConnectionsPane.h"
#include "ConnectionTreeModel.h"
#include "CredentialStatus.h"
#include "DeletionWorkflow.h"
#include "InactivityTimer.h"
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

    m_deletions = new DeletionWorkflow(workspace, this, this);
    m_stores = makeBuiltinStoreUis(workspace, this, this);
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
    for (StoreUi* store : m_stores) {
        connectStoreSignals(store);
    }
    connectDeletionSignals();
    connect(m_connections, &ConnectionsPane::contextMenuRequested, this,
            [this](const QString& id, const QString& path, const QPoint& globalPos) {
                QMenu* menu = connectionMenu(id, path);
                menu->setAttribute(Qt::WA_DeleteOnClose);
                menu->popup(globalPos);
            });
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

void MainWindow::updateTokenStatus() {
    m_tokenStatus->update();
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
    // The rotation dialog shows how the secret rotates, or at least rotates it now.
    // (When neither is allowed, why it cannot describe rotation is the reason shown.)
    gate(m_rotate,
         caps.can(Capability::Rotate) && !caps.can(Capability::RotationStatus)
             ? Capability::Rotate
             : Capability::RotationStatus,
         true, {});
    gate(m_editMetadata, Capability::EditMetadata, true, {});
    updateVersionActions(selected);
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
    for (QAction* action :
         {m_refresh, m_new, m_edit, m_rollback, m_delete, m_undelete, m_destroy, m_deleteSecret,
          m_editMetadata, m_quickOpenAction, m_search, m_lock, m_connect, m_rotate,
          m_deletedSecrets, m_enableVersions, m_disableVersions}) {
        action->setEnabled(false);
    }
    updateUndoRollback();
}

bool MainWindow::needsPassphrase() const {
    return m_workspace->unlockNeedsPassphrase();
}

void MainWindow::workspaceUnlocked() {
    m_pages->setCurrentWidget(m_splitter);
    m_lockStatus->setText(tr("Unlocked"));
    for (QAction* action :
         {m_refresh, m_new, m_quickOpenAction, m_search, m_lock, m_connect, m_deletedSecrets}) {
        action->setEnabled(true);
    }
    // A store's secret is read again once its connection has its credentials back (loggedIn,
    // or its connector's credentialsChanged); the local store's at once.
    const Connection* shown = m_presenter->connection();
    if (!shown || !storeUiFor(shown->id())) {
        m_presenter->reload();
    }
    for (StoreUi* store : m_stores) {
        store->reopenAfterUnlock();
    }
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
