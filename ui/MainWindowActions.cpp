// The main window's actions, toolbar, menus, status bar and a tree row's menu: what the window
// offers. MainWindow.cpp holds how it reacts.
#include "MainWindow.h"

#include "AppSettings.h"
#include "AuditLogViewer.h"
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

namespace strongroom {

namespace {
// The bundled icon when the resources have one, else the desktop theme's.
QIcon actionIcon(const QString& name) {
    const QString bundled = QStringLiteral(":/icons/%1.svg").arg(name);
    return QFile::exists(bundled) ? QIcon(bundled) : QIcon::fromTheme(name);
}
} // namespace

void MainWindow::createActions() {
    const auto make = [this](const QString& text, const QString& icon, const QKeySequence& keys) {
        auto* action = new QAction(text, this);
        action->setIcon(actionIcon(icon));
        if (!keys.isEmpty()) {
            action->setShortcut(keys);
            action->setToolTip(tr("%1 (%2)").arg(text, keys.toString(QKeySequence::NativeText)));
        }
        return action;
    };
    m_refresh = make(tr("Refresh"), QStringLiteral("refresh"), QKeySequence(Qt::Key_F5));
    m_new = make(tr("New secret"), QStringLiteral("new"), QKeySequence::New);
    m_edit = make(tr("Edit"), QStringLiteral("edit"), QKeySequence(Qt::CTRL | Qt::Key_E));
    m_rollback = make(tr("Roll back"), QStringLiteral("rollback"), {});
    m_undoRollback = make(tr("Undo rollback"), QStringLiteral("rollback"), {});
    m_undoRollback->setEnabled(false);
    m_delete = make(tr("Delete version"), QStringLiteral("delete"), QKeySequence::Delete);
    m_undelete = make(tr("Undelete versions"), QStringLiteral("rollback"), {});
    m_deleteSecret = make(tr("Delete secret…"), QStringLiteral("delete"), {});
    m_editMetadata = make(tr("Edit metadata…"), QStringLiteral("document-properties"), {});
    m_search = make(tr("Search secrets…"), QStringLiteral("search"),
                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    m_destroy = make(tr("Destroy versions"), QStringLiteral("delete"), {});
    m_lock = make(tr("Lock"), QStringLiteral("lock"), QKeySequence(Qt::CTRL | Qt::Key_L));
    m_settings =
        make(tr("Settings"), QStringLiteral("preferences-system"), QKeySequence::Preferences);
    m_quickOpenAction =
        make(tr("Quick open"), QStringLiteral("search"), QKeySequence(Qt::CTRL | Qt::Key_K));
    m_auditLog = make(tr("Audit log"), QStringLiteral("document-properties"),
                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_quit = make(tr("Quit"), QStringLiteral("application-exit"), QKeySequence::Quit);
    m_connect = make(tr("Connect…"), QStringLiteral("connect"), {});
    m_connect->setToolTip(tr("Connect to a secrets store: pick which kind, then sign in"));
    connect(m_connect, &QAction::triggered, this, &MainWindow::openStorePicker);
    m_rotate = make(tr("Rotation…"), QStringLiteral("rotate"), {});
    connect(m_rotate, &QAction::triggered, this, [this] {
        if (const Connection* shown = m_presenter->connection();
            shown && m_presenter->hasSecret()) {
            openRotation(shown->id(), m_presenter->ref().path);
        }
    });
    m_deletedSecrets = make(tr("Deleted secrets…"), QStringLiteral("bin"), {});
    m_deletedSecrets->setToolTip(
        tr("The bin of the selected connection: restore or purge deleted secrets"));
    connect(m_deletedSecrets, &QAction::triggered, this, [this] {
        const QString id = chosenConnection();
        if (id.isEmpty()) {
            showMessage(tr("Select a connection whose store has a bin first"));
        } else if (!openDeletedSecrets(id)) {
            showMessage(tr("%1 is not open").arg(m_tree->connectionName(id)));
        }
    });
    m_enableVersions = make(tr("Enable versions"), QStringLiteral("checkmark"), {});
    m_disableVersions = make(tr("Disable versions"), QStringLiteral("dialog-cancel"), {});
    connect(m_enableVersions, &QAction::triggered, this,
            [this] { m_workflows->setVersionsEnabled(versionsOrCurrent(), true); });
    connect(m_disableVersions, &QAction::triggered, this,
            [this] { m_workflows->setVersionsEnabled(versionsOrCurrent(), false); });
    // Only on the stores that have them (updateActions shows them); beside Compare as well.
    for (QAction* action : {m_enableVersions, m_disableVersions}) {
        action->setVisible(false);
        m_secret->versionsTab()->addActionButton(action);
    }

    connect(m_refresh, &QAction::triggered, this, [this] {
        m_connections->refreshCurrent();
        m_presenter->reload();
    });
    connect(m_new, &QAction::triggered, this, [this] {
        QString connection = m_connections->currentConnectionId();
        if (connection.isEmpty()) {
            connection = Workspace::localConnectionId();
        }
        m_workflows->newSecret(connection, SecretRef{m_connections->currentPath()}.folder());
    });
    connect(m_edit, &QAction::triggered, m_workflows, &SecretWorkflows::edit);
    connect(m_rollback, &QAction::triggered, this,
            [this] { m_workflows->rollback(chosenVersion()); });
    connect(m_undoRollback, &QAction::triggered, m_workflows->rollbacks(), &RollbackWorkflow::undo);
    connect(m_workflows->rollbacks(), &RollbackWorkflow::undoAvailableChanged, this,
            &MainWindow::updateUndoRollback);
    connect(m_delete, &QAction::triggered, this,
            [this] { m_workflows->deleteVersions(chosenVersions()); });
    connect(m_undelete, &QAction::triggered, this,
            [this] { m_workflows->undeleteVersions(chosenVersions()); });
    connect(m_deleteSecret, &QAction::triggered, this, [this] {
        if (const Connection* shown = m_presenter->connection();
            shown && m_presenter->hasSecret()) {
            m_deletions->deleteSecret(shown->id(), m_presenter->ref().path);
        }
    });
    connect(m_editMetadata, &QAction::triggered, m_workflows, &SecretWorkflows::editMetadata);
    connect(m_search, &QAction::triggered, this, &MainWindow::openSearch);
    connect(m_destroy, &QAction::triggered, this,
            [this] { m_workflows->destroyVersions(chosenVersions()); });
    connect(m_lock, &QAction::triggered, m_workspace, &Workspace::lock);
    connect(m_settings, &QAction::triggered, this, &MainWindow::openSettings);
    connect(m_quickOpenAction, &QAction::triggered, this, &MainWindow::openQuickOpen);
    connect(m_auditLog, &QAction::triggered, this, [this] {
        auto* viewer = new AuditLogViewer(m_workspace->auditLog(), this);
        viewer->setAttribute(Qt::WA_DeleteOnClose);
        viewer->show();
    });
    connect(m_quit, &QAction::triggered, this, &QWidget::close);

    QToolBar* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_connect);
    toolbar->addSeparator();
    for (QAction* action : {m_refresh, m_new, m_edit, m_rollback, m_rotate, m_delete, m_destroy}) {
        toolbar->addAction(action);
    }
    toolbar->addSeparator();
    toolbar->addAction(m_quickOpenAction);
    toolbar->addAction(m_auditLog);
    toolbar->addAction(m_lock);
    toolbar->addAction(m_settings);
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_connect);
    QMenu* saved = file->addMenu(tr("Open saved connection"));
    saved->setObjectName(QStringLiteral("savedConnectionsMenu"));
    connect(saved, &QMenu::aboutToShow, this, [this, saved] {
        saved->clear();
        for (StoreUi* store : m_stores) {
            store->addSavedConnections(saved);
        }
        if (saved->isEmpty()) {
            saved->addAction(tr("Every saved connection is open"))->setEnabled(false);
        }
    });
    file->addSeparator();
    file->addAction(m_new);
    file->addAction(m_quickOpenAction);
    file->addAction(m_search);
    file->addSeparator();
    file->addAction(m_settings);
    file->addAction(m_lock);
    file->addSeparator();
    file->addAction(m_quit);
    QMenu* secret = menuBar()->addMenu(tr("&Secret"));
    for (QAction* action : {m_refresh, m_edit, m_rollback, m_undoRollback, m_rotate, m_delete,
                            m_undelete, m_destroy, m_enableVersions, m_disableVersions}) {
        secret->addAction(action);
    }
    secret->addSeparator();
    secret->addAction(m_editMetadata);
    secret->addAction(m_deleteSecret);
    secret->addAction(m_deletedSecrets);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_auditLog);
}

