#pragma once

#include "VaultClusterStatus.h" // the report's types

#include <QCoroTask>
#include <QDialog>
#include <QPointer>

class QLabel;
class QPushButton;
class QTableWidget;
class QTimer;

namespace strongroom {

class SealCeremony;

// The HA cluster behind a connection: HA mode and leader, then a row per node (from
// sys/ha-status when the token may read it, merged with the nodes remembered with the
// connection) with its role, its own seal state and version, or why it cannot be reached. Read
// again every two seconds while shown. Unseal cluster… hands every known node to the unseal
// ceremony; Seal node… and Seal cluster… ask for a typed confirmation first and report each
// node's outcome (a standby seals itself: OpenBao does not forward sys/seal).
class ClusterStatusDialog : public QDialog {
    Q_OBJECT
public:
    enum Column { NodeColumn, RoleColumn, SealColumn, VersionColumn, SourceColumn };

    // `ceremony` is owned by the dialog from now on.
    ClusterStatusDialog(SealCeremony* ceremony, const QString& connectionName,
                        QWidget* parent = nullptr);

    QTableWidget* nodesTable() const { return m_nodes; }
    QLabel* haLabel() const { return m_ha; }
    QLabel* messageLabel() const { return m_message; }
    QPushButton* unsealButton() const { return m_unseal; }
    QPushButton* sealNodeButton() const { return m_sealNode; }
    QPushButton* sealClusterButton() const { return m_sealCluster; }
    // The row of `address` in the table, or -1.
    int rowOf(const QString& address) const;

    static constexpr int pollMs = 2000;

Q_SIGNALS:
    // Unseal cluster…: the addresses of every node known besides the connection's own.
    void unsealRequested(const QStringList& otherNodes);
    // A node the cluster was sealed with that the connection does not remember yet: remember
    // it, so the unseal ceremony can find it while sys/ha-status cannot be read.
    void nodeToRemember(const QString& address);
    // The connection's own node was seen sealed or unsealed.
    void connectionSealSeen(bool sealed);

protected:
    void hideEvent(QHideEvent* event) override;

private:
    QCoro::Task<> refresh();
    QCoro::Task<> sealSelectedNode();
    QCoro::Task<> sealWholeCluster();
    QCoro::Task<bool> confirm(QString title, QString consequence, QString expected, QString action);
    void display(const VaultClusterReport& seen);
    void updateButtons();
    QString selectedAddress() const;

    SealCeremony* m_ceremony;
    QString m_name;
    QLabel* m_ha;
    QLabel* m_haNote;
    QTableWidget* m_nodes;
    QLabel* m_message;
    QPushButton* m_unseal;
    QPushButton* m_sealNode;
    QPushButton* m_sealCluster;
    QTimer* m_poll;
    bool m_refreshing = false;
    bool m_busy = false;
};

} // namespace strongroom
