#include "VaultCeremonies.h"

#include "Clipboard.h"
#include "ClusterStatusDialog.h"
#include "ConnectionCeremonies.h"
#include "GenerateRootCeremony.h"
#include "GenerateRootDialog.h"
#include "InitDialog.h"
#include "InitializeCeremony.h"
#include "SealCeremony.h"
#include "SealStatusCheck.h"
#include "SealStatusView.h"
#include "TypedConfirmationDialog.h"
#include "UnsealCeremony.h"
#include "UnsealDialog.h"
#include "Workspace.h"

#include <QCoroSignal>
#include <QDialogButtonBox>
#include <QMenu>
#include <QTimer>
#include <QVBoxLayout>

#include <functional>

namespace strongroom {

namespace {

// A window with the node's seal status, read again every two seconds while it is open.
class SealStatusDialog : public QDialog {
public:
    SealStatusDialog(SealStatusCheck* check, const QString& name,
                     std::function<void(bool)> sealSeen, QWidget* parent)
        : QDialog(parent)
        , m_check(check)
        , m_view(new SealStatusView(this))
        , m_sealSeen(std::move(sealSeen)) {
        check->setParent(this);
        setWindowTitle(tr("Seal status — %1").arg(name));
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
        auto* layout = new QVBoxLayout(this);
        layout->addWidget(m_view);
        layout->addWidget(buttons);
        connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
        auto* poll = new QTimer(this);
        connect(poll, &QTimer::timeout, this, [this] { refresh(); });
        poll->start(UnsealDialog::pollMs);
        refresh();
    }

private:
    QCoro::Task<> refresh() {
        QPointer<SealStatusDialog> self(this);
        if (!isVisible()) {
            co_return;
        }
        auto reading = m_check->read();
        const auto report = co_await std::move(reading);
        if (!self) {
            co_return;
        }
        if (!report.status) {
            m_view->showError(report.status.error().message());
        } else {
            m_view->display(report.status.value());
            m_sealSeen(report.status->sealed);
        }
        if (report.leader) {
            m_view->displayLeader(*report.leader);
        } else if (!report.status) {
            m_view->showLeaderUnknown(tr("unknown"));
        } else if (report.status->sealed) {
            m_view->showLeaderUnknown(tr("unknown while sealed"));
        } else {
            m_view->showLeaderUnknown(report.leaderUnknown);
        }
    }

