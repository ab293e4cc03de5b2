#include "VaultAuthFields.h"

#include "SecretFieldText.h"

#include "VaultAuth.h"
#include "VaultConnectionSpec.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace strongroom {

namespace {
constexpr VaultAuthMethod allMethods[] = {VaultAuthMethod::Token,   VaultAuthMethod::Userpass,
                                          VaultAuthMethod::AppRole, VaultAuthMethod::Ldap,
                                          VaultAuthMethod::Jwt,     VaultAuthMethod::Oidc};
} // namespace

VaultAuthFields::VaultAuthFields(QWidget* parent)
    : QWidget(parent)
    , m_form(new QFormLayout(this))
    , m_method(new QComboBox(this)) {
    m_form->setContentsMargins(0, 0, 0, 0);
    for (VaultAuthMethod method : allMethods) {
        m_method->addItem(vaultAuthMethodName(method), vaultAuthMethodId(method));
    }
    m_method->setAccessibleName(tr("Auth method"));
    m_form->addRow(tr("Auth &method:"), m_method);
    m_token = addField(tr("&Token:"), tr("Token"), true);
    m_username = addField(tr("&Username:"), tr("Username"), false);
    m_password = addField(tr("&Password:"), tr("Password"), true);
    m_roleId = addField(tr("Role &ID:"), tr("Role ID"), false);
    m_secretId = addField(tr("&Secret ID:"), tr("Secret ID"), true);
    m_role = addField(tr("&Role:"), tr("Role"), false);
    m_jwt = addField(tr("&JWT:"), tr("JWT"), true);
    m_oidcNote = new QLabel(
        tr("Signing in opens your browser; Strongroom waits for it to come back."), this);
    m_oidcNote->setWordWrap(true);
    m_form->addRow(QString(), m_oidcNote);
    m_mount = addField(tr("Mount p&ath:"), tr("Auth mount path"), false);

    connect(m_method, &QComboBox::currentIndexChanged, this, [this] {
        showFieldsForMethod();
        Q_EMIT changed();
    });
    showFieldsForMethod();
}

QLineEdit* VaultAuthFields::addField(const QString& label, const QString& accessibleName,
                                     bool secret) {
    auto* field = new QLineEdit(this);
    field->setAccessibleName(accessibleName);
    if (secret) {
        field->setEchoMode(QLineEdit::Password);
    }
    m_form->addRow(label, field);
    connect(field, &QLineEdit::textChanged, this, &VaultAuthFields::changed);
    return field;
}

VaultAuthMethod VaultAuthFields::method() const {
    return vaultAuthMethodFromId(m_method->currentData().toString())
        .value_or(VaultAuthMethod::Token);
}

void VaultAuthFields::setMethod(VaultAuthMethod method) {
    m_method->setCurrentIndex(m_method->findData(vaultAuthMethodId(method)));
}

void VaultAuthFields::setFromSpec(const VaultConnectionSpec& spec) {
    setMethod(spec.method);
    m_mount->setText(spec.authMount);
    m_username->setText(spec.username);
    m_roleId->setText(spec.roleId);
    m_role->setText(spec.role);
}

void VaultAuthFields::setImportedToken(SecretBytes token, const QString& source) {
    m_importedToken = std::move(token);
    m_token->clear();
    m_token->setPlaceholderText(m_importedToken.isEmpty() ? QString()
                                                          : tr("imported from %1").arg(source));
    if (!m_importedToken.isEmpty()) {
        setMethod(VaultAuthMethod::Token);
    }
    Q_EMIT changed();
}

