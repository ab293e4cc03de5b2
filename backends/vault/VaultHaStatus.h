#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace strongroom {

// sys/leader (unauthenticated): whether the server runs in HA mode and who leads. Nothing secret.
struct VaultLeader {
    bool haEnabled = false;
    bool isSelf = false; // this node is the active one
    QString leaderAddress;
    QString leaderClusterAddress;
    QDateTime activeTime; // invalid unless the answering node is the active one
    bool performanceStandby = false;
    qint64 raftCommittedIndex = -1; // -1: not on raft storage
    qint64 raftAppliedIndex = -1;
};

// One node as sys/ha-status lists it.
struct VaultHaNode {
    QString hostname;
    QString apiAddress;
    QString clusterAddress;
    bool activeNode = false;
    QDateTime lastEcho; // the last heartbeat the active node saw; invalid for the active node
    QString version;
    QString upgradeVersion;
};

// sys/ha-status (needs a token): the nodes of the HA cluster as the active node knows them.
struct VaultHaStatus {
    QList<VaultHaNode> nodes;
};

} // namespace strongroom
