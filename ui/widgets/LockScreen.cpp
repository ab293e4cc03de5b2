#include "LockScreen.h"

#include "ErrorLabel.h"
#include "SecretFieldText.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace strongroom {

LockScreen::LockScreen(QWidget* parent)
    : QWidget(parent) {
    auto* title = new QLabel(tr("Strongroom is locked"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignHCenter);

    auto* explanation =
        new QLabel(tr("Decrypted values and in-memory credentials were cleared. Unlock to "
                      "continue where you left off."),
                   this);
    explanation->setWordWrap(true);
    explanation->setAlignment(Qt::AlignHCenter);

    m_passphrase = new QLineEdit(this);
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setAccessibleName(tr("Passphrase"));
    m_passphraseLabel = new QLabel(tr("&Passphrase:"), this);
    m_passphraseLabel->setBuddy(m_passphrase);

    m_unlockButton = new QPushButton(tr("&Unlock"), this);
    m_unlockButton->setDefault(true);

    m_error = new ErrorLabel(this);

    auto* form = new QFormLayout;
    form->addRow(m_passphraseLabel, m_passphrase);

    auto* box = new QWidget(this);
    box->setMaximumWidth(420);
    auto* boxLayout = new QVBoxLayout(box);
    boxLayout->addWidget(title);
    boxLayout->addWidget(explanation);
    boxLayout->addSpacing(12);
    boxLayout->addLayout(form);
    boxLayout->addWidget(m_error);
    boxLayout->addWidget(m_unlockButton, 0, Qt::AlignHCenter);

    auto* layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(box, 0, Qt::AlignHCenter);
    layout->addStretch(2);

    connect(m_unlockButton, &QPushButton::clicked, this, &LockScreen::requestUnlock);
    connect(m_passphrase, &QLineEdit::returnPressed, this, &LockScreen::requestUnlock);
    connect(m_passphrase, &QLineEdit::textChanged, this, &LockScreen::updateUnlockEnabled);

    setPassphraseRequired(false);
}

void LockScreen::setPassphraseRequired(bool required) {
    m_passphraseRequired = required;
    m_passphraseLabel->setVisible(required);
    m_passphrase->setVisible(required);
    m_passphrase->clear();
    updateUnlockEnabled();
}

void LockScreen::setBusy(bool busy) {
    m_busy = busy;
    m_passphrase->setEnabled(!busy);
    updateUnlockEnabled();
}

void LockScreen::showError(const QString& message) {
    m_error->showMessage(message);
    if (m_passphraseRequired) {
        m_passphrase->setFocus();
    }
}

void LockScreen::clearError() {
    m_error->clearMessage();
}

void LockScreen::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_passphraseRequired) {
        m_passphrase->setFocus();
    } else {
        m_unlockButton->setFocus();
    }
}

void LockScreen::hideEvent(QHideEvent* event) {
    m_passphrase->clear();
    QWidget::hideEvent(event);
}

void LockScreen::requestUnlock() {
    if (!m_unlockButton->isEnabled()) {
        return;
    }
    SecretBytes passphrase;
    if (m_passphraseRequired) {
        passphrase = takeSecretText(m_passphrase);
    }
    clearError();
    Q_EMIT unlockRequested(passphrase);
}

void LockScreen::updateUnlockEnabled() {
    const bool haveInput = !m_passphraseRequired || !m_passphrase->text().isEmpty();
    m_unlockButton->setEnabled(!m_busy && haveInput);
}

} // namespace strongroom
