#pragma once

#include "SecretBytes.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace strongroom {

class AppSettings;
class Clipboard;
class ErrorLabel;
class RevealTimer;

// One secret handed to one custodian during the init ceremony (an unseal share, or the root
// token): masked until Reveal (re-masked after the reveal timeout), Copy through the clipboard
// that clears itself, and Save to file… (the custodian picks the file; written 0600, nothing but
// this secret). wipe() forgets the secret and clears the field.
class InitSecretStep : public QWidget {
    Q_OBJECT
public:
    InitSecretStep(AppSettings* settings, Clipboard* clipboard, QWidget* parent = nullptr);
    ~InitSecretStep() override;

    void present(const QString& title, SecretBytes secret);
    void wipe();

    QLabel* titleLabel() const { return m_title; }
    QLineEdit* secretField() const { return m_field; }
    QPushButton* revealButton() const { return m_reveal; }
    QPushButton* copyButton() const { return m_copy; }
    QPushButton* saveButton() const { return m_save; }
    ErrorLabel* messageLabel() const { return m_message; }

    // Writes `secret` and a newline to `path`, created or truncated with mode 0600. Empty on
    // success, else why not.
    static QString writeSecretFile(const QString& path, const SecretBytes& secret);

Q_SIGNALS:
    void savedToFile(const QString& path);

protected:
    void hideEvent(QHideEvent* event) override;

private:
    void askForFile();
    void saveTo(const QString& path);

    QLabel* m_title;
    QLineEdit* m_field;
    QPushButton* m_reveal;
    QPushButton* m_copy;
    QPushButton* m_save;
    ErrorLabel* m_message;
    RevealTimer* m_revealTimer;
    Clipboard* m_clipboard;
    SecretBytes m_secret;
};

} // namespace strongroom
