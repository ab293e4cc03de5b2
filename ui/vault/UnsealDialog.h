#pragma once

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
class UnsealCeremony;

// The unseal window over an UnsealCeremony, for several key custodians in turn: one masked
// field, each share submitted on its own and wiped (field and buffer) right after; the server's
// progress after every step; Reset; a changed attempt (someone else reset or started over)
// explained; the server's own message for a wrong or malformed share; a migrate box while a seal
// migration runs. The status is polled while the window is open.
//
// Cluster-aware: with more than one node in the ceremony (or added here by address) a row per
// node shows its state and progress; each share goes to every node still sealed. The first node
// is the one the progress bar follows.
class UnsealDialog : public QDialog {
    Q_OBJECT
public:
    // The dialog owns `ceremony` from here on.
    explicit UnsealDialog(UnsealCeremony* ceremony, QWidget* parent = nullptr);
    ~UnsealDialog() override;

    UnsealCeremony* ceremony() const { return m_ceremony; }
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
    int nodeCount() const;

    static constexpr int pollMs = 2000;

Q_SIGNALS:
    // Every node reported unsealed (after our share or someone else's).
    void unsealed();
    // The operator added a node by address: remember it with the connection.
    void nodeAdded(const QString& address);

protected:
    void hideEvent(QHideEvent* event) override;

private:
    QCoro::Task<> refresh();
    QCoro::Task<> submit();
    QCoro::Task<> reset();
    void showNodes();
    void explainChange(int index, const QString& before, const QString& after);
    void askForNode();
    void addNode(const QString& address);
    void updateControls();

    UnsealCeremony* m_ceremony;
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
    bool m_busy = false;
};

} // namespace strongroom
