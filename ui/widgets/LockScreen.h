#pragma once

#include "SecretBytes.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace strongroom {

class ErrorLabel;

// The page the main window shows in place of the workspace while it is locked. It never holds
// a secret: the passphrase leaves the field as SecretBytes in unlockRequested() and the field is
// cleared at once.
class LockScreen : public QWidget {
    Q_OBJECT
public:
    explicit LockScreen(QWidget* parent = nullptr);

    // A passphrase store asks for the passphrase; a keychain store unlocks with one click.
    void setPassphraseRequired(bool required);
    bool isPassphraseRequired() const { return m_passphraseRequired; }
    // While the workspace re-opens: the button is disabled so a second unlock cannot start.
    void setBusy(bool busy);
    void showError(const QString& message);
    void clearError();

    QLineEdit* passphraseField() const { return m_passphrase; }
    QPushButton* unlockButton() const { return m_unlockButton; }
    ErrorLabel* errorLabel() const { return m_error; }

Q_SIGNALS:
    // Empty for keychain stores.
    void unlockRequested(const strongroom::SecretBytes& passphrase);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void requestUnlock();
    void updateUnlockEnabled();

    bool m_passphraseRequired = false;
    bool m_busy = false;
    QLabel* m_passphraseLabel = nullptr;
    QLineEdit* m_passphrase = nullptr;
    QPushButton* m_unlockButton = nullptr;
    ErrorLabel* m_error = nullptr;
};

} // namespace strongroom
