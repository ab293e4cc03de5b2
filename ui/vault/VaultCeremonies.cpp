#include "VaultCeremonies.h"

#include "AuditLog.h"
#include "Clipboard.h"
#include "ClusterStatusDialog.h"
#include "Connection.h"
#include "CredentialStore.h"
#include "GenerateRootDialog.h"
#include "InitDialog.h"
#include "SealStatusView.h"
#include "TypedConfirmationDialog.h"
#include "UnsealDialog.h"
#include "VaultBackend.h"
#include "VaultClusterStatus.h"
#include "VaultConnector.h"
#include "VaultOperator.h"
#include "VaultSession.h"
#include "Workspace.h"

#include <QCoroSignal>
#include <QDialogButtonBox>
#include <QMenu>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

#include <functional>

namespace strongroom {

namespace {

// A window with the node's seal status, read again every two seconds while it is open.
class SealStatusDialog : public QDialog {
public:
    SealStatusDialog(VaultOperator* vaultOperator, const QString& name,
                     std::function<void(bool)> sealSeen, QWidget* parent)
        : QDialog(parent)
        , m_operator(vaultOperator)
        , m_view(new SealStatusView(this))
        , m_sealSeen(std::move(sealSeen)) {
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
        if (!m_operator || !isVisible()) {
            co_return;
        }
        auto asking = m_operator->sealStatus();
        auto status = co_await std::move(asking);
        if (!self) {
            co_return;
        }
        if (status) {
            m_view->display(status.value());
            m_sealSeen(status->sealed);
        } else {
            m_view->showError(status.error().message());
        }
        if (!status || status->sealed || !m_operator) {
            m_view->showLeaderUnknown(status ? tr("unknown while sealed") : tr("unknown"));
            co_return;
        }
        auto leading = m_operator->leader();
        auto leader = co_await std::move(leading);
        if (!self) {
            co_return;
        }
        if (leader) {
            m_view->displayLeader(leader.value());
        } else {
            m_view->showLeaderUnknown(leader.error().message());
        }
    }

