#include "ClusterStatusDialog.h"

#include "SealCeremony.h"
#include "SealStatusView.h"
#include "TypedConfirmationDialog.h"

#include <QCoroSignal>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace strongroom {

namespace {

QString roleText(const VaultClusterNode& node) {
    switch (node.role()) {
    case VaultClusterNode::Role::Active:
        return ClusterStatusDialog::tr("Active");
    case VaultClusterNode::Role::Standby:
        return node.leader && node.leader->performanceStandby
                   ? ClusterStatusDialog::tr("Performance standby")
                   : ClusterStatusDialog::tr("Standby");
    case VaultClusterNode::Role::Single:
        return ClusterStatusDialog::tr("No HA");
    case VaultClusterNode::Role::Unknown:
        break;
    }
    return ClusterStatusDialog::tr("—");
}

QString sourceText(const VaultClusterNode& node) {
    QStringList from;
    if (node.connection) {
        from << ClusterStatusDialog::tr("this connection");
    }
    if (node.configured) {
        from << ClusterStatusDialog::tr("remembered");
    }
    if (node.listed) {
        from << ClusterStatusDialog::tr("ha-status");
    }
    // Listed by ha-status earlier, while it could still be read.
    return from.isEmpty() ? ClusterStatusDialog::tr("seen before")
                          : from.join(QStringLiteral(", "));
}

// "127.0.0.1:8200": what the operator types to confirm sealing one node.
QString authority(const QString& address) {
    return QUrl(address).authority();
}

} // namespace

ClusterStatusDialog::ClusterStatusDialog(SealCeremony* ceremony, const QString& connectionName,
                                         QWidget* parent)
    : QDialog(parent)
    , m_ceremony(ceremony)
    , m_name(connectionName)
    , m_ha(new QLabel(tr("Reading the cluster…"), this))
    , m_haNote(new QLabel(this))
    , m_nodes(new QTableWidget(0, 5, this))
    , m_message(new QLabel(this))
    , m_unseal(new QPushButton(tr("Unseal cluster…"), this))
    , m_sealNode(new QPushButton(tr("Seal node…"), this))
    , m_sealCluster(new QPushButton(tr("Seal cluster…"), this))
    , m_poll(new QTimer(this)) {
    m_ceremony->setParent(this);
    setWindowTitle(tr("Cluster — %1").arg(connectionName));
    resize(760, 340);
    QFont bold = m_ha->font();
    bold.setBold(true);
    m_ha->setFont(bold);
    m_ha->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_haNote->setWordWrap(true);
    m_haNote->setVisible(false);
    m_message->setWordWrap(true);
    m_nodes->setHorizontalHeaderLabels(
        {tr("Node"), tr("Role"), tr("Seal"), tr("Version"), tr("Known from")});
    auto* header = m_nodes->horizontalHeader();
    header->setSectionResizeMode(NodeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(RoleColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SealColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(VersionColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SourceColumn, QHeaderView::ResizeToContents);
    m_nodes->verticalHeader()->setVisible(false);
    m_nodes->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_nodes->setSelectionMode(QAbstractItemView::SingleSelection);
    m_nodes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_nodes->setWordWrap(false);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_unseal, QDialogButtonBox::ActionRole);
    buttons->addButton(m_sealNode, QDialogButtonBox::ActionRole);
    buttons->addButton(m_sealCluster, QDialogButtonBox::ActionRole);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_ha);
    layout->addWidget(m_haNote);
    layout->addWidget(m_nodes, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_nodes, &QTableWidget::itemSelectionChanged, this,
            &ClusterStatusDialog::updateButtons);
    connect(m_unseal, &QPushButton::clicked, this, [this] {
        QStringList others;
        for (const auto& node : m_ceremony->report().nodes) {
            if (!node.connection) {
                others << node.address;
            }
        }
        Q_EMIT unsealRequested(others);
    });
    connect(m_sealNode, &QPushButton::clicked, this, [this] { sealSelectedNode(); });
    connect(m_sealCluster, &QPushButton::clicked, this, [this] { sealWholeCluster(); });
    connect(m_poll, &QTimer::timeout, this, [this] { refresh(); });
    m_poll->start(pollMs);
    updateButtons();
    refresh();
}

