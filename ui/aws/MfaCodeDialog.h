#pragma once

#include "Result.h"

#include <QCoroTask>
#include <QDialog>

#include <functional>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace strongroom {

class ErrorLabel;

// Asks for the 6-digit code of an MFA device (its serial shown) whenever AWS temporary
// credentials need one: connecting, reopening a saved connection, renewing expired credentials.
// With an attempt, Sign in runs it with the code while the form is busy; a refusal is shown inline
// and the dialog stays for another code. Without one, the dialog only collects the code.
class MfaCodeDialog : public QDialog {
    Q_OBJECT
public:
    using Attempt = std::function<QCoro::Task<Status>(QString code)>;

    MfaCodeDialog(const QString& connectionName, const QString& mfaSerial, const QString& reason,
                  QWidget* parent = nullptr);

    void setAttempt(Attempt attempt) { m_attempt = std::move(attempt); }
    void setReason(const QString& reason);
    // The code typed (six digits), for a dialog without an attempt.
    QString code() const;
    bool isBusy() const { return m_busy; }

    QLineEdit* codeField() const { return m_code; }
    QLabel* serialLabel() const { return m_serial; }
    QPushButton* signInButton() const { return m_signIn; }
    ErrorLabel* errorLabel() const { return m_error; }

    static bool isWellFormed(const QString& code);
    // The MFA device an AwsConnector error asks a code for ("MFA code needed for <serial> (to
    // assume <role>)"), or nothing when the error is about something else.
    static std::optional<QString> serialAskedFor(const BackendError& error);

protected:
    void hideEvent(QHideEvent* event) override;

private:
    void submit();
    void setBusy(bool busy);
    QCoro::Task<> run(QString code);

    Attempt m_attempt;
    QLabel* m_serial;
    QLabel* m_reason;
    QLineEdit* m_code;
    ErrorLabel* m_error;
    QPushButton* m_signIn;
    bool m_busy = false;
    quint64 m_run = 0;
};

} // namespace strongroom