void MainWindow::createStatusBar() {
    m_connectionStatus = new QLabel(this);
    m_clipboardStatus = new QLabel(this);
    m_lockStatus = new QLabel(tr("Unlocked"), this);
    m_tokenStatus = new CredentialStatus(m_workspace, m_stores, m_connections, m_presenter, this);
    // Offered right after a rollback, next to the message that says what moved.
    auto* undo = new QToolButton(this);
    undo->setObjectName(QStringLiteral("undoRollbackButton"));
    undo->setDefaultAction(m_undoRollback);
    undo->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    undo->setAutoRaise(true);
    undo->setVisible(false);
    m_undoRollbackButton = undo;
    statusBar()->addPermanentWidget(undo);
    statusBar()->addPermanentWidget(m_clipboardStatus);
    statusBar()->addPermanentWidget(m_tokenStatus);
    statusBar()->addPermanentWidget(m_connectionStatus);
    statusBar()->addPermanentWidget(m_lockStatus);
}

QMenu* MainWindow::connectionMenu(const QString& connectionId, const QString& path) {
    auto* menu = new QMenu(this);
    QAction* refresh = menu->addAction(actionIcon(QStringLiteral("refresh")), tr("&Refresh"));
    connect(refresh, &QAction::triggered, this, [this, connectionId, path] {
        QModelIndex index = m_tree->indexForPath(connectionId, path);
        if (index.isValid() && index.data(ConnectionTreeModel::KindRole).toInt() ==
                                   static_cast<int>(ConnectionTreeModel::NodeKind::Secret)) {
            index = index.parent();
        }
        if (index.isValid()) {
            m_tree->refresh(index);
        }
    });
    addLifecycleActions(menu, connectionId, path);
    if (StoreUi* store = storeUiFor(connectionId)) {
        menu->addSeparator();
        store->addMenuActions(menu, connectionId, path);
    }
    return menu;
}