void ClusterStatusDialog::hideEvent(QHideEvent* event) {
    m_poll->stop();
    QDialog::hideEvent(event);
}

int ClusterStatusDialog::rowOf(const QString& address) const {
    const QString wanted = VaultClusterStatus::normalized(address);
    for (int row = 0; row < m_nodes->rowCount(); ++row) {
        const auto* item = m_nodes->item(row, NodeColumn);
        if (item && item->data(Qt::UserRole).toString() == wanted) {
            return row;
        }
    }
    return -1;
}

QString ClusterStatusDialog::selectedAddress() const {
    const auto rows = m_nodes->selectionModel()->selectedRows(NodeColumn);
    return rows.isEmpty() ? QString() : rows.first().data(Qt::UserRole).toString();
}

void ClusterStatusDialog::updateButtons() {
    const auto& nodes = m_ceremony->report().nodes;
    const QString selected = selectedAddress();
    const auto* node = m_ceremony->report().node(selected);
    const bool anyUnsealed = std::any_of(nodes.begin(), nodes.end(), [](const auto& entry) {
        return entry.seal && entry.seal->initialized && !entry.seal->sealed;
    });
    const bool anySealed = std::any_of(nodes.begin(), nodes.end(), [](const auto& entry) {
        return entry.seal && entry.seal->initialized && entry.seal->sealed;
    });
    m_sealNode->setEnabled(!m_busy && node && node->seal && !node->seal->sealed);
    m_sealCluster->setEnabled(!m_busy && anyUnsealed);
    m_unseal->setEnabled(!m_busy && anySealed);
}

QCoro::Task<> ClusterStatusDialog::refresh() {
    QPointer<ClusterStatusDialog> self(this);
    if (m_refreshing || m_busy || !isVisible()) {
        co_return;
    }
    m_refreshing = true;
    auto reading = m_ceremony->refresh();
    const auto seen = co_await std::move(reading);
    if (!self) {
        co_return;
    }
    m_refreshing = false;
    display(seen);
}

void ClusterStatusDialog::display(const VaultClusterReport& seen) {
    if (seen.leader) {
        const auto& leader = *seen.leader;
        m_ha->setText(leader.haEnabled
                          ? tr("HA enabled — leader %1")
                                .arg(leader.leaderAddress.isEmpty() ? tr("not elected")
                                                                    : leader.leaderAddress)
                          : tr("HA disabled: a single node"));
    } else {
        m_ha->setText(tr("HA mode unknown: %1").arg(seen.leaderError));
    }
    m_haNote->setText(seen.haError);
    m_haNote->setVisible(!seen.haError.isEmpty() && seen.haError != seen.leaderError);

    const QString selected = selectedAddress();
    m_nodes->setRowCount(int(seen.nodes.size()));
    for (int row = 0; row < int(seen.nodes.size()); ++row) {
        const auto& node = seen.nodes[row];
        const QString seal =
            node.seal ? SealStatusView::summary(*node.seal) : tr("Unreachable: %1").arg(node.error);
        const QString version = node.seal ? node.seal->version
                                : node.ha ? node.ha->version
                                          : QString();
        const QStringList cells{node.address, roleText(node), seal, version, sourceText(node)};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = m_nodes->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                m_nodes->setItem(row, column, item);
            }
            item->setText(cells[column]);
            item->setToolTip(column == SealColumn && node.ha && node.ha->lastEcho.isValid()
                                 ? tr("last heartbeat %1")
                                       .arg(node.ha->lastEcho.toLocalTime().toString(Qt::ISODate))
                                 : cells[column]);
        }
        m_nodes->item(row, NodeColumn)->setData(Qt::UserRole, node.address);
        m_nodes->item(row, SealColumn)
            ->setForeground(node.seal && !node.seal->sealed ? palette().text()
                                                            : QBrush(QColor(0xb0, 0x20, 0x20)));
        if (node.address == selected) {
            m_nodes->selectRow(row);
        }
        if (node.connection && node.seal) {
            Q_EMIT connectionSealSeen(node.seal->sealed);
        }
    }
    updateButtons();
}

