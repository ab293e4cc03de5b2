#pragma once

#include "SecretBytes.h"

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace strongroom {

class ErrorLabel;

// Asks for the passphrase of a passphrase-protected local store at start-up. Like
// StoreSetupDialog it leaves the work to the caller: unlockRequested() carries the passphrase,
// the caller answers with accept() or showError() (a wrong passphrase is shown inline and the
// operator tries again in the same dialog).
class UnlockDialog : public QDialog {
    Q_OBJECT
public:
    explicit UnlockDialog(const QString& storeName, QWidget* parent = nullptr);

    void setBusy(bool busy);
    void showError(const QString& message);

    QLineEdit* passphraseField() const { return m_passphrase; }
    QPushButton* unlockButton() const { return m_unlockButton; }
    ErrorLabel* errorLabel() const { return m_error; }

Q_SIGNALS:
    void unlockRequested(const strongroom::SecretBytes& passphrase);

protected:
    void hideEvent(QHideEvent* event) override;

private:
    void requestUnlock();
    void updateState();

    QLineEdit* m_passphrase = nullptr;
    QPushButton* m_unlockButton = nullptr;
    ErrorLabel* m_error = nullptr;
    bool m_busy = false;
};

} // namespace strongroom
