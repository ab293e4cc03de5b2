#pragma once

#include "LocalUnlock.h"
#include "SecretBytes.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace strongroom {

class ErrorLabel;

// First run: explains the local encrypted store and lets the operator choose how its key is
// protected - by the OS keychain (the default) or by a passphrase. It does not create the store
// itself: createRequested() hands the choice to the caller, which calls setBusy(), then accept()
// on success or showError() on failure, so the dialog works with open() and no nested loop.
class StoreSetupDialog : public QDialog {
    Q_OBJECT
public:
    explicit StoreSetupDialog(QWidget* parent = nullptr);

    // Without a keychain the keychain choice is disabled and `reason` says why.
    void setKeychainAvailable(bool available, const QString& reason = {});
    LocalKeyProtection protection() const;
    // Whether Create may be pressed with the current input.
    bool canCreate() const;

    void setBusy(bool busy);
    void showError(const QString& message);

    QRadioButton* keychainChoice() const { return m_keychainChoice; }
    QRadioButton* passphraseChoice() const { return m_passphraseChoice; }
    QLineEdit* passphraseField() const { return m_passphrase; }
    QLineEdit* confirmationField() const { return m_confirmation; }
    QLabel* strengthLabel() const { return m_strength; }
    ErrorLabel* errorLabel() const { return m_error; }
    QPushButton* createButton() const { return m_createButton; }

Q_SIGNALS:
    // `passphrase` is empty for keychain protection.
    void createRequested(strongroom::LocalKeyProtection protection,
                         const strongroom::SecretBytes& passphrase);

protected:
    void hideEvent(QHideEvent* event) override;

private:
    void updateState();
    void requestCreate();
    void clearPassphrases();

    QRadioButton* m_keychainChoice = nullptr;
    QLabel* m_keychainNote = nullptr;
    QRadioButton* m_passphraseChoice = nullptr;
    QLineEdit* m_passphrase = nullptr;
    QLineEdit* m_confirmation = nullptr;
    QLabel* m_strength = nullptr;
    ErrorLabel* m_error = nullptr;
    QPushButton* m_createButton = nullptr;
    QString m_keychainReason;
    bool m_keychainAvailable = true;
    bool m_busy = false;
};

} // namespace strongroom