QCoro::Task<bool> ClusterStatusDialog::confirm(QString title, QString consequence, QString expected,
                                               QString action) {
    QPointer<TypedConfirmationDialog> dialog =
        new TypedConfirmationDialog(title, consequence, expected, action, this);
    dialog->open();
    auto finished = qCoro(dialog.data(), &QDialog::finished);
    const int answer = co_await std::move(finished);
    if (dialog) {
        dialog->deleteLater();
    }
    co_return answer == QDialog::Accepted;
}

QCoro::Task<> ClusterStatusDialog::sealSelectedNode() {
    QPointer<ClusterStatusDialog> self(this);
    const QString address = selectedAddress();
    const auto* node = m_ceremony->report().node(address);
    if (address.isEmpty() || !node) {
        co_return;
    }
    const bool active = node->role() == VaultClusterNode::Role::Active;
    const QString consequence =
        active ? tr("%1 is the active node: sealing it stops it serving, and a standby takes "
                    "over. It stays sealed until enough key custodians unseal it.")
                     .arg(address)
               : tr("%1 stops serving until enough key custodians unseal it. A standby is sealed "
                    "on its own address: OpenBao does not pass sys/seal on to the active node.")
                     .arg(address);
    auto asking = confirm(tr("Seal node %1").arg(authority(address)), consequence,
                          authority(address), tr("Seal node"));
    const bool confirmed = co_await std::move(asking);
    if (!self || !confirmed) {
        co_return;
    }
    m_busy = true;
    updateButtons();
    m_message->setText(tr("Sealing %1…").arg(address));
    auto sealing = m_ceremony->sealNode(address);
    const auto outcome = co_await std::move(sealing);
    if (!self) {
        co_return;
    }
    m_busy = false;
    m_message->setText(outcome.error
                           ? tr("Could not seal %1: %2").arg(address, outcome.error->message())
                           : tr("%1 is sealed").arg(address));
    refresh();
}

QCoro::Task<> ClusterStatusDialog::sealWholeCluster() {
    QPointer<ClusterStatusDialog> self(this);
    const int count = int(m_ceremony->report().nodes.size());
    auto asking = confirm(
        tr("Seal the cluster of %1").arg(m_name),
        tr("Every node (%1) is sealed, standbys first and the active node last: the cluster "
           "serves no client until enough key custodians unseal each node again.")
            .arg(count),
        m_name, tr("Seal cluster"));
    const bool confirmed = co_await std::move(asking);
    if (!self || !confirmed) {
        co_return;
    }
    // Once sealed, sys/ha-status cannot be read: the unseal ceremony needs the addresses.
    for (const auto& node : m_ceremony->report().nodes) {
        if (!node.connection && !node.configured) {
            Q_EMIT nodeToRemember(node.address);
        }
    }
    m_busy = true;
    updateButtons();
    m_message->setText(tr("Sealing every node…"));
    auto sealing = m_ceremony->sealCluster();
    const auto outcomes = co_await std::move(sealing);
    if (!self) {
        co_return;
    }
    m_busy = false;
    QStringList failed;
    for (const auto& outcome : outcomes) {
        if (outcome.error) {
            failed << tr("%1: %2").arg(outcome.address, outcome.error->message());
        }
    }
    m_message->setText(
        failed.isEmpty()
            ? tr("Every node of the cluster is sealed")
            : tr("Not every node was sealed — %1").arg(failed.join(QStringLiteral("; "))));
    refresh();
}

} // namespace strongroom
