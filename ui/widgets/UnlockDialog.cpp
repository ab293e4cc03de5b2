#include "UnlockDialog.h"

#include "ErrorLabel.h"
#include "SecretFieldText.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace strongroom {

UnlockDialog::UnlockDialog(const QString& storeName, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Unlock %1").arg(storeName));

    auto* intro =
        new QLabel(tr("<b>%1</b> is protected with a passphrase. Enter it to open the store.")
                       .arg(storeName.toHtmlEscaped()),
                   this);
    intro->setWordWrap(true);

    m_passphrase = new QLineEdit(this);
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setAccessibleName(tr("Passphrase"));
    auto* label = new QLabel(tr("&Passphrase:"), this);
    label->setBuddy(m_passphrase);
    auto* form = new QFormLayout;
    form->addRow(label, m_passphrase);

    m_error = new ErrorLabel(this);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_unlockButton = buttons->addButton(tr("&Unlock"), QDialogButtonBox::AcceptRole);
    m_unlockButton->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(420);

    connect(m_passphrase, &QLineEdit::textChanged, this, &UnlockDialog::updateState);
    connect(m_unlockButton, &QPushButton::clicked, this, &UnlockDialog::requestUnlock);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateState();
}

void UnlockDialog::setBusy(bool busy) {
    m_busy = busy;
    updateState();
}

void UnlockDialog::showError(const QString& message) {
    setBusy(false);
    m_error->showMessage(message);
    m_passphrase->setFocus();
}

void UnlockDialog::hideEvent(QHideEvent* event) {
    m_passphrase->clear();
    QDialog::hideEvent(event);
}

void UnlockDialog::requestUnlock() {
    if (m_busy || m_passphrase->text().isEmpty()) {
        return;
    }
    SecretBytes passphrase = takeSecretText(m_passphrase);
    m_error->clearMessage();
    setBusy(true);
    Q_EMIT unlockRequested(passphrase);
}

void UnlockDialog::updateState() {
    m_passphrase->setEnabled(!m_busy);
    m_unlockButton->setEnabled(!m_busy && !m_passphrase->text().isEmpty());
}

} // namespace strongroom