    SealStatusCheck* m_check;
    SealStatusView* m_view;
    std::function<void(bool)> m_sealSeen;
};

Clipboard* clipboardOf(QWidget* window) {
    return window ? window->findChild<Clipboard*>() : nullptr;
}

} // namespace

VaultCeremonies::VaultCeremonies(Workspace* workspace, VaultConnector* connector, QWidget* window)
    : QObject(window)
    , m_workspace(workspace)
    , m_services(new ConnectionCeremonies(workspace, connector, this))
    , m_window(window) {}

void VaultCeremonies::addMenuActions(QMenu* menu, const QString& connectionId) {
    const bool open = m_services->isOpen(connectionId);
    QMenu* ceremonies = menu->addMenu(tr("&Operator"));
    ceremonies->setEnabled(m_services->isKnown(connectionId));
    QAction* status = ceremonies->addAction(tr("Seal &status…"));
    connect(status, &QAction::triggered, this,
            [this, connectionId] { showSealStatus(connectionId); });
    QAction* unseal = ceremonies->addAction(tr("&Unseal…"));
    connect(unseal, &QAction::triggered, this, [this, connectionId] { openUnseal(connectionId); });
    QAction* sealAction = ceremonies->addAction(tr("S&eal…"));
    connect(sealAction, &QAction::triggered, this, [this, connectionId] { seal(connectionId); });
    QAction* cluster = ceremonies->addAction(tr("&Cluster…"));
    connect(cluster, &QAction::triggered, this,
            [this, connectionId] { showCluster(connectionId); });
    QAction* generateRoot = ceremonies->addAction(tr("&Generate root token…"));
    connect(generateRoot, &QAction::triggered, this,
            [this, connectionId] { openGenerateRoot(connectionId); });
    // Seal status, unseal and init need no token, so they work on a saved connection too (a
    // sealed or uninitialized node cannot sign anyone in); the others need the open connection.
    for (QAction* action : {sealAction, cluster, generateRoot}) {
        action->setEnabled(open);
    }
    QAction* init = ceremonies->addAction(tr("&Initialize…"));
    connect(init, &QAction::triggered, this, [this, connectionId] { initialize(connectionId); });
    if (SealStatusCheck* probe = m_services->sealStatus(connectionId, init)) {
        InitDialog::enableIfUninitialized(init, probe);
    }
}

void VaultCeremonies::showSealStatus(const QString& connectionId) {
    SealStatusCheck* check = m_services->sealStatus(connectionId, this);
    if (!check) {
        return;
    }
    QPointer<ConnectionCeremonies> services = m_services;
    auto* dialog = new SealStatusDialog(
        check, m_services->nameOf(connectionId),
        [services, connectionId](bool sealed) {
            if (services) {
                services->followSealState(connectionId, sealed);
            }
        },
        m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void VaultCeremonies::showCluster(const QString& connectionId) {
    SealCeremony* ceremony = m_services->seal(connectionId, this);
    if (!ceremony) {
        return;
    }
    auto* dialog = new ClusterStatusDialog(ceremony, m_services->nameOf(connectionId), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ClusterStatusDialog::nodeToRemember, this,
            [this, connectionId](const QString& address) {
                Q_EMIT clusterNodeAdded(connectionId, address);
            });
    connect(
        dialog, &ClusterStatusDialog::connectionSealSeen, this,
        [this, connectionId](bool sealed) { m_services->followSealState(connectionId, sealed); });
    connect(dialog, &ClusterStatusDialog::unsealRequested, this,
            [this, connectionId](const QStringList& others) { openUnseal(connectionId, others); });
    connect(m_workspace, &Workspace::locked, dialog, &QDialog::reject);
    dialog->show();
}

void VaultCeremonies::openUnseal(const QString& connectionId, const QStringList& otherNodes) {
    UnsealCeremony* ceremony = m_services->unseal(connectionId, otherNodes, this);
    if (!ceremony) {
        return;
    }
    auto* dialog = new UnsealDialog(ceremony, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &UnsealDialog::unsealed, this, [this, connectionId] {
        Q_EMIT message(tr("%1 is unsealed").arg(m_services->nameOf(connectionId)));
    });
    connect(dialog, &UnsealDialog::nodeAdded, this, [this, connectionId](const QString& address) {
        Q_EMIT clusterNodeAdded(connectionId, address);
    });
    connect(m_workspace, &Workspace::locked, dialog, &QDialog::reject);
    dialog->open();
}

void VaultCeremonies::openGenerateRoot(const QString& connectionId) {
    GenerateRootCeremony* ceremony = m_services->generateRoot(connectionId, this);
    if (!ceremony) {
        return;
    }
    auto* dialog =
        new GenerateRootDialog(ceremony, m_services->nameOf(connectionId), m_workspace->settings(),
                               m_workspace->credentials(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setClipboard(clipboardOf(m_window));
    dialog->setKeychainPrefix(QStringLiteral("vault-root-token:") + connectionId);
    connect(m_workspace, &Workspace::locked, dialog, &QDialog::reject);
    dialog->open();
}

void VaultCeremonies::initialize(const QString& connectionId) {
    InitializeCeremony* ceremony = m_services->initialize(connectionId, this);
    if (!ceremony) {
        return;
    }
    auto* dialog = new InitDialog(ceremony, m_services->nameOf(connectionId),
                                  m_workspace->settings(), clipboardOf(m_window), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void VaultCeremonies::seal(const QString& connectionId) {
    runSeal(connectionId);
}

QCoro::Task<> VaultCeremonies::runSeal(QString connectionId) {
    QPointer<VaultCeremonies> self(this);
    const QString name = m_services->nameOf(connectionId);
    QPointer<TypedConfirmationDialog> dialog = new TypedConfirmationDialog(
        tr("Seal %1").arg(name),
        tr("Sealing %1 stops it serving every client until enough key custodians unseal it "
           "again.")
            .arg(name),
        name, tr("Seal"), m_window);
    dialog->open();
    auto finished = qCoro(dialog.data(), &QDialog::finished);
    const int answer = co_await std::move(finished);
    if (dialog) {
        dialog->deleteLater();
    }
    if (!self || answer != QDialog::Accepted) {
        co_return;
    }
    QPointer<SealCeremony> ceremony = m_services->seal(connectionId, this);
    if (!ceremony) {
        co_return;
    }
    auto sealing = ceremony->seal(); // the connection then shows it sealed
    auto sealed = co_await std::move(sealing);
    if (ceremony) {
        ceremony->deleteLater();
    }
    if (!self) {
        co_return;
    }
    Q_EMIT message(sealed ? tr("%1 is sealed").arg(name)
                          : tr("Could not seal %1: %2").arg(name, sealed.error().message()));
}

} // namespace strongroom