void VaultAuthFields::showFieldsForMethod() {
    const VaultAuthMethod chosen = method();
    const bool userpass = chosen == VaultAuthMethod::Userpass || chosen == VaultAuthMethod::Ldap;
    const bool jwt = chosen == VaultAuthMethod::Jwt;
    const bool oidc = chosen == VaultAuthMethod::Oidc;
    m_form->setRowVisible(m_token, chosen == VaultAuthMethod::Token);
    m_form->setRowVisible(m_username, userpass);
    m_form->setRowVisible(m_password, userpass);
    m_form->setRowVisible(m_roleId, chosen == VaultAuthMethod::AppRole);
    m_form->setRowVisible(m_secretId, chosen == VaultAuthMethod::AppRole);
    m_form->setRowVisible(m_role, jwt || oidc);
    m_form->setRowVisible(m_jwt, jwt);
    m_form->setRowVisible(m_oidcNote, oidc);
    m_form->setRowVisible(m_mount, chosen != VaultAuthMethod::Token);
    m_role->setPlaceholderText(oidc ? tr("default role") : QString());
    m_mount->setPlaceholderText(
        chosen == VaultAuthMethod::Token
            ? QString()
            : tr("default: %1").arg(VaultAuth::authPath(chosen, QString()).chopped(1)));
}

QString VaultAuthFields::missing() const {
    switch (method()) {
    case VaultAuthMethod::Token:
        return m_token->text().isEmpty() && m_importedToken.isEmpty() ? tr("Enter the token.")
                                                                      : QString();
    case VaultAuthMethod::Userpass:
    case VaultAuthMethod::Ldap:
        if (m_username->text().trimmed().isEmpty()) {
            return tr("Enter the username.");
        }
        return m_password->text().isEmpty() ? tr("Enter the password.") : QString();
    case VaultAuthMethod::AppRole:
        if (m_roleId->text().trimmed().isEmpty()) {
            return tr("Enter the role ID.");
        }
        return m_secretId->text().isEmpty() ? tr("Enter the secret ID.") : QString();
    case VaultAuthMethod::Jwt:
        if (m_role->text().trimmed().isEmpty()) {
            return tr("Enter the role.");
        }
        return m_jwt->text().isEmpty() ? tr("Paste the JWT.") : QString();
    case VaultAuthMethod::Oidc:
        return {};
    }
    return {};
}

VaultCredentials VaultAuthFields::takeCredentials() {
    VaultCredentials credentials;
    credentials.method = method();
    if (credentials.method != VaultAuthMethod::Token) {
        credentials.mountPath = m_mount->text().trimmed();
    }
    switch (credentials.method) {
    case VaultAuthMethod::Token:
        credentials.secret =
            m_token->text().isEmpty() ? std::move(m_importedToken) : takeSecretText(m_token);
        break;
    case VaultAuthMethod::Userpass:
    case VaultAuthMethod::Ldap:
        credentials.username = m_username->text().trimmed();
        credentials.secret = takeSecretText(m_password);
        break;
    case VaultAuthMethod::AppRole:
        credentials.roleId = m_roleId->text().trimmed();
        credentials.secret = takeSecretText(m_secretId);
        break;
    case VaultAuthMethod::Jwt:
        credentials.role = m_role->text().trimmed();
        credentials.secret = takeSecretText(m_jwt);
        break;
    case VaultAuthMethod::Oidc:
        credentials.role = m_role->text().trimmed();
        break;
    }
    clearSecrets();
    return credentials;
}

void VaultAuthFields::clearSecrets() {
    for (QLineEdit* field : {m_token, m_password, m_secretId, m_jwt}) {
        field->clear();
    }
    m_importedToken.clear();
    m_token->setPlaceholderText(QString());
}

void VaultAuthFields::setBusy(bool busy) {
    for (QWidget* field : {static_cast<QWidget*>(m_method), static_cast<QWidget*>(m_mount),
                           static_cast<QWidget*>(m_username), static_cast<QWidget*>(m_password),
                           static_cast<QWidget*>(m_roleId), static_cast<QWidget*>(m_secretId),
                           static_cast<QWidget*>(m_role), static_cast<QWidget*>(m_jwt),
                           static_cast<QWidget*>(m_token)}) {
        field->setEnabled(!busy);
    }
}

void VaultAuthFields::hideEvent(QHideEvent* event) {
    clearSecrets();
    QWidget::hideEvent(event);
}

} // namespace strongroom
