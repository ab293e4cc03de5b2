#include "MfaCodeDialog.h"

#include "AwsSignInChain.h"

#include "ErrorLabel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace strongroom {

namespace {
const QRegularExpression sixDigits(QStringLiteral("^[0-9]{6}$"));
}

MfaCodeDialog::MfaCodeDialog(const QString& connectionName, const QString& mfaSerial,
                             const QString& reason, QWidget* parent)
    : QDialog(parent)
    , m_serial(new QLabel(mfaSerial, this))
    , m_reason(new QLabel(this))
    , m_code(new QLineEdit(this))
    , m_error(new ErrorLabel(this))
    , m_signIn(nullptr) {
    setWindowTitle(tr("MFA code for %1").arg(connectionName));
    auto* intro = new QLabel(tr("<b>%1</b> signs in with a role that asks for a one-time code. "
                                "Enter the 6-digit code your MFA device shows now.")
                                 .arg(connectionName.toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    m_reason->setWordWrap(true);
    m_reason->setTextFormat(Qt::PlainText);
    setReason(reason);
    m_serial->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_serial->setWordWrap(true);
    m_code->setValidator(new QRegularExpressionValidator(sixDigits, m_code));
    m_code->setMaxLength(6);
    m_code->setPlaceholderText(QStringLiteral("123456"));
    m_code->setAccessibleName(tr("MFA code"));
    m_code->setInputMethodHints(Qt::ImhDigitsOnly);

    auto* form = new QFormLayout;
    form->addRow(tr("MFA device:"), m_serial);
    form->addRow(tr("&Code:"), m_code);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_signIn = buttons->addButton(tr("&Sign in"), QDialogButtonBox::AcceptRole);
    m_signIn->setDefault(true);
    m_signIn->setEnabled(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_reason);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(420);

    connect(m_code, &QLineEdit::textChanged, this, [this] {
        m_error->clearMessage();
        m_signIn->setEnabled(!m_busy && isWellFormed(m_code->text()));
    });
    connect(m_signIn, &QPushButton::clicked, this, &MfaCodeDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, [this] {
        ++m_run; // an attempt in flight is no longer awaited here
        reject();
    });
}

bool MfaCodeDialog::isWellFormed(const QString& code) {
    return sixDigits.match(code).hasMatch();
}

std::optional<QString> MfaCodeDialog::serialAskedFor(const BackendError& error) {
    return AwsSignInChain::mfaSerialAskedFor(error);
}

void MfaCodeDialog::setReason(const QString& reason) {
    m_reason->setText(reason);
    m_reason->setVisible(!reason.isEmpty());
}

QString MfaCodeDialog::code() const {
    return m_code->text();
}

void MfaCodeDialog::hideEvent(QHideEvent* event) {
    // A code is good for one sign-in only, but it still does not stay on screen.
    if (result() != QDialog::Accepted || m_attempt) {
        m_code->clear();
    }
    QDialog::hideEvent(event);
}

void MfaCodeDialog::submit() {
    if (m_busy || !isWellFormed(m_code->text())) {
        return;
    }
    if (!m_attempt) {
        accept();
        return;
    }
    QString code = m_code->text();
    m_code->clear();
    run(std::move(code));
}

void MfaCodeDialog::setBusy(bool busy) {
    m_busy = busy;
    m_code->setEnabled(!busy);
    m_signIn->setEnabled(!busy && isWellFormed(m_code->text()));
    m_signIn->setText(busy ? tr("Signing in…") : tr("&Sign in"));
}

QCoro::Task<> MfaCodeDialog::run(QString code) {
    QPointer<MfaCodeDialog> self(this);
    const quint64 run = ++m_run;
    setBusy(true);
    auto attempt = m_attempt(std::move(code));
    const Status status = co_await std::move(attempt);
    if (!self || m_run != run) {
        co_return;
    }
    setBusy(false);
    if (!status.ok()) {
        m_error->showMessage(status.error().message());
        m_code->setFocus();
        co_return;
    }
    accept();
}

} // namespace strongroom
