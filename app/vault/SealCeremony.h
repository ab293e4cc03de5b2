#pragma once

#include "OperationAudit.h"
#include "Result.h"
#include "VaultClusterStatus.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace strongroom {

class AuditLog;
class VaultSession;

// Sealing a node, one node of its HA cluster, or the whole cluster (standbys first, the active
// node last) with the connection's token on each node's own address. The confirmation is the
// front end's (a typed name in the window, the typed address or --yes in the CLI); each node
// sealed, or that refused, is audited. Also the cluster as last read, for the views that show
// what is sealed.
class SealCeremony : public QObject {
    Q_OBJECT
public:
    // `connection` carries the token; it is not owned and must outlive this object's use.
    SealCeremony(VaultSession* connection, QStringList rememberedNodes, AuditLog* log,
                 QString auditConnection, QObject* parent = nullptr);
    ~SealCeremony() override;

    // The connection's own node, normalized.
    QString address() const;

    // The connection's own node.
    QCoro::Task<Status> seal();
    QCoro::Task<VaultNodeSealOutcome> sealNode(QString address);
    // Every node of the last refresh() that is not sealed yet.
    QCoro::Task<QList<VaultNodeSealOutcome>> sealCluster();

    QCoro::Task<VaultClusterReport> refresh();
    const VaultClusterReport& report() const { return m_cluster->report(); }

Q_SIGNALS:
    // At least one node was sealed: whatever shows the connection should look again.
    void nodesSealed();

private:
    QCoro::Task<> record(const VaultNodeSealOutcome& outcome, QString how);

    OperationAudit m_audit;
    QString m_auditConnection;
    VaultClusterStatus* m_cluster;
};

} // namespace strongroom