void MainWindow::addLifecycleActions(QMenu* menu, const QString& connectionId,
                                     const QString& path) {
    // What the store offers at all; what this credential may do on the path is checked when
    // the dialog opens (and it says so).
    const Connection* connection = m_workspace->connection(connectionId);
    if (!connection) {
        return;
    }
    const Capabilities store = connection->backend()->storeCapabilities();
    const bool secret = !path.isEmpty() && !path.endsWith(QLatin1Char('/'));
    if (secret && (store.can(Capability::RotationStatus) || store.can(Capability::Rotate))) {
        QAction* rotation = menu->addAction(actionIcon(QStringLiteral("rotate")), tr("R&otation…"));
        connect(rotation, &QAction::triggered, this,
                [this, connectionId, path] { openRotation(connectionId, path); });
    }
    if (secret && store.can(Capability::DeleteSecret)) {
        QAction* remove =
            menu->addAction(actionIcon(QStringLiteral("delete")), tr("&Delete secret…"));
        connect(remove, &QAction::triggered, this,
                [this, connectionId, path] { m_deletions->deleteSecret(connectionId, path); });
    }
    if (store.can(Capability::ListDeleted)) {
        QAction* bin = menu->addAction(actionIcon(QStringLiteral("bin")), tr("Deleted &secrets…"));
        connect(bin, &QAction::triggered, this,
                [this, connectionId] { openDeletedSecrets(connectionId); });
    }
}

} // namespace strongroom
