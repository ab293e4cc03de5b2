#pragma once

#include <QCoroTask>
#include <QDialog>
#include <QPointer>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTimer;

namespace strongroom {

class AppSettings;
class Clipboard;
class CredentialStore;
class GenerateRootCeremony;
class RootTokenPanel;

// The generate-root (break-glass root token) window over a GenerateRootCeremony. It says which
// endpoint family is used and why (and lets the operator choose the other), shows an attempt
// already running (nonce, progress) with the choice to cancel it, or starts one. Custodians then
// give their unseal shares one at a time, as in the unseal window: one masked field wiped (field
// and buffer) after each submit, progress after every step, the server's message for a wrong
// share, a changed nonce (someone cancelled or restarted the attempt) explained. Once complete
// the decoded token goes to a RootTokenPanel (masked, countdown, revoke or keep). Closing
// revokes a token nobody chose to keep, and cancels an unfinished attempt of ours (its one-time
// password dies with the ceremony, so nobody could read its token).
class GenerateRootDialog : public QDialog {
    Q_OBJECT
public:
    // The dialog owns `ceremony` from here on.
    GenerateRootDialog(GenerateRootCeremony* ceremony, const QString& nodeName,
                       AppSettings* settings, CredentialStore* credentials,
                       QWidget* parent = nullptr);
    ~GenerateRootDialog() override;

    void setClipboard(Clipboard* clipboard);
    // Where "Store in keychain" keeps a token (a timestamp is added when it is stored).
    void setKeychainPrefix(const QString& prefix) { m_keychainPrefix = prefix; }

    QComboBox* familyBox() const { return m_family; }
    QLabel* familyLabel() const { return m_familyReason; }
    QLabel* attemptLabel() const { return m_attempt; }
    QLabel* nonceLabel() const { return m_nonce; }
    QProgressBar* progressBar() const { return m_progressBar; }
    QLineEdit* shareField() const { return m_share; }
    QPushButton* submitButton() const { return m_submit; }
    QPushButton* startButton() const { return m_start; }
    QPushButton* cancelAttemptButton() const { return m_cancel; }
    QLabel* messageLabel() const { return m_message; }
    RootTokenPanel* tokenPanel() const { return m_tokenPanel; }
    GenerateRootCeremony* ceremony() const { return m_ceremony; }
    // An attempt started here is running (its nonce), empty otherwise.
    QString ourNonce() const;
    // The last status read has been shown (tests wait for it).
    bool hasStatus() const;

    void done(int result) override;

    static constexpr int pollMs = 2000;

protected:
    void hideEvent(QHideEvent* event) override;

private:
    QCoro::Task<> detect();
    QCoro::Task<> refresh();
    QCoro::Task<> start();
    QCoro::Task<> submit();
    QCoro::Task<> cancelAttempt();
    QCoro::Task<> closeAfterCleanup(int result);
    void chooseFamily(int index);
    void showStatus();
    void explainChange(const QString& ours, const QString& now);
    // The family in use (`reason`: why) against what detection found (`m_detectedReason`).
    void showFamily(bool authenticated, const QString& path, const QString& reason);
    void tokenReady();
    void setBusy(bool busy);
    void updateControls();

    GenerateRootCeremony* m_ceremony;
    QString m_name;
    QWidget* m_familyRow;
    QComboBox* m_family;
    QLabel* m_familyReason;
    QGroupBox* m_attemptBox;
    QLabel* m_attempt;
    QLabel* m_nonce;
    QProgressBar* m_progressBar;
    QLineEdit* m_share;
    QPushButton* m_submit;
    QPushButton* m_start;
    QPushButton* m_cancel;
    QLabel* m_message;
    RootTokenPanel* m_tokenPanel;
    QTimer* m_poll;
    QString m_detectedReason;
    QString m_keychainPrefix = QStringLiteral("vault-root-token");
    bool m_busy = false;
    bool m_closing = false;
};

} // namespace strongroom
