#include "AwsDeleteSecretDialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

namespace strongroom {

AwsDeleteSecretDialog::AwsDeleteSecretDialog(const QString& secretName, QWidget* parent)
    : QDialog(parent)
    , m_schedule(new QRadioButton(tr("&Schedule the deletion, recoverable for"), this))
    , m_days(new QSpinBox(this))
    , m_force(new QRadioButton(tr("&Force delete now, without recovery"), this))
    , m_warning(new QLabel(this))
    , m_continue(nullptr) {
    setWindowTitle(tr("Delete secret %1").arg(secretName));
    auto* heading = new QLabel(
        tr("<b>Delete %1</b> with every version.").arg(secretName.toHtmlEscaped()), this);
    heading->setWordWrap(true);
    m_days->setRange(7, 30);
    m_days->setValue(30);
    m_days->setSuffix(tr(" days"));
    m_days->setAccessibleName(tr("Recovery window"));
    m_schedule->setChecked(true);
    auto* explanation =
        new QLabel(tr("Until the deletion date the secret is listed under Scheduled for deletion "
                      "and can be restored; nothing can read it meanwhile."),
                   this);
    explanation->setWordWrap(true);
    m_warning->setText(tr("⚠ The secret and every version are gone at once and for good: no "
                          "restore, no recovery window. Applications reading it fail "
                          "immediately."));
    m_warning->setWordWrap(true);
    QFont loud = m_warning->font();
    loud.setBold(true);
    m_warning->setFont(loud);
    QPalette palette = m_warning->palette();
    palette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_warning->setPalette(palette);

    auto* scheduleRow = new QHBoxLayout;
    scheduleRow->addWidget(m_schedule);
    scheduleRow->addWidget(m_days);
    scheduleRow->addStretch(1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_continue = buttons->addButton(tr("C&ontinue…"), QDialogButtonBox::AcceptRole);
    m_continue->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addLayout(scheduleRow);
    layout->addWidget(explanation);
    layout->addSpacing(8);
    layout->addWidget(m_force);
    layout->addWidget(m_warning);
    layout->addWidget(buttons);
    setMinimumWidth(520);

    connect(m_force, &QRadioButton::toggled, this, &AwsDeleteSecretDialog::updateState);
    connect(m_continue, &QPushButton::clicked, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateState();
}

bool AwsDeleteSecretDialog::forceDelete() const {
    return m_force->isChecked();
}

int AwsDeleteSecretDialog::recoveryDays() const {
    return m_days->value();
}

void AwsDeleteSecretDialog::updateState() {
    m_days->setEnabled(!m_force->isChecked());
    m_warning->setEnabled(m_force->isChecked());
    m_continue->setText(m_force->isChecked() ? tr("C&ontinue to force delete…") : tr("C&ontinue…"));
}

} // namespace strongroom
