#include "DeleteSecretDialog.h"

#include "WarningLabel.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace strongroom {

bool DeleteSecretDialog::offersChoice(const DeletionRules& rules, bool canPurge) {
    return rules.hasBin && (rules.windowChosenPerDelete || canPurge);
}

DeleteSecretDialog::DeleteSecretDialog(const QString& path, const QString& connectionName,
                                       const DeletionRules& rules, bool canPurge, QWidget* parent)
    : QDialog(parent)
    , m_rules(rules)
    , m_bin(new QRadioButton(this))
    , m_note(new QLabel(this)) {
    setWindowTitle(tr("Delete secret %1").arg(path));
    auto* heading = new QLabel(tr("<b>Delete %1</b> with every version from %2.")
                                   .arg(path.toHtmlEscaped(), connectionName.toHtmlEscaped()),
                               this);
    heading->setWordWrap(true);
    auto* binRow = new QHBoxLayout;
    binRow->addWidget(m_bin);
    if (rules.windowChosenPerDelete) {
        m_bin->setText(tr("&Move it to the bin, restorable for"));
        m_days = new QSpinBox(this);
        m_days->setRange(rules.minRecoveryDays, rules.maxRecoveryDays);
        m_days->setValue(rules.defaultRecoveryDays > 0 ? rules.defaultRecoveryDays
                                                       : rules.maxRecoveryDays);
        m_days->setSuffix(tr(" days"));
        m_days->setAccessibleName(tr("Recovery window"));
        m_days->setToolTip(tr("%1 to %2 days on this store")
                               .arg(rules.minRecoveryDays)
                               .arg(rules.maxRecoveryDays));
        binRow->addWidget(m_days);
    } else {
        m_bin->setText(rules.defaultRecoveryDays > 0
                           ? tr("&Move it to the bin, restorable for %n day(s)", nullptr,
                                rules.defaultRecoveryDays)
                           : tr("&Move it to the bin for the store's recovery window"));
    }
    binRow->addStretch(1);
    m_bin->setChecked(true);
    auto* explanation = new QLabel(tr("Until then it is listed under Deleted secrets and can be "
                                      "restored; nothing can read it meanwhile."),
                                   this);
    explanation->setWordWrap(true);
    m_note->setWordWrap(true);
    m_note->setText(rules.note);
    m_note->setVisible(!rules.note.isEmpty());

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_continue = buttons->addButton(tr("C&ontinue…"), QDialogButtonBox::AcceptRole);
    m_continue->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addLayout(binRow);
    layout->addWidget(explanation);
    layout->addWidget(m_note);
    if (canPurge) {
        m_force = new QRadioButton(tr("&Delete it now, without recovery"), this);
        m_warning = new WarningLabel(
            tr("The secret and every version are gone at once and for good: no bin, no "
               "restore. Applications reading it fail immediately."),
            this);
        layout->addSpacing(8);
        layout->addWidget(m_force);
        layout->addWidget(m_warning);
        connect(m_force, &QRadioButton::toggled, this, &DeleteSecretDialog::updateState);
    }
    layout->addWidget(buttons);
    setMinimumWidth(520);

    connect(m_continue, &QPushButton::clicked, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateState();
}

DeleteOptions DeleteSecretDialog::options() const {
    DeleteOptions options;
    options.force = m_force && m_force->isChecked();
    if (!options.force && m_days) {
        options.recoveryDays = m_days->value();
    }
    return options;
}

void DeleteSecretDialog::updateState() {
    const bool force = m_force && m_force->isChecked();
    if (m_days) {
        m_days->setEnabled(!force);
    }
    if (m_warning) {
        m_warning->setEnabled(force);
    }
    m_continue->setText(force ? tr("C&ontinue to delete for good…") : tr("C&ontinue…"));
}

} // namespace strongroom
