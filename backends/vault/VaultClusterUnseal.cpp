#include "VaultClusterUnseal.h"

#include "VaultOperator.h"
#include "VaultSession.h"

namespace strongroom {

VaultClusterUnseal::VaultClusterUnseal(QList<VaultOperator*> nodes, QObject* parent)
    : QObject(parent) {
    for (auto* node : nodes) {
        m_nodes.append(node);
        ClusterNodeState state;
        state.node = node && node->session() ? node->session()->describe() : QString();
        m_states.append(state);
    }
}

QCoro::Task<QList<ClusterNodeState>> VaultClusterUnseal::refresh() {
    QPointer<VaultClusterUnseal> self(this);
    for (qsizetype i = 0; i < m_nodes.size(); ++i) {
        QPointer<VaultOperator> node = m_nodes[i];
        if (!node) {
            m_states[i].error = QStringLiteral("the connection was closed");
            continue;
        }
        auto reading = node->sealStatus();
        auto status = co_await std::move(reading);
        if (!self) {
            co_return {};
        }
        if (status) {
            m_states[i].status = std::move(status.value());
            m_states[i].error.clear();
        } else {
            m_states[i].error = status.error().message();
        }
    }
    co_return snapshot();
}

QCoro::Task<QList<ClusterNodeState>> VaultClusterUnseal::applyShare(SecretBytes share) {
    QPointer<VaultClusterUnseal> self(this);
    for (qsizetype i = 0; i < m_nodes.size(); ++i) {
        QPointer<VaultOperator> node = m_nodes[i];
        const auto& known = m_states[i].status;
        if (!node || !known || !known->initialized || !known->sealed) {
            continue;
        }
        auto applying = node->unseal(share);
        auto step = co_await std::move(applying);
        if (!self) {
            co_return {};
        }
        if (step) {
            m_states[i].attemptRestarted = step->attemptRestarted;
            m_states[i].status = std::move(step->status);
            m_states[i].error.clear();
        } else {
            m_states[i].error = step.error().message();
        }
    }
    share.clear();
    co_return snapshot();
}

QCoro::Task<QList<ClusterNodeState>> VaultClusterUnseal::reset() {
    QPointer<VaultClusterUnseal> self(this);
    for (qsizetype i = 0; i < m_nodes.size(); ++i) {
        QPointer<VaultOperator> node = m_nodes[i];
        const auto& known = m_states[i].status;
        if (!node || !known || !known->sealed) {
            continue;
        }
        auto resetting = node->resetUnseal();
        auto status = co_await std::move(resetting);
        if (!self) {
            co_return {};
        }
        if (status) {
            m_states[i].status = std::move(status.value());
        } else {
            m_states[i].error = status.error().message();
        }
    }
    co_return snapshot();
}

QList<ClusterNodeState> VaultClusterUnseal::snapshot() const {
    // A copy on purpose: QCoro 0.8's return_value(U&&) moves from an lvalue it is given.
    return m_states;
}

bool VaultClusterUnseal::allUnsealed() const {
    for (const auto& state : m_states) {
        if (!state.unsealed()) {
            return false;
        }
    }
    return !m_states.isEmpty();
}

} // namespace strongroom
