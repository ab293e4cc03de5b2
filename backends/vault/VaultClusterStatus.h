#pragma once

#include "Result.h"
#include "VaultHaStatus.h"
#include "VaultSealStatus.h"

#include <QCoroTask>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <optional>

namespace strongroom {

class VaultOperator;
class VaultSession;

// One node of an HA cluster as the operator sees it: where it is known from, its own seal
// status and, when unsealed, its own sys/leader (active or standby).
struct VaultClusterNode {
    enum class Role { Unknown, Active, Standby, Single };

    QString address;         // the API address, normalized ("https://host:8200")
    bool connection = false; // the connection's own node
    bool configured = false; // remembered with the connection
    bool listed = false;     // named by sys/ha-status
    std::optional<VaultSealStatus> seal;
    std::optional<VaultLeader> leader;
    std::optional<VaultHaNode> ha;
    QString error; // why the node could not be read

    Role role() const;
    bool sealed() const { return seal && seal->sealed; }
};

// The cluster as one refresh saw it.
struct VaultClusterReport {
    std::optional<VaultLeader> leader; // as the connection's node answers sys/leader
    QString leaderError;
    bool haListed = false; // sys/ha-status was read this time
    QString haError;       // why it was not
    QList<VaultClusterNode> nodes;

    const VaultClusterNode* node(const QString& address) const;
};

// What sealing one node gave.
struct VaultNodeSealOutcome {
    QString address;
    bool sealed = false;
    bool skipped = false; // it was already sealed
    std::optional<BackendError> error;
};

// The nodes of the connection's cluster: those sys/ha-status lists (when the token may read it)
// merged with the addresses remembered with the connection, each asked for its own seal status
// and leader. Nodes once seen stay in the list, so a sealed cluster (whose ha-status cannot be
// read) still shows every node. Sealing uses the connection's token on each node's own address:
// OpenBao seals the node that answers, a standby included (it does not forward sys/seal).
class VaultClusterStatus : public QObject {
    Q_OBJECT
public:
    VaultClusterStatus(VaultSession* connection, const QStringList& configured,
                       QObject* parent = nullptr);
    ~VaultClusterStatus() override;

    QCoro::Task<VaultClusterReport> refresh();
    const VaultClusterReport& report() const { return m_report; }
    // Every address known so far, the connection's own first.
    QStringList addresses() const { return m_order; }

    // sys/seal on one node with the connection's token.
    QCoro::Task<VaultNodeSealOutcome> sealNode(QString address);
    // Every node not already sealed: standbys first, the active node last (no fail-over churn).
    QCoro::Task<QList<VaultNodeSealOutcome>> sealCluster();

    // "HTTPS://Host:8200/" -> "https://host:8200"; empty when it is not an http(s) address.
    static QString normalized(const QString& address);

private:
    void remember(const QString& address);
    VaultSession* sessionFor(const QString& address);

    QPointer<VaultSession> m_connection;
    QString m_connectionAddress;
    QStringList m_configured;
    QStringList m_order;
    QHash<QString, VaultSession*> m_sessions; // other nodes, owned here
    VaultClusterReport m_report;
    bool m_haRefused = false; // the token may not read sys/ha-status: do not ask every poll
};

} // namespace strongroom
