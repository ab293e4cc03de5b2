#include "VaultConnections.h"

#include "VaultCeremonies.h"

#include "AppSettings.h"
#include "Connection.h"
#include "ConnectionMenus.h"
#include "VaultConnectDialog.h"
#include "VaultConnector.h"
#include "VaultLoginDialog.h"
#include "Workspace.h"

#include <QDesktopServices>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QWidget>

namespace strongroom {

namespace {
const QString vaultProvider = QStringLiteral("vault");
}

VaultConnections::VaultConnections(Workspace* workspace, QWidget* window, QObject* parent)
    : StoreUi(vaultProvider, workspace, window, parent)
    , m_workspace(workspace)
    , m_connector(new VaultConnector(workspace, this))
    , m_ceremonies(new VaultCeremonies(workspace, m_connector, window)) {
    connect(m_ceremonies, &VaultCeremonies::message, this, &VaultConnections::message);
    connect(m_ceremonies, &VaultCeremonies::clusterNodeAdded, this,
            [this](const QString& connectionId, const QString& address) {
                updateSavedSpec(connectionId, [&](VaultConnectionSpec& spec) {
                    if (!spec.clusterNodes.contains(address)) {
                        spec.clusterNodes << address;
                    }
                });
            });
    followSignInRequests();
    connect(m_connector, &VaultConnector::browserLoginRequested, this, [this](const QUrl& url) {
        Q_EMIT message(tr("Finish signing in in your browser"));
        QDesktopServices::openUrl(url);
    });
}

VaultConnections::~VaultConnections() = default;

std::optional<VaultConnectionSpec> VaultConnections::specFor(const QString& connectionId) const {
    if (auto open = m_connector->spec(connectionId)) {
        return open;
    }
    for (const ConnectionSettings& saved : m_workspace->savedConnections()) {
        if (saved.id == connectionId && saved.providerId == vaultProvider) {
            return VaultConnectionSpec::fromOptions(saved.id, saved.displayName, saved.options);
        }
    }
    return std::nullopt;
}

QCoro::Task<> VaultConnections::reopenAfterUnlock() {
    QPointer<VaultConnections> self(this);
    QStringList locked;
    for (const Connection* connection : m_workspace->connections()) {
        if (connection->providerId() == vaultProvider &&
            connection->state() != ConnectionState::Connected) {
            locked << connection->id();
        }
    }
    for (const QString& id : locked) {
        auto task = m_connector->reconnect(id);
        auto result = co_await std::move(task);
        if (!self) {
            co_return;
        }
        if (result.ok()) {
            Q_EMIT loggedIn(id);
        } else if (result.error().kind() == BackendError::Kind::Unauthenticated) {
            promptLogin(id, result.error().message());
        } else {
            Q_EMIT message(tr("Could not open %1: %2").arg(id, result.error().message()));
        }
    }
}

VaultConnectDialog* VaultConnections::openConnectDialog() {
    auto* dialog = new VaultConnectDialog(m_workspace, m_connector, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &VaultConnectDialog::connected, this,
            [this](const QString& id) { Q_EMIT message(tr("Connected to %1").arg(id)); });
    connect(dialog, &VaultConnectDialog::initializeRequested, this,
            [this](const VaultConnectionSpec& spec) {
                // Saved without a token: File › Open saved connection signs in once unsealed.
                AppSettings* settings = m_workspace->settings();
                QList<ConnectionSettings> saved = settings->connections();
                saved.append({spec.id, spec.displayName, vaultProvider, spec.toOptions()});
                settings->setConnections(saved);
                settings->sync();
                m_ceremonies->initialize(spec.id);
            });
    dialog->open();
    return dialog;
}

void VaultConnections::promptSignIn(const QString& connectionId, const QString& reason) {
    promptLogin(connectionId, reason);
}

VaultLoginDialog* VaultConnections::loginPrompt(const QString& connectionId) const {
    return m_prompts.value(connectionId);
}

VaultLoginDialog* VaultConnections::promptLogin(const QString& connectionId,
                                                const QString& reason) {
    if (VaultLoginDialog* shown = m_prompts.value(connectionId)) {
        shown->setReason(reason);
        shown->raise();
        return shown;
    }
    const auto spec = specFor(connectionId);
    if (!spec) {
        return nullptr;
    }
    auto* dialog = new VaultLoginDialog(m_connector, *spec, reason, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_prompts.insert(connectionId, dialog);
    connect(dialog, &QDialog::finished, this, [this, connectionId](int result) {
        m_prompts.remove(connectionId);
        if (result == QDialog::Accepted) {
            afterLogin(connectionId);
        }
    });
    dialog->open();
    return dialog;
}

QCoro::Task<> VaultConnections::afterLogin(QString connectionId) {
    QPointer<VaultConnections> self(this);
    if (!m_workspace->connection(connectionId)) {
        // A saved connection whose keychain token was refused: open it with the new one.
        auto task = m_connector->reconnect(connectionId);
        auto opened = co_await std::move(task);
        if (!self) {
            co_return;
        }
        if (!opened.ok()) {
            Q_EMIT message(tr("Could not open %1: %2").arg(connectionId, opened.error().message()));
            co_return;
        }
    }
    Q_EMIT loggedIn(connectionId);
}

void VaultConnections::addMenuActions(QMenu* menu, const QString& connectionId, const QString&) {
    const bool open = m_workspace->connection(connectionId) != nullptr;
    QAction* goTo = menu->addAction(tr("&Go to path…"));
    goTo->setEnabled(open);
    connect(goTo, &QAction::triggered, this, [this, connectionId] { askGoToPath(connectionId); });
    QAction* mount = menu->addAction(tr("Add &mount path…"));
    mount->setEnabled(open);
    connect(mount, &QAction::triggered, this, [this, connectionId] { askMountPath(connectionId); });
    menu->addSeparator();
    QAction* login = menu->addAction(tr("Log &in again…"));
    connect(login, &QAction::triggered, this,
            [this, connectionId] { promptLogin(connectionId, QString()); });
    QAction* logoutAction = menu->addAction(tr("Log &out"));
    logoutAction->setEnabled(open);
    connect(logoutAction, &QAction::triggered, this,
            [this, connectionId] { logout(connectionId, false); });
    QAction* forget = menu->addAction(tr("&Forget connection"));
    connect(forget, &QAction::triggered, this,
            [this, connectionId] { logout(connectionId, true); });
    menu->addSeparator();
    m_ceremonies->addMenuActions(menu, connectionId);
}

void VaultConnections::logout(const QString& connectionId, bool forget) {
    const auto spec = specFor(connectionId);
    const QString name = spec ? spec->displayName : connectionId;
    confirmLogout(window(), this, QStringLiteral("vaultLogoutConfirmation"), forget,
                  forget ? tr("Log out of %1 and forget the connection?").arg(name)
                         : tr("Log out of %1?").arg(name),
                  forget
                      ? tr("The token is revoked on the server and removed from the keychain; the "
                           "connection is no longer listed next time.")
                      : tr("The token is revoked on the server and removed from the keychain. The "
                           "connection stays saved: open it again with a new login."),
                  [this, connectionId, forget] { doLogout(connectionId, forget); });
}

QCoro::Task<> VaultConnections::doLogout(QString connectionId, bool forget) {
    QPointer<VaultConnections> self(this);
    auto task = m_connector->logout(connectionId, forget);
    auto status = co_await std::move(task);
    if (!self) {
        co_return;
    }
    if (forget) {
        // Forget even when the server could not revoke (already expired, unreachable).
        m_workspace->removeConnection(connectionId);
    }
    Q_EMIT message(status.ok()
                       ? tr("Logged out of %1").arg(connectionId)
                       : tr("Log out of %1: %2").arg(connectionId, status.error().message()));
}

void VaultConnections::askMountPath(const QString& connectionId) {
    auto* input = new QInputDialog(window());
    input->setAttribute(Qt::WA_DeleteOnClose);
    input->setWindowTitle(tr("Add mount path"));
    input->setLabelText(tr("KV mount the token cannot list (e.g. kv-team/):"));
    input->setObjectName(QStringLiteral("vaultMountPathInput"));
    connect(input, &QInputDialog::textValueSelected, this,
            [this, connectionId](const QString& path) {
                if (!path.trimmed().isEmpty()) {
                    doAddMount(connectionId, path.trimmed(), 0);
                }
            });
    input->open();
}

QCoro::Task<> VaultConnections::doAddMount(QString connectionId, QString mountPath, int kvVersion) {
    QPointer<VaultConnections> self(this);
    if (!mountPath.endsWith(QLatin1Char('/'))) {
        mountPath += QLatin1Char('/');
    }
    auto task = m_connector->addMount(connectionId, mountPath, kvVersion);
    auto added = co_await std::move(task);
    if (!self) {
        co_return;
    }
    if (!added.ok()) {
        if (kvVersion == 0 && added.error().kind() != BackendError::Kind::Unsupported &&
            added.error().kind() != BackendError::Kind::Unauthenticated) {
            // The token may not ask the server what the mount is: the operator says.
            askKvVersion(connectionId, mountPath);
            co_return;
        }
        Q_EMIT message(tr("Could not add %1: %2").arg(mountPath, added.error().message()));
        co_return;
    }
    rememberMount(connectionId, added.value().path, kvVersion);
    Q_EMIT treeChanged(connectionId);
}

void VaultConnections::askKvVersion(const QString& connectionId, const QString& mountPath) {
    auto* input = new QInputDialog(window());
    input->setAttribute(Qt::WA_DeleteOnClose);
    input->setObjectName(QStringLiteral("vaultKvVersionInput"));
    input->setWindowTitle(tr("Add mount path"));
    input->setLabelText(
        tr("The server does not say what %1 is to this token. Which KV version is it?")
            .arg(mountPath));
    const QStringList versions{tr("KV version 2 (versioned)"), tr("KV version 1")};
    input->setComboBoxItems(versions);
    connect(input, &QInputDialog::textValueSelected, this,
            [this, connectionId, mountPath, versions](const QString& chosen) {
                doAddMount(connectionId, mountPath, chosen == versions.first() ? 2 : 1);
            });
    input->open();
}

void VaultConnections::rememberMount(const QString& connectionId, const QString& mountPath,
                                     int kvVersion) {
    updateSavedSpec(connectionId,
                    [&](VaultConnectionSpec& spec) { spec.rememberMount(mountPath, kvVersion); });
}

void VaultConnections::updateSavedSpec(const QString& connectionId,
                                       const std::function<void(VaultConnectionSpec&)>& change) {
    AppSettings* settings = m_workspace->settings();
    QList<ConnectionSettings> saved = settings->connections();
    for (ConnectionSettings& entry : saved) {
        if (entry.id != connectionId) {
            continue;
        }
        auto spec = VaultConnectionSpec::fromOptions(entry.id, entry.displayName, entry.options);
        if (!spec) {
            return;
        }
        change(*spec);
        entry.options = spec->toOptions();
        settings->setConnections(saved);
        settings->sync();
        return;
    }
}

QCoro::Task<> VaultConnections::reopen(QString connectionId) {
    QPointer<VaultConnections> self(this);
    auto task = m_connector->reconnect(connectionId);
    auto result = co_await std::move(task);
    if (!self || result.ok()) {
        co_return;
    }
    if (result.error().kind() == BackendError::Kind::Unauthenticated) {
        promptLogin(connectionId, result.error().message());
    } else {
        Q_EMIT message(tr("Could not open %1: %2").arg(connectionId, result.error().message()));
    }
}

void VaultConnections::askGoToPath(const QString& connectionId) {
    auto* input = new QInputDialog(window());
    input->setAttribute(Qt::WA_DeleteOnClose);
    input->setWindowTitle(tr("Go to path"));
    input->setLabelText(tr("Secret path, mount included (e.g. secret/app/db):"));
    input->setObjectName(QStringLiteral("vaultGoToPathInput"));
    connect(input, &QInputDialog::textValueSelected, this,
            [this, connectionId](const QString& path) {
                QString trimmed = path.trimmed();
                while (trimmed.startsWith(QLatin1Char('/'))) {
                    trimmed.remove(0, 1);
                }
                if (!trimmed.isEmpty()) {
                    Q_EMIT goToRequested(connectionId, trimmed);
                }
            });
    input->open();
}

} // namespace strongroom
