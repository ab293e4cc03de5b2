#pragma once

#include "Result.h"

#include <QCoroTask>
#include <QPointer>
#include <QWidget>

#include <chrono>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace strongroom {

class AppSettings;
class Clipboard;
class CredentialStore;
class NewRootToken;
class RevealTimer;

// The new root token of a generate-root ceremony (a NewRootToken, which holds it in wiped
// memory), for a short while: shown masked with explicit Reveal (re-masked after the reveal
// timeout) and Copy (the careful clipboard), a visible countdown, "Revoke now", and automatic
// revocation when the countdown ends — unless the operator ticks "Keep this token", which stops
// the countdown and offers to store it in the keychain. A root token nobody decided to keep must
// not outlive the ceremony (NewRootToken revokes it if the window goes without closing).
class RootTokenPanel : public QWidget {
    Q_OBJECT
public:
    RootTokenPanel(AppSettings* settings, CredentialStore* credentials, QWidget* parent = nullptr);
    ~RootTokenPanel() override;

    // The app's clipboard (status-bar countdown); without one the panel uses its own, which
    // clears when the panel goes.
    void setClipboard(Clipboard* clipboard);
    // How long the token lives before automatic revocation (default 10 minutes).
    void setLifetime(std::chrono::seconds lifetime) { m_lifetime = lifetime; }
    static constexpr std::chrono::seconds defaultLifetime{600};

    // Shows `token` (not owned: the ceremony's); `keychainName` is the entry "Store in keychain"
    // writes.
    void hold(NewRootToken* token, QString keychainName);
    bool holdsToken() const;
    bool isKept() const;
    bool isStored() const;
    bool isRevoked() const;
    // The token lives, is not kept and not revoked: closing must revoke it first.
    bool needsRevocation() const;
    int secondsLeft() const { return m_secondsLeft; }
    QString keychainName() const { return m_keychainName; }

    // auth/token/revoke-self with the token; `why` goes to the audit detail.
    QCoro::Task<Status> revoke(QString why);
    // Wipes the token from memory and the widgets.
    void release();

    QLineEdit* tokenField() const { return m_field; }
    QPushButton* revealButton() const { return m_reveal; }
    QPushButton* copyButton() const { return m_copy; }
    QLabel* countdownLabel() const { return m_countdown; }
    QPushButton* revokeButton() const { return m_revoke; }
    QCheckBox* keepBox() const { return m_keep; }
    QPushButton* storeButton() const { return m_store; }
    QLabel* messageLabel() const { return m_message; }

    static QString formatCountdown(int seconds);

private:
    void tick();
    void showCountdown();
    void showToken(bool revealed);
    void copy();
    void keepChanged(bool kept);
    QCoro::Task<> store();
    void updateButtons();

    QPointer<AppSettings> m_settings;
    QPointer<CredentialStore> m_credentials;
    QPointer<Clipboard> m_clipboard;
    RevealTimer* m_revealTimer;
    QLineEdit* m_field;
    QPushButton* m_reveal;
    QPushButton* m_copy;
    QLabel* m_countdown;
    QPushButton* m_revoke;
    QCheckBox* m_keep;
    QPushButton* m_store;
    QLabel* m_message;
    QTimer* m_ticker;
    QPointer<NewRootToken> m_token;
    QString m_keychainName;
    std::chrono::seconds m_lifetime = defaultLifetime;
    int m_secondsLeft = 0;
    bool m_busy = false;
};

} // namespace strongroom
