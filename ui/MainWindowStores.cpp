// The window's side of the stores and the flows every store shares: the store UIs and their
// signals, the store picker, rotation, deletion and the bin, enable / disable versions.
// MainWindow.cpp holds the window itself, MainWindowActions.cpp what it offers.
#include "MainWindow.h"

#include "ConnectionsPane.h"
#include "ConnectionTreeModel.h"
#include "CredentialStatus.h"
#include "DeletedSecretsDialog.h"
#include "DeletionWorkflow.h"
#include "RotationDialog.h"
#include "SecretFieldsModel.h"
#include "SecretPane.h"
#include "SecretPresenter.h"
#include "StoreConnector.h"
#include "StorePickerDialog.h"
#include "VersionsModel.h"
#include "VersionsTab.h"
#include "Workspace.h"

#include <QAction>

#include <tuple>

namespace strongroom {

void MainWindow::addStoreUi(StoreUi* store) {
    store->setParent(this);
    m_stores.append(store);
    m_tokenStatus->addStore(store);
    connectStoreSignals(store);
}

StoreUi* MainWindow::storeUiFor(const QString& connectionId) const {
    for (StoreUi* store : m_stores) {
        if (store->handles(connectionId)) {
            return store;
        }
    }
    return nullptr;
}

void MainWindow::reconnectSavedConnections() {
    for (StoreUi* store : m_stores) {
        store->reconnectSaved();
    }
}

bool MainWindow::shows(const QString& connectionId, const QString& path) const {
    return m_presenter->connection() && m_presenter->connection()->id() == connectionId &&
           m_presenter->ref().path == path;
}

void MainWindow::connectStoreSignals(StoreUi* store) {
    connect(store, &StoreUi::loggedIn, this, &MainWindow::retryAfterLogin);
    connect(store, &StoreUi::goToRequested, this, &MainWindow::openSecret);
    connect(store, &StoreUi::message, this, &MainWindow::showMessage);
    connect(store, &StoreUi::treeChanged, this, [this](const QString& id) {
        if (const QModelIndex index = m_tree->connectionIndex(id); index.isValid()) {
            m_tree->refresh(index);
        }
        connectionAdded();
    });
    // A connector that takes its credentials back by itself after the idle lock: the values the
    // lock dropped are read again.
    connect(store->connector(), &StoreConnector::credentialsChanged, this,
            [this](const QString& id) {
                if (m_presenter->connection() && m_presenter->connection()->id() == id &&
                    m_presenter->hasSecret() && !m_presenter->fields()->hasValue() &&
                    !m_presenter->isBusy() && !m_workspace->isLocked()) {
                    m_presenter->reload();
                }
            });
}

void MainWindow::connectDeletionSignals() {
    connect(m_deletions, &DeletionWorkflow::failed, m_secret, &SecretPane::showError);
    connect(m_deletions, &DeletionWorkflow::done, this, &MainWindow::showMessage);
    connect(m_deletions, &DeletionWorkflow::secretDeleted, this,
            [this](const QString& id, const QString& path) {
                if (shows(id, path)) {
                    m_presenter->close();
                }
                refreshAround(id, path);
            });
    connect(m_deletions, &DeletionWorkflow::secretRestored, this, &MainWindow::refreshAround);
}

StorePickerDialog* MainWindow::openStorePicker() {
    auto* picker = new StorePickerDialog(m_stores, this);
    picker->setAttribute(Qt::WA_DeleteOnClose);
    connect(picker, &StorePickerDialog::storeChosen, this,
            [](StoreUi* store) { store->openConnectDialog(); });
    picker->open();
    return picker;
}

RotationDialog* MainWindow::openRotation(const QString& connectionId, const QString& path) {
    if (!m_workspace->connection(connectionId)) {
        return nullptr;
    }
    // The store's own settings form, if it has one; the dialog adopts it.
    StoreUi* store = storeUiFor(connectionId);
    auto* dialog =
        new RotationDialog(m_workspace, connectionId, path,
                           store ? store->makeRotationSettingsForm(nullptr) : nullptr, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RotationDialog::changed, this,
            [this](const QString& id, const QString& changedPath) {
                if (shows(id, changedPath)) {
                    m_presenter->reload();
                }
            });
    dialog->open();
    return dialog;
}

DeletedSecretsDialog* MainWindow::openDeletedSecrets(const QString& connectionId) {
    return m_deletions->showBin(connectionId);
}

QStringList MainWindow::versionsOrCurrent() const {
    const QStringList selected = chosenVersions();
    return selected.isEmpty() ? QStringList{m_presenter->versions()->currentVersionId()} : selected;
}

QString MainWindow::chosenConnection() const {
    const QString selected = m_connections->currentConnectionId();
    if (!selected.isEmpty()) {
        return selected;
    }
    return m_presenter->connection() ? m_presenter->connection()->id() : QString();
}

void MainWindow::updateVersionActions(const QStringList& selected) {
    // Offered on the stores that enable and disable single versions, on the selected ones (the
    // current one when none is selected).
    const Connection* shown = m_presenter->connection();
    const bool offered = shown && m_presenter->hasSecret() &&
                         shown->backend()->storeCapabilities().can(Capability::EnableVersion);
    bool anyDisabled = false;
    bool anyEnabled = false;
    for (const QString& id :
         selected.isEmpty() ? QStringList{m_presenter->versions()->currentVersionId()} : selected) {
        const VersionInfo* info =
            m_presenter->versions()->versionAt(m_presenter->versions()->rowOf(id));
        if (!info || info->marks.testFlag(VersionMark::Destroyed)) {
            continue;
        }
        anyDisabled |= info->marks.testFlag(VersionMark::Disabled);
        anyEnabled |= !info->marks.testFlag(VersionMark::Disabled);
    }
    const Capabilities& caps = m_presenter->capabilities();
    const QString why = caps.whyNot(Capability::EnableVersion);
    for (auto [action, extra, hint] :
         {std::tuple{m_enableVersions, anyDisabled, tr("Select disabled versions")},
          std::tuple{m_disableVersions, anyEnabled, tr("The chosen versions are disabled")}}) {
        action->setVisible(offered);
        action->setEnabled(offered && caps.can(Capability::EnableVersion) && extra);
        const QString tip = !why.isEmpty() ? why : (extra ? QString() : hint);
        action->setStatusTip(tip);
        action->setToolTip(tip.isEmpty() ? action->text() : tr("%1 — %2").arg(action->text(), tip));
    }
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

} // namespace strongroom
