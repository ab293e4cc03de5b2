#pragma once

#include "OperationAudit.h"
#include "Result.h"
#include "SecretBytes.h"
#include "ShareSource.h"
#include "VaultEndpoint.h"
#include "VaultSealStatus.h"

#include <QCoroTask>
#include <QList>
#include <QObject>
#include <QPointer>

#include <optional>
#include <vector>

namespace strongroom {

class AuditLog;
class VaultOperator;

// One node's part in an unseal ceremony, as last seen.
struct UnsealNode {
    QString name;    // what the custodians see ("raft-node", "10.0.0.2:8200")
    QString address; // normalized; what the audit log names
    std::optional<VaultSealStatus> status;
    QString error; // why it could not be read, or refused the last share

    bool unsealed() const { return status && status->initialized && !status->sealed; }
    bool uninitialized() const { return status && !status->initialized; }
};

// A node that refused a share, in the server's words.
struct UnsealRefusal {
    QString node;
    BackendError error;
};

// The unseal ceremony of a node, or of every node of its HA cluster at once: each share, while it
// is in memory, goes to every node that is initialized and still sealed, and is wiped after. The
// first node is the one the progress follows. A changed attempt (someone else reset it or
// started over) is noticed and reported, as is the moment every node is unsealed. The unseal
// window and `strongroom-cli unseal` both drive this; every share applied and every reset is
// audited per node (progress only, never a share). No token is needed.
class UnsealCeremony : public QObject {
    Q_OBJECT
public:
    UnsealCeremony(VaultEndpoint node, QString name, AuditLog* log, QString connection,
                   QObject* parent = nullptr);
    ~UnsealCeremony() override;

    // Another node of the same cluster, reached with the first node's TLS settings. Empty when
    // it is part of the ceremony now (or was already), else why not.
    QString addNode(const QString& address);
    int nodeCount() const { return static_cast<int>(m_nodes.size()); }
    const UnsealNode& node(int index) const { return m_nodes[index]; }
    // Every node was read and is unsealed.
    bool isUnsealed() const;
    // A share or a reset is on its way.
    bool isBusy() const { return m_busy; }

    // Reads every node's seal status; the first node's error when it could not be read.
    QCoro::Task<Status> refresh();
    // Applies one share to every node that is not known to be unsealed or uninitialized.
    QCoro::Task<QList<UnsealRefusal>> submitShare(SecretBytes share, bool migrate = false);
    // Discards the shares given so far on every node still sealed.
    QCoro::Task<Status> reset();
    // Shares from `source` until every node is unsealed or the source has no more; the first
    // refusal stops it.
    QCoro::Task<Status> takeShares(ShareSource source, bool migrate = false);

Q_SIGNALS:
    // A node's state changed (a refresh, a share, a reset).
    void changed();
    // A share was applied to node `index` (its progress is in node(index).status).
    void shareApplied(int index);
    // Someone else reset or restarted node `index`'s attempt: shares given before no longer
    // count. `after` is empty when no attempt runs now.
    void attemptChanged(int index, const QString& before, const QString& after);
    // Every node is unsealed (once each time it becomes true).
    void unsealed();

private:
    void observe(int index, VaultSealStatus status);
    void settle();
    bool takesShares(int index) const;
    QCoro::Task<> record(QString action, QString result, QString detail);

    OperationAudit m_audit;
    QString m_connection;
    VaultEndpoint m_endpoint;
    QList<UnsealNode> m_nodes;
    std::vector<QPointer<VaultOperator>> m_operators;
    bool m_busy = false;
    bool m_announced = false;
    quint64 m_steps = 0; // shares and resets sent: a refresh older than one is stale
};

} // namespace strongroom
