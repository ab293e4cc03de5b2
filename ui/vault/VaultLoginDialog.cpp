#include "VaultLoginDialog.h"

#include "ErrorLabel.h"
#include "VaultAuthFields.h"
#include "VaultConnector.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace strongroom {

VaultLoginDialog::VaultLoginDialog(VaultConnector* connector, const VaultConnectionSpec& spec,
                                   const QString& reason, QWidget* parent)
    : QDialog(parent)
    , m_connector(connector)
    , m_spec(spec)
    , m_auth(new VaultAuthFields(this))
    , m_reason(new QLabel(this))
    , m_error(new ErrorLabel(this))
    , m_loginButton(nullptr) {
    setWindowTitle(tr("Log in to %1").arg(spec.displayName));
    auto* intro =
        new QLabel(tr("<b>%1</b> (%2) needs a new login. What you were doing is "
                      "retried once you are signed in.")
                       .arg(spec.displayName.toHtmlEscaped(), spec.address.toHtmlEscaped()),
                   this);
    intro->setWordWrap(true);
    m_reason->setWordWrap(true);
    m_reason->setTextFormat(Qt::PlainText);
    setReason(reason);
    m_auth->setFromSpec(spec);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_loginButton = buttons->addButton(tr("&Log in"), QDialogButtonBox::AcceptRole);
    m_loginButton->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_reason);
    layout->addWidget(m_auth);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(440);

    connect(m_loginButton, &QPushButton::clicked, this, &VaultLoginDialog::requestLogin);
    connect(m_auth, &VaultAuthFields::changed, m_error, &ErrorLabel::clearMessage);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void VaultLoginDialog::setReason(const QString& reason) {
    m_reason->setText(reason);
    m_reason->setVisible(!reason.isEmpty());
}

void VaultLoginDialog::requestLogin() {
    if (m_busy) {
        return;
    }
    const QString missing = m_auth->missing();
    if (!missing.isEmpty()) {
        m_error->showMessage(missing);
        return;
    }
    m_error->clearMessage();
    login(m_auth->takeCredentials());
}

void VaultLoginDialog::setBusy(bool busy) {
    m_busy = busy;
    m_auth->setBusy(busy);
    m_loginButton->setEnabled(!busy);
    m_loginButton->setText(busy ? tr("Logging in…") : tr("&Log in"));
}

QCoro::Task<> VaultLoginDialog::login(VaultCredentials credentials) {
    QPointer<VaultLoginDialog> self(this);
    setBusy(true);
    auto task = m_connector->relogin(m_spec.id, std::move(credentials));
    auto result = co_await std::move(task);
    if (!self) {
        co_return;
    }
    setBusy(false);
    if (!result.ok()) {
        m_error->showMessage(result.error().message());
        co_return;
    }
    accept();
}

} // namespace strongroom