    QPointer<VaultOperator> m_operator;
    SealStatusView* m_view;
    std::function<void(bool)> m_sealSeen;
};

} // namespace

VaultCeremonies::VaultCeremonies(Workspace* workspace, VaultConnector* connector, QWidget* window)
    : QObject(window)
    , m_workspace(workspace)
    , m_connector(connector)
    , m_window(window) {}

QString VaultCeremonies::nameOf(const QString& connectionId) const {
    const Connection* open = m_workspace->connection(connectionId);
    return open ? open->displayName() : connectionId;
}

void VaultCeremonies::addMenuActions(QMenu* menu, const QString& connectionId) {
    const bool open = m_connector->backend(connectionId) != nullptr;
    QMenu* ceremonies = menu->addMenu(tr("&Operator"));
    ceremonies->setEnabled(open || m_connector->spec(connectionId).has_value());
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
    if (const auto endpoint = endpointOf(connectionId)) {
        auto* session = new VaultSession(*endpoint, init);
        InitDialog::enableIfUninitialized(init, new VaultOperator(session, session));
    }
}

void VaultCeremonies::audit(const QString& connectionId, const QString& action,
                            const QString& result, const QString& detail) {
    AuditRecord record;
    record.connection = connectionId;
    record.action = action;
    record.result = result;
    record.detail = detail;
    m_workspace->auditLog()->append(std::move(record));
}

void VaultCeremonies::showSealStatus(const QString& connectionId) {
    const auto endpoint = endpointOf(connectionId);
    if (!endpoint) {
        return;
    }
    QPointer<VaultCeremonies> self(this);
    // Its own session (no token needed): a saved connection whose node is sealed can ask too.
    VaultOperator* vaultOperator = operatorFor(connectionId, endpoint->address.toString(), this);
    auto* dialog = new SealStatusDialog(
        vaultOperator, nameOf(connectionId),
        [self, connectionId](bool sealed) {
            if (self) {
                self->followSealState(connectionId, sealed);
            }
        },
        m_window);
    vaultOperator->session()->setParent(dialog);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void VaultCeremonies::followSealState(const QString& connectionId, bool sealed) {
    VaultBackend* backend = m_connector->backend(connectionId);
    if (!backend) {
        return;
    }
    // Only a state the poll contradicts: Connecting, Locked and Expired are left alone.
    const auto state = backend->state();
    if ((sealed && state == ConnectionState::Connected) ||
        (!sealed && state == ConnectionState::Sealed)) {
        backend->connectToServer();
    }
}

void VaultCeremonies::showCluster(const QString& connectionId) {
    VaultBackend* backend = m_connector->backend(connectionId);
    if (!backend) {
        return;
    }
    const auto spec = m_connector->spec(connectionId);
    auto* cluster =
        new VaultClusterStatus(backend->session(), spec ? spec->clusterNodes : QStringList());
    auto* dialog = new ClusterStatusDialog(cluster, nameOf(connectionId), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(
        dialog, &ClusterStatusDialog::stepTaken, this,
        [this, connectionId](const QString& action, const QString& result, const QString& detail) {
            audit(connectionId, action, result, detail);
        });
    connect(dialog, &ClusterStatusDialog::nodeToRemember, this,
            [this, connectionId](const QString& address) {
                Q_EMIT clusterNodeAdded(connectionId, address);
            });
    connect(dialog, &ClusterStatusDialog::connectionSealSeen, this,
            [this, connectionId](bool sealed) { followSealState(connectionId, sealed); });
    connect(dialog, &ClusterStatusDialog::unsealRequested, this,
            [this, connectionId](const QStringList& others) { openUnseal(connectionId, others); });
    connect(m_workspace, &Workspace::locked, dialog, &QDialog::reject);
    dialog->show();
}

void VaultCeremonies::openUnseal(const QString& connectionId, const QStringList& otherNodes) {
    const auto endpoint = endpointOf(connectionId);
    if (!endpoint) {
        return;
    }
    // Unsealing needs no token: a saved connection that could not open (its node is sealed and
    // it has no token yet, right after init) is unsealed through its own session.
    VaultOperator* vaultOperator = operatorFor(connectionId, endpoint->address.toString(), this);
    auto* dialog = new UnsealDialog(vaultOperator, nameOf(connectionId), m_window);
    vaultOperator->session()->setParent(dialog);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(
        dialog, &UnsealDialog::stepTaken, this,
        [this, connectionId](const QString& action, const QString& result, const QString& detail) {
            audit(connectionId, action, result, detail);
        });
    connect(dialog, &UnsealDialog::unsealed, this, [this, connectionId] {
        // The connection was marked sealed: look again now that it is not.
        if (VaultBackend* open = m_connector->backend(connectionId)) {
            open->connectToServer();
        }
        Q_EMIT message(tr("%1 is unsealed").arg(nameOf(connectionId)));
    });
    connect(m_workspace, &Workspace::locked, dialog, &QDialog::reject);
    QPointer<UnsealDialog> guard(dialog);
    connect(
        dialog, &UnsealDialog::nodeRequested, this,
        [this, connectionId, guard](const QString& address) {
            const QUrl url(address);
            if (!guard) {
                return;
            }
            if (!url.isValid() ||
                (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
                Q_EMIT message(tr("'%1' is not a node address (https://host:8200)").arg(address));
                return;
            }
            if (VaultOperator* node = operatorFor(connectionId, address, guard)) {
                guard->addNode(url.authority(), node);
                Q_EMIT clusterNodeAdded(connectionId, address);
            }
        });
    QStringList nodes;
    if (const auto spec = m_connector->spec(connectionId)) {
        nodes = spec->clusterNodes;
    }
    QStringList seen{VaultClusterStatus::normalized(endpoint->address.toString())};
    for (const QString& address : nodes + otherNodes) {
        const QString key = VaultClusterStatus::normalized(address);
        if (key.isEmpty() || seen.contains(key)) {
            continue;
        }
        seen << key;
        if (VaultOperator* node = operatorFor(connectionId, address, dialog)) {
            dialog->addNode(QUrl(address).authority(), node);
        }
    }
    dialog->open();
}

void VaultCeremonies::openGenerateRoot(const QString& connectionId) {
    VaultBackend* backend = m_connector->backend(connectionId);
    if (!backend) {
        return;
    }
    auto* dialog =
        new GenerateRootDialog(new VaultOperator(backend->session()), nameOf(connectionId),
                               m_workspace->settings(), m_workspace->credentials(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setClipboard(m_window ? m_window->findChild<Clipboard*>() : nullptr);
    dialog->setKeychainPrefix(QStringLiteral("vault-root-token:") + connectionId);
    connect(
        dialog, &GenerateRootDialog::stepTaken, this,
        [this, connectionId](const QString& action, const QString& result, const QString& detail) {
            audit(connectionId, action, result, detail);
        });
    connect(m_workspace, &Workspace::locked, dialog, &QDialog::reject);
    dialog->open();
}

VaultOperator* VaultCeremonies::operatorFor(const QString& connectionId, const QString& address,
                                            QObject* owner) {
    auto found = endpointOf(connectionId);
    if (!found) {
        return nullptr;
    }
    VaultEndpoint endpoint = *found;
    endpoint.address = QUrl(address);
    auto* session = new VaultSession(endpoint, owner);
    return new VaultOperator(session, session);
}

std::optional<VaultEndpoint> VaultCeremonies::endpointOf(const QString& connectionId) const {
    if (VaultBackend* backend = m_connector->backend(connectionId)) {
        return backend->session()->endpoint();
    }
    if (const auto spec = m_connector->spec(connectionId)) {
        return VaultConnector::endpointFor(*spec);
    }
    return std::nullopt;
}

void VaultCeremonies::initialize(const QString& connectionId) {
    const auto endpoint = endpointOf(connectionId);
    if (!endpoint) {
        return;
    }
    auto* session = new VaultSession(*endpoint);
    auto* vaultOperator = new VaultOperator(session, session);
    const auto spec = m_connector->spec(connectionId); // named even when not open
    auto* dialog = new InitDialog(vaultOperator, spec ? spec->displayName : nameOf(connectionId),
                                  m_workspace->settings(),
                                  m_window ? m_window->findChild<Clipboard*>() : nullptr, m_window);
    session->setParent(dialog);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The connection's own keychain entry: it signs in with the token like after a login.
    dialog->setRootTokenKeeper(
        [credentials = m_workspace->credentials(), key = VaultConnector::keychainKey(connectionId)](
            SecretBytes token) { return credentials->write(key, std::move(token)); });
    connect(
        dialog, &InitDialog::stepTaken, this,
        [this, connectionId](const QString& action, const QString& result, const QString& detail) {
            audit(connectionId, action, result, detail);
        });
    connect(dialog, &InitDialog::rootTokenKept, this, [this, connectionId] {
        if (m_connector->backend(connectionId)) {
            m_connector->reconnect(connectionId); // takes the keychain's token
        }
    });
    dialog->open();
}

void VaultCeremonies::seal(const QString& connectionId) {
    runSeal(connectionId);
}

QCoro::Task<> VaultCeremonies::runSeal(QString connectionId) {
    QPointer<VaultCeremonies> self(this);
    const QString name = nameOf(connectionId);
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
    VaultBackend* backend = self ? m_connector->backend(connectionId) : nullptr;
    if (!self || answer != QDialog::Accepted || !backend) {
        co_return;
    }
    VaultOperator vaultOperator(backend->session());
    auto sealing = vaultOperator.seal();
    auto sealed = co_await std::move(sealing);
    if (!self) {
        co_return;
    }
    audit(connectionId, QStringLiteral("seal"),
          sealed ? QStringLiteral("ok") : BackendError::kindName(sealed.error().kind()),
          sealed ? QString() : sealed.error().detail());
    if (!sealed) {
        Q_EMIT message(tr("Could not seal %1: %2").arg(name, sealed.error().message()));
        co_return;
    }
    if (VaultBackend* open = m_connector->backend(connectionId)) {
        open->connectToServer(); // shows the connection as sealed
    }
    Q_EMIT message(tr("%1 is sealed").arg(name));
}

} // namespace strongroom
