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
class QTimer;

namespace strongroom {

class SealStatusView;
class VaultOperator;

// The unseal ceremony for one node, for several key custodians in turn: one masked field, each
// share submitted on its own and wiped (field and buffer) right after; the server's progress
// after every step; Reset; a changed attempt nonce (someone else reset or started over) is
// detected and explained; the server's own message for a wrong or malformed share; a migrate
// box while a seal migration runs. The status is polled while the dialog is open.
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
    bool isUnsealed() const { return m_last.initialized && !m_last.sealed; }

    static constexpr int pollMs = 2000;

Q_SIGNALS:
    // The node reported unsealed (after our share or someone else's).
    void unsealed();
    // An operator step for the audit log ("unseal-share", "unseal-reset"); never a share.
    void stepTaken(const QString& action, const QString& result, const QString& detail);

protected:
    void hideEvent(QHideEvent* event) override;

private:
    QCoro::Task<> refresh();
    QCoro::Task<> submit();
    QCoro::Task<> reset();
    void showStatus(const VaultSealStatus& status);
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
    VaultSealStatus m_last;
    bool m_busy = false;
};

} // namespace strongroom
