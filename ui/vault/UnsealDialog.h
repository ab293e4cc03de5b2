#pragma once

#include "VaultSealStatus.h"

#include <QCoroTask>
#include <QDialog>
#include <QPointer>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTimer;

namespace strongroom {

class SealStatusView;
class VaultOperator;

// The unseal ceremony for one node, for several key custodians in turn: one masked field, each
// share submitted on its own and wiped (field and buffer) right after; the server's progress
// after every step; Reset; a changed attempt nonce (someone else reset or started over) is
// detected and explained; the server's own message for a wrong or malformed share; a migrate
// box while a seal migration runs. The status is polled while the dialog is open.
//
// Cluster-aware: other nodes of the cluster can be added (addNode); each share is then applied to
// every node that is still sealed while it is in memory, with a row per node showing its state
// and progress. The first node is the one the progress bar and the nonce checks follow.
class UnsealDialog : public QDialog {
    Q_OBJECT
public:
    UnsealDialog(VaultOperator* vaultOperator, const QString& nodeName, QWidget* parent = nullptr);
    ~UnsealDialog() override;

    QLineEdit* shareField() const { return m_share; }
    QPushButton* submitButton() const { return m_submit; }
    QPushButton* resetButton() const { return m_reset; }
    QCheckBox* migrateBox() const { return m_migrate; }
    QProgressBar* progressBar() const { return m_progressBar; }
    QLabel* messageLabel() const { return m_message; }
    SealStatusView* statusView() const { return m_status; }
    bool isUnsealed() const;
    QTableWidget* nodesTable() const { return m_nodes; }
    QPushButton* addNodeButton() const { return m_addNode; }

    // Another node of the same cluster, unsealed with the same shares. The dialog owns it.
    void addNode(const QString& name, VaultOperator* vaultOperator);
    int nodeCount() const { return static_cast<int>(m_others.size()) + 1; }

    static constexpr int pollMs = 2000;

Q_SIGNALS:
    // The node reported unsealed (after our share or someone else's).
    void unsealed();
    // An operator step for the audit log ("unseal-share", "unseal-reset"); never a share.
    void stepTaken(const QString& action, const QString& result, const QString& detail);
    // The operator asked to add a node by address: the owner builds its session and calls
    // addNode() (it knows the connection's TLS settings).
    void nodeRequested(const QString& address);

protected:
    void hideEvent(QHideEvent* event) override;

private:
    QCoro::Task<> refresh();
    QCoro::Task<> submit();
    QCoro::Task<> reset();
    void showStatus(const VaultSealStatus& status);
    struct OtherNode {
        QString name;
        QPointer<VaultOperator> vaultOperator;
        VaultSealStatus last;
        bool known = false;
        QString error;
    };
    QCoro::Task<> refreshOthers();
    void showNodes();
    void askForNode();
    void setBusy(bool busy);

    QPointer<VaultOperator> m_operator;
    SealStatusView* m_status;
    QLineEdit* m_share;
    QPushButton* m_submit;
    QPushButton* m_reset;
    QCheckBox* m_migrate;
    QProgressBar* m_progressBar;
    QLabel* m_message;
    QTimer* m_poll;
    QTableWidget* m_nodes;
    QPushButton* m_addNode;
    std::vector<OtherNode> m_others;
    QString m_name;
    VaultSealStatus m_last;
    bool m_busy = false;
};

} // namespace strongroom
