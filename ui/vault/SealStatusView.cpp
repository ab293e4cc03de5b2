#include "SealStatusView.h"

#include <QFormLayout>
#include <QLabel>

namespace strongroom {

SealStatusView::SealStatusView(QWidget* parent)
    : QWidget(parent) {
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    m_state = row(form, tr("State"));
    m_thresholds = row(form, tr("Unseal shares"));
    m_progress = row(form, tr("Unseal progress"));
    m_nonce = row(form, tr("Attempt nonce"));
    m_version = row(form, tr("Version"));
    m_storage = row(form, tr("Storage"));
    m_cluster = row(form, tr("Cluster"));
    m_seal = row(form, tr("Seal type"));
    m_ha = row(form, tr("HA mode"));
    m_leader = row(form, tr("Leader"));
    // Until sys/leader answered (a sealed node does not): say so rather than leave a blank.
    m_ha->setText(tr("—"));
    m_leader->setText(tr("—"));
    QFont bold = m_state->font();
    bold.setBold(true);
    m_state->setFont(bold);
}

QLabel* SealStatusView::row(QFormLayout* form, const QString& name) {
    auto* value = new QLabel(this);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(name, value);
    return value;
}

QString SealStatusView::summary(const VaultSealStatus& status) {
    if (!status.initialized) {
        return tr("Not initialized");
    }
    if (!status.sealed) {
        return tr("Unsealed");
    }
    return tr("Sealed — %1 of %2 shares given").arg(status.progress).arg(status.threshold);
}

void SealStatusView::display(const VaultSealStatus& status) {
    m_state->setText(summary(status));
    m_thresholds->setText(status.initialized
                              ? tr("%1 of %2 needed").arg(status.threshold).arg(status.shares)
                              : tr("—"));
    m_progress->setText(status.sealed && status.initialized
                            ? tr("%1 / %2").arg(status.progress).arg(status.threshold)
                            : tr("—"));
    m_nonce->setText(status.nonce.isEmpty() ? tr("none running") : status.nonce);
    m_version->setText(status.buildDate.isEmpty()
                           ? status.version
                           : tr("%1 (built %2)").arg(status.version, status.buildDate));
    m_storage->setText(status.storageType.isEmpty() ? tr("—") : status.storageType);
    m_cluster->setText(status.clusterName.isEmpty()
                           ? tr("—")
                           : tr("%1 (%2)").arg(status.clusterName, status.clusterId));
    QString seal = status.type;
    if (status.migration) {
        seal += tr(" — seal migration in progress");
    }
    if (status.recoverySeal) {
        seal += tr(" — recovery keys");
    }
    m_seal->setText(seal);
}

void SealStatusView::showError(const QString& message) {
    m_state->setText(message);
}

QString SealStatusView::haSummary(const VaultLeader& leader) {
    if (!leader.haEnabled) {
        return tr("HA disabled");
    }
    if (leader.isSelf) {
        return tr("HA enabled — active");
    }
    return leader.performanceStandby ? tr("HA enabled — performance standby")
                                     : tr("HA enabled — standby");
}

void SealStatusView::displayLeader(const VaultLeader& leader) {
    m_ha->setText(haSummary(leader));
    if (!leader.haEnabled) {
        m_leader->setText(tr("—"));
        return;
    }
    QString text = leader.leaderAddress.isEmpty() ? tr("none elected") : leader.leaderAddress;
    if (leader.isSelf && leader.activeTime.isValid()) {
        text += tr(" (this node, active since %1)")
                    .arg(leader.activeTime.toLocalTime().toString(Qt::ISODate));
    }
    m_leader->setText(text);
}

void SealStatusView::showLeaderUnknown(const QString& why) {
    m_ha->setText(why);
    m_leader->setText(tr("—"));
}

} // namespace strongroom
