#include "SettingsDialog.h"

#include "AppSettings.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace strongroom {

namespace {

QSpinBox* spinBox(int minimum, int maximum, const QString& suffix, QWidget* parent) {
    auto* box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setSuffix(suffix);
    box->setAccelerated(true);
    return box;
}

QLabel* note(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    QFont small = label->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    label->setFont(small);
    return label;
}

} // namespace

SettingsDialog::SettingsDialog(AppSettings* settings, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings) {
    setWindowTitle(tr("Settings"));

    // Ranges: long enough to paste into a slow web form, short enough that a forgotten copy
    // or reveal does not linger for a whole meeting. 0 turns clipboard clearing / idle lock off.
    m_clipboard = spinBox(0, 600, tr(" s"), this);
    m_clipboard->setSpecialValueText(tr("Never (until replaced)"));
    m_reveal = spinBox(5, 600, tr(" s"), this);
    m_idleLock = spinBox(0, 480, tr(" min"), this);
    m_idleLock->setSpecialValueText(tr("Never"));

    auto* form = new QFormLayout;
    auto addRow = [&](const QString& label, QSpinBox* box, const QString& explanation) {
        auto* rowLabel = new QLabel(label, this);
        rowLabel->setBuddy(box);
        form->addRow(rowLabel, box);
        form->addRow(QString(), note(explanation, this));
    };
    addRow(tr("&Clear the clipboard after:"), m_clipboard,
           tr("A copied value is removed from the clipboard after this time, unless you copied "
              "something else since."));
    addRow(tr("&Hide revealed values after:"), m_reveal,
           tr("A value you reveal is masked again after this time."));
    addRow(tr("&Lock after inactivity:"), m_idleLock,
           tr("Locking clears every decrypted value and in-memory credential."));

    auto* buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(480);

    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            &SettingsDialog::restoreDefaults);

    if (m_settings) {
        m_clipboard->setValue(m_settings->clipboardClearSeconds());
        m_reveal->setValue(m_settings->revealSeconds());
        m_idleLock->setValue(m_settings->idleLockMinutes());
    } else {
        restoreDefaults();
    }
}

void SettingsDialog::accept() {
    if (m_settings) {
        m_settings->setClipboardClearSeconds(m_clipboard->value());
        m_settings->setRevealSeconds(m_reveal->value());
        m_settings->setIdleLockMinutes(m_idleLock->value());
        m_settings->sync();
    }
    QDialog::accept();
}

void SettingsDialog::restoreDefaults() {
    m_clipboard->setValue(AppSettings::DefaultClipboardClearSeconds);
    m_reveal->setValue(AppSettings::DefaultRevealSeconds);
    m_idleLock->setValue(AppSettings::DefaultIdleLockMinutes);
}

} // namespace strongroom
