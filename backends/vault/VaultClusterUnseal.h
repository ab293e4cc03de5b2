#pragma once

#include "Result.h"
#include "SecretBytes.h"
#include "VaultSealStatus.h"

#include <QCoroTask>
#include <QList>
#include <QObject>
#include <QPointer>

#include <optional>

namespace strongroom {

class VaultOperator;

// One node's part in a cluster unseal: its last seal status, or why it could not be read or
// refused a share.
struct ClusterNodeState {
    QString node; // the session's address
    std::optional<VaultSealStatus> status;
    QString error;
    bool attemptRestarted = false; // someone else reset or restarted this node's attempt

    bool unsealed() const { return status && status->initialized && !status->sealed; }
};

// Unseals every sealed node of an HA cluster with one ceremony: each share, while it is in
// memory, goes to every node that is initialized and still sealed; the share is wiped after.
// Nodes that are unsealed or not initialized (a raft follower that has not joined yet) are left
// alone and reported as they are.
class VaultClusterUnseal : public QObject {
    Q_OBJECT
public:
    explicit VaultClusterUnseal(QList<VaultOperator*> nodes, QObject* parent = nullptr);

    // Reads every node's seal status.
    QCoro::Task<QList<ClusterNodeState>> refresh();
    // Applies `share` to each initialized, sealed node (as last seen).
    QCoro::Task<QList<ClusterNodeState>> applyShare(SecretBytes share);
    // Resets the unseal attempt on every sealed node.
    QCoro::Task<QList<ClusterNodeState>> reset();

    const QList<ClusterNodeState>& states() const { return m_states; }
    bool allUnsealed() const;

private:
    QList<ClusterNodeState> snapshot() const;

    QList<QPointer<VaultOperator>> m_nodes;
    QList<ClusterNodeState> m_states;
};

} // namespace strongroom
