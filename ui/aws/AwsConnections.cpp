#include "AwsConnections.h"

#include "AwsConnectDialog.h"
#include "AwsConnector.h"
#include "Connection.h"
#include "ConnectionMenus.h"
#include "MfaCodeDialog.h"
#include "RotationSettingsForm.h"
#include "Workspace.h"

#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QWidget>

namespace strongroom {

namespace {
const QString awsProvider = QStringLiteral("aws");

QCoro::Task<Status> signInWithCode(QPointer<AwsConnector> connector, QString connectionId,
                                   bool reopening, QString code) {
    if (!connector) {
        co_return BackendError(BackendError::Kind::Cancelled);
    }
    if (reopening) {
        auto opening = connector->reconnect(connectionId, AwsSignIn{{}, code});
        auto opened = co_await std::move(opening);
        if (!opened.ok()) {
            co_return opened.error();
        }
        co_return Done{};
    }
    auto renewing = connector->renew(connectionId, AwsSignIn{{}, code});
    co_return co_await std::move(renewing);
}
} // namespace

AwsConnections::AwsConnections(Workspace* workspace, QWidget* window, QObject* parent)
    : StoreUi(awsProvider, workspace, window, parent)
    , m_workspace(workspace)
    , m_connector(new AwsConnector(workspace, this)) {
    followSignInRequests();
}

AwsConnections::~AwsConnections() = default;

QString AwsConnections::nameOf(const QString& connectionId) const {
    if (const auto spec = m_connector->spec(connectionId)) {
        return spec->displayName.isEmpty() ? connectionId : spec->displayName;
    }
    return connectionId;
}

QString AwsConnections::mfaSerialOf(const QString& connectionId) const {
    const auto spec = m_connector->spec(connectionId);
    return spec && !spec->mfaSerial.isEmpty() ? spec->mfaSerial : tr("the role's MFA device");
}

QCoro::Task<> AwsConnections::reopen(QString connectionId) {
    QPointer<AwsConnections> self(this);
    auto task = m_connector->reconnect(connectionId);
    auto result = co_await std::move(task);
    if (!self || result.ok()) {
        co_return;
    }
    if (const auto serial = MfaCodeDialog::serialAskedFor(result.error())) {
        promptMfa(connectionId, *serial, tr("Opening the saved connection."), true);
        co_return;
    }
    Q_EMIT message(tr("Could not open %1: %2").arg(connectionId, result.error().message()));
}

AwsConnectDialog* AwsConnections::openConnectDialog() {
    auto* dialog = new AwsConnectDialog(m_workspace, m_connector, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AwsConnectDialog::connected, this,
            [this](const QString& id) { Q_EMIT message(tr("Connected to %1").arg(nameOf(id))); });
    dialog->open();
    return dialog;
}

MfaCodeDialog* AwsConnections::mfaPrompt(const QString& connectionId) const {
    return m_prompts.value(connectionId);
}

void AwsConnections::promptSignIn(const QString& connectionId, const QString& reason) {
    renew(connectionId, reason);
}

void AwsConnections::renew(const QString& connectionId, const QString& reason) {
    if (MfaCodeDialog* shown = m_prompts.value(connectionId)) {
        shown->setReason(reason);
        shown->raise();
        return;
    }
    if (m_connector->needsMfa(connectionId)) {
        promptMfa(connectionId, mfaSerialOf(connectionId), reason, false);
        return;
    }
    renewWithoutCode(connectionId);
}

MfaCodeDialog* AwsConnections::promptMfa(const QString& connectionId, const QString& serial,
                                         const QString& reason, bool reopening) {
    auto* dialog = new MfaCodeDialog(nameOf(connectionId), serial, reason, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<AwsConnector> connector(m_connector);
    // Not a coroutine lambda: its captures would die with the dialog while the call is out.
    dialog->setAttempt([connector, connectionId, reopening](QString code) {
        return signInWithCode(connector, connectionId, reopening, std::move(code));
    });
    m_prompts.insert(connectionId, dialog);
    connect(dialog, &QDialog::finished, this, [this, connectionId](int result) {
        m_prompts.remove(connectionId);
        if (result == QDialog::Accepted) {
            Q_EMIT loggedIn(connectionId);
        }
    });
    dialog->open();
    return dialog;
}

QCoro::Task<> AwsConnections::renewWithoutCode(QString connectionId) {
    QPointer<AwsConnections> self(this);
    auto renewing = m_connector->renew(connectionId);
    auto renewed = co_await std::move(renewing);
    if (!self) {
        co_return;
    }
    if (renewed.ok()) {
        Q_EMIT loggedIn(connectionId);
    } else if (const auto serial = MfaCodeDialog::serialAskedFor(renewed.error())) {
        promptMfa(connectionId, *serial, QString(), false);
    } else {
        Q_EMIT message(tr("Could not renew the AWS credentials of %1: %2")
                           .arg(nameOf(connectionId), renewed.error().message()));
    }
}

void AwsConnections::addMenuActions(QMenu* menu, const QString& connectionId, const QString&) {
    const bool open = m_workspace && m_workspace->connection(connectionId);
    QAction* identity = menu->addAction(tr("Signed in &as…"));
    identity->setEnabled(open && m_connector->session(connectionId).has_value());
    connect(identity, &QAction::triggered, this,
            [this, connectionId] { showIdentity(connectionId); });
    QAction* renewAction = menu->addAction(tr("Re&new credentials…"));
    renewAction->setEnabled(open);
    connect(renewAction, &QAction::triggered, this,
            [this, connectionId] { renew(connectionId, tr("Renewal asked for.")); });
    QAction* logoutAction = menu->addAction(tr("Log &out"));
    logoutAction->setEnabled(open);
    connect(logoutAction, &QAction::triggered, this,
            [this, connectionId] { logout(connectionId, false); });
    QAction* forget = menu->addAction(tr("&Forget connection"));
    connect(forget, &QAction::triggered, this,
            [this, connectionId] { logout(connectionId, true); });
}

void AwsConnections::showIdentity(const QString& connectionId) {
    const auto session = m_connector->session(connectionId);
    if (!session) {
        return;
    }
    auto* box = new QMessageBox(
        QMessageBox::Information, tr("Signed in as"),
        tr("%1 is signed in as\n%2").arg(nameOf(connectionId), session->identityArn),
        QMessageBox::Close, window());
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("awsIdentity"));
    box->setInformativeText(
        tr("Keys: %1\n%2")
            .arg(session->source, session->expires.isValid()
                                      ? tr("Temporary credentials until %1")
                                            .arg(QLocale().toString(session->expires.toLocalTime(),
                                                                    QLocale::ShortFormat))
                                      : tr("Long-lived keys")));
    box->setDetailedText(session->trace.join(QLatin1Char('\n')));
    box->open();
}

void AwsConnections::logout(const QString& connectionId, bool forget) {
    const QString name = nameOf(connectionId);
    confirmLogout(window(), this, QStringLiteral("awsLogoutConfirmation"), forget,
                  forget ? tr("Close %1 and forget the connection?").arg(name)
                         : tr("Close %1?").arg(name),
                  forget ? tr("Keys typed for it are removed from the keychain; the "
                              "connection is no longer listed next time.")
                         : tr("Keys typed for it are removed from the keychain. The "
                              "connection stays saved: open it again from File."),
                  [this, connectionId, forget] { doLogout(connectionId, forget); });
}

QCoro::Task<> AwsConnections::doLogout(QString connectionId, bool forget) {
    QPointer<AwsConnections> self(this);
    auto task = m_connector->logout(connectionId, forget);
    auto status = co_await std::move(task);
    if (!self) {
        co_return;
    }
    if (forget && m_workspace) {
        m_workspace->removeConnection(connectionId);
    }
    Q_EMIT message(status.ok()
                       ? tr("Logged out of %1").arg(connectionId)
                       : tr("Log out of %1: %2").arg(connectionId, status.error().message()));
}

RotationSettingsEditor* AwsConnections::makeRotationSettingsForm(QWidget* parent) {
    return new RotationSettingsForm(parent);
}

} // namespace strongroom
