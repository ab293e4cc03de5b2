#include "StoreSetupDialog.h"

#include "ErrorLabel.h"
#include "PassphraseStrength.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace strongroom {

namespace {

QLabel* noteLabel(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    // Indent notes under their radio button so it is clear which choice they explain.
    label->setContentsMargins(24, 0, 0, 6);
    return label;
}

} // namespace

StoreSetupDialog::StoreSetupDialog(QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Set up the local store"));

    auto* intro = new QLabel(
        tr("<b>Strongroom keeps a local encrypted store on this computer.</b><br>Secrets you keep "
           "there need no server, and everything in it is encrypted on disk. Choose how the "
           "store's key is protected:"),
        this);
    intro->setWordWrap(true);

    m_keychainChoice = new QRadioButton(tr("Protect with the OS &keychain (recommended)"), this);
    m_keychainNote = noteLabel(QString(), this); // text follows keychain availability
    m_passphraseChoice = new QRadioButton(tr("Protect with a &passphrase"), this);
    auto* passphraseNote =
        noteLabel(tr("You type the passphrase whenever Strongroom starts or unlocks. If you "
                     "forget it, nobody can recover the store."),
                  this);
    auto* choices = new QButtonGroup(this);
    choices->addButton(m_keychainChoice);
    choices->addButton(m_passphraseChoice);
    m_keychainChoice->setChecked(true);

    m_passphrase = new QLineEdit(this);
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setAccessibleName(tr("Passphrase"));
    m_confirmation = new QLineEdit(this);
    m_confirmation->setEchoMode(QLineEdit::Password);
    m_confirmation->setAccessibleName(tr("Confirm passphrase"));
    m_strength = new QLabel(this);
    m_strength->setWordWrap(true);

    auto* form = new QFormLayout;
    form->setContentsMargins(24, 0, 0, 0);
    auto* passphraseLabel = new QLabel(tr("P&assphrase:"), this);
    passphraseLabel->setBuddy(m_passphrase);
    auto* confirmationLabel = new QLabel(tr("Con&firm:"), this);
    confirmationLabel->setBuddy(m_confirmation);
    form->addRow(passphraseLabel, m_passphrase);
    form->addRow(confirmationLabel, m_confirmation);
    form->addRow(QString(), m_strength);

    m_error = new ErrorLabel(this);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_createButton = buttons->addButton(tr("&Create store"), QDialogButtonBox::AcceptRole);
    m_createButton->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(8);
    layout->addWidget(m_keychainChoice);
    layout->addWidget(m_keychainNote);
    layout->addWidget(m_passphraseChoice);
    layout->addWidget(passphraseNote);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(520);

    connect(m_keychainChoice, &QRadioButton::toggled, this, &StoreSetupDialog::updateState);
    connect(m_passphrase, &QLineEdit::textChanged, this, &StoreSetupDialog::updateState);
    connect(m_confirmation, &QLineEdit::textChanged, this, &StoreSetupDialog::updateState);
    connect(m_createButton, &QPushButton::clicked, this, &StoreSetupDialog::requestCreate);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    updateState();
}

void StoreSetupDialog::setKeychainAvailable(bool available, const QString& reason) {
    m_keychainAvailable = available;
    m_keychainReason = reason;
    if (!available) {
        m_passphraseChoice->setChecked(true);
    }
    updateState();
}

LocalKeyProtection StoreSetupDialog::protection() const {
    return m_keychainChoice->isChecked() ? LocalKeyProtection::Keychain
                                         : LocalKeyProtection::Passphrase;
}

bool StoreSetupDialog::canCreate() const {
    if (m_busy) {
        return false;
    }
    if (protection() == LocalKeyProtection::Keychain) {
        return m_keychainAvailable;
    }
    return m_passphrase->text().size() >= PassphraseStrength::MinimumLength &&
           m_passphrase->text() == m_confirmation->text();
}

void StoreSetupDialog::setBusy(bool busy) {
    m_busy = busy;
    updateState();
}

void StoreSetupDialog::showError(const QString& message) {
    setBusy(false);
    m_error->showMessage(message);
}

void StoreSetupDialog::hideEvent(QHideEvent* event) {
    clearPassphrases();
    QDialog::hideEvent(event);
}

void StoreSetupDialog::updateState() {
    m_keychainChoice->setEnabled(m_keychainAvailable && !m_busy);
    m_passphraseChoice->setEnabled(!m_busy);
    if (m_keychainAvailable) {
        m_keychainNote->setText(tr("The key is kept in your desktop's keychain. The store opens "
                                   "without a passphrase while you are logged in."));
    } else {
        m_keychainNote->setText(
            m_keychainReason.isEmpty()
                ? tr("No OS keychain is available here, so a passphrase is needed.")
                : tr("Not available: %1").arg(m_keychainReason));
    }

    const bool usePassphrase = protection() == LocalKeyProtection::Passphrase;
    m_passphrase->setEnabled(usePassphrase && !m_busy);
    m_confirmation->setEnabled(usePassphrase && !m_busy);

    const QString passphrase = m_passphrase->text();
    if (!usePassphrase || passphrase.isEmpty()) {
        m_strength->clear();
    } else {
        m_strength->setText(PassphraseStrength::describe(PassphraseStrength::assess(passphrase)));
    }
    const QString confirmation = m_confirmation->text();
    if (usePassphrase && !confirmation.isEmpty() && confirmation != passphrase &&
        !passphrase.startsWith(confirmation)) {
        m_error->showMessage(tr("The two passphrases do not match."));
    } else {
        m_error->clearMessage();
    }
    m_createButton->setEnabled(canCreate());
}

void StoreSetupDialog::requestCreate() {
    if (!canCreate()) {
        return;
    }
    const LocalKeyProtection chosen = protection();
    SecretBytes passphrase;
    if (chosen == LocalKeyProtection::Passphrase) {
        QString typed = m_passphrase->text();
        passphrase = SecretBytes::takeFrom(typed);
    }
    // The fields are cleared at once; on failure the operator types the passphrase again.
    clearPassphrases();
    setBusy(true);
    Q_EMIT createRequested(chosen, passphrase);
}

void StoreSetupDialog::clearPassphrases() {
    m_passphrase->clear();
    m_confirmation->clear();
}

} // namespace strongroom
