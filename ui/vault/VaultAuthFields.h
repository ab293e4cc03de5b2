#pragma once

#include "SecretBytes.h"
#include "VaultCredentials.h"

#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace strongroom {

struct VaultConnectionSpec;

// The sign-in part of the Vault forms (connect dialog and login prompt): the auth method and
// the fields that method needs (token; username + password; role_id + secret_id; role + JWT;
// OIDC role), plus the optional mount path. Secret fields are masked and emptied as soon as
// their text is taken into SecretBytes, and whenever the form hides.
class VaultAuthFields : public QWidget {
    Q_OBJECT
public:
    explicit VaultAuthFields(QWidget* parent = nullptr);

    VaultAuthMethod method() const;
    void setMethod(VaultAuthMethod method);
    // Prefills the non-secret parts saved with a connection.
    void setFromSpec(const VaultConnectionSpec& spec);
    // A token found in the environment: used unless the operator types another one.
    void setImportedToken(SecretBytes token, const QString& source);
    bool hasImportedToken() const { return !m_importedToken.isEmpty(); }

    // What is still missing for the chosen method; empty when the form can be sent.
    QString missing() const;
    // The credentials, with every secret moved out of its field (the fields are cleared).
    VaultCredentials takeCredentials();
    // Empties every secret field and forgets an imported token.
    void clearSecrets();
    void setBusy(bool busy);

    QComboBox* methodBox() const { return m_method; }
    QLineEdit* mountField() const { return m_mount; }
    QLineEdit* usernameField() const { return m_username; }
    QLineEdit* passwordField() const { return m_password; }
    QLineEdit* roleIdField() const { return m_roleId; }
    QLineEdit* secretIdField() const { return m_secretId; }
    QLineEdit* roleField() const { return m_role; }
    QLineEdit* jwtField() const { return m_jwt; }
    QLineEdit* tokenField() const { return m_token; }

Q_SIGNALS:
    void changed();

protected:
    void hideEvent(QHideEvent* event) override;

private:
    QLineEdit* addField(const QString& label, const QString& accessibleName, bool secret);
    void showFieldsForMethod();

    QFormLayout* m_form;
    QComboBox* m_method;
    QLineEdit* m_mount = nullptr;
    QLineEdit* m_username = nullptr;
    QLineEdit* m_password = nullptr;
    QLineEdit* m_roleId = nullptr;
    QLineEdit* m_secretId = nullptr;
    QLineEdit* m_role = nullptr;
    QLineEdit* m_jwt = nullptr;
    QLineEdit* m_token = nullptr;
    QLabel* m_oidcNote = nullptr;
    SecretBytes m_importedToken;
};

} // namespace strongroom
