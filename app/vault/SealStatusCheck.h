#pragma once

#include "Result.h"
#include "SecretBytes.h"
#include "VaultClusterStatus.h"
#include "VaultEndpoint.h"
#include "VaultHaStatus.h"
#include "VaultSealStatus.h"

#include <QCoroTask>
#include <QObject>
#include <QStringList>

#include <optional>

namespace strongroom {

class VaultOperator;
class VaultSession;

// One look at a node: its seal status and, once unsealed, its own sys/leader.
struct SealStatusReport {
    Result<VaultSealStatus> status = BackendError(BackendError::Kind::NotFound);
    std::optional<VaultLeader> leader;
    QString leaderUnknown; // why there is no leader: sealed, or the error
};

// Where the seal-status windows and `seal-status` read a node: its seal status and HA role
// (no token needed, so a saved connection whose node is sealed can ask too), and with a token the
// whole HA cluster node by node. Reading changes nothing, so nothing is audited.
class SealStatusCheck : public QObject {
    Q_OBJECT
public:
    explicit SealStatusCheck(VaultEndpoint node, QObject* parent = nullptr);
    ~SealStatusCheck() override;

    QString address() const;
    // sys/ha-status needs a token (surveyCluster); nothing else here does.
    void setToken(SecretBytes token);

    QCoro::Task<Result<VaultSealStatus>> sealStatus();
    QCoro::Task<SealStatusReport> read();
    // Every node of the cluster: those sys/ha-status lists (with a token) and `otherNodes`.
    QCoro::Task<VaultClusterReport> surveyCluster(QStringList otherNodes);

private:
    VaultSession* m_session;
    VaultOperator* m_operator;
};

} // namespace strongroom
