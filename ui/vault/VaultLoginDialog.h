#pragma once

#include "VaultConnectionSpec.h"

#include <QCoroTask>
#include <QDialog>

class QLabel;
class QPushButton;

namespace strongroom {

class ErrorLabel;
class VaultAuthFields;
class VaultConnector;

// The re-login prompt shown when a Vault connection's token expired or was revoked: the saved
// method with its non-secret fields filled in, the secret to type again. Log in runs
// VaultConnector::relogin; a refusal is shown inline and the prompt stays.
class VaultLoginDialog : public QDialog {
    Q_OBJECT
public:
    VaultLoginDialog(VaultConnector* connector, const VaultConnectionSpec& spec,
                     const QString& reason, QWidget* parent = nullptr);

    QString connectionId() const { return m_spec.id; }
    void setReason(const QString& reason);

    VaultAuthFields* authFields() const { return m_auth; }
    QLabel* reasonLabel() const { return m_reason; }
    QPushButton* loginButton() const { return m_loginButton; }
    ErrorLabel* errorLabel() const { return m_error; }

private:
    void requestLogin();
    void setBusy(bool busy);
    QCoro::Task<> login(VaultCredentials credentials);

    VaultConnector* m_connector;
    VaultConnectionSpec m_spec;
    VaultAuthFields* m_auth;
    QLabel* m_reason;
    ErrorLabel* m_error;
    QPushButton* m_loginButton;
    bool m_busy = false;
};

} // namespace strongroom
