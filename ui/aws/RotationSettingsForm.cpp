#include "RotationSettingsForm.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>

namespace strongroom {

RotationSettingsForm::RotationSettingsForm(QWidget* parent)
    : QGroupBox(tr("Configure rotation"), parent)
    , m_lambda(new QLineEdit(this))
    , m_byDays(new QRadioButton(tr("Every"), this))
    , m_days(new QSpinBox(this))
    , m_bySchedule(new QRadioButton(tr("Schedule:"), this))
    , m_schedule(new QLineEdit(this))
    , m_save(new QPushButton(tr("Save &settings"), this))
    , m_disable(new QPushButton(tr("&Disable rotation…"), this)) {
    m_lambda->setPlaceholderText(
        tr("arn:aws:lambda:region:account:function:name (empty: keep the current one)"));
    m_lambda->setAccessibleName(tr("Rotation Lambda ARN"));
    m_days->setRange(1, 1000);
    m_days->setValue(30);
    m_days->setSuffix(tr(" days"));
    m_days->setAccessibleName(tr("Rotate every N days"));
    m_schedule->setPlaceholderText(QStringLiteral("rate(10 days) / cron(0 16 1,15 * ? *)"));
    m_schedule->setAccessibleName(tr("Schedule expression"));
    m_byDays->setChecked(true);
    m_save->setToolTip(tr("Set the Lambda and the schedule without rotating now"));

    auto* days = new QHBoxLayout;
    days->addWidget(m_byDays);
    days->addWidget(m_days);
    days->addStretch(1);
    auto* schedule = new QHBoxLayout;
    schedule->addWidget(m_bySchedule);
    schedule->addWidget(m_schedule, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_disable);
    buttons->addStretch(1);
    buttons->addWidget(m_save);
    auto* form = new QFormLayout(this);
    form->addRow(tr("&Lambda:"), m_lambda);
    form->addRow(tr("Rotate:"), days);
    form->addRow(QString(), schedule);
    form->addRow(buttons);

    connect(m_byDays, &QRadioButton::toggled, this, &RotationSettingsForm::updateState);
    connect(m_schedule, &QLineEdit::textChanged, this, &RotationSettingsForm::updateState);
    connect(m_save, &QPushButton::clicked, this, &RotationSettingsForm::saveRequested);
    connect(m_disable, &QPushButton::clicked, this, &RotationSettingsForm::disableRequested);
    updateState();
}

void RotationSettingsForm::showConfig(const AwsRotationConfig& config) {
    m_enabled = config.enabled;
    m_lambda->setText(config.lambdaArn);
    if (!config.scheduleExpression.isEmpty()) {
        m_bySchedule->setChecked(true);
        m_schedule->setText(config.scheduleExpression);
    } else {
        m_byDays->setChecked(true);
        if (config.automaticallyAfterDays > 0) {
            m_days->setValue(config.automaticallyAfterDays);
        }
    }
    updateState();
}

std::optional<AwsRotationRequest> RotationSettingsForm::request(QString* problem) const {
    AwsRotationRequest request;
    request.lambdaArn = m_lambda->text().trimmed();
    request.rotateImmediately = false;
    if (m_bySchedule->isChecked()) {
        request.scheduleExpression = m_schedule->text().trimmed();
        if (!request.scheduleExpression.startsWith(QStringLiteral("rate(")) &&
            !request.scheduleExpression.startsWith(QStringLiteral("cron("))) {
            *problem = tr("A schedule is rate(…) or cron(…).");
            return std::nullopt;
        }
    } else {
        request.automaticallyAfterDays = m_days->value();
    }
    return request;
}

void RotationSettingsForm::setBusy(bool busy) {
    m_busy = busy;
    updateState();
}

void RotationSettingsForm::updateState() {
    for (QWidget* field : std::initializer_list<QWidget*>{m_lambda, m_byDays, m_bySchedule}) {
        field->setEnabled(!m_busy);
    }
    m_days->setEnabled(!m_busy && m_byDays->isChecked());
    m_schedule->setEnabled(!m_busy && m_bySchedule->isChecked());
    m_save->setEnabled(!m_busy &&
                       (m_byDays->isChecked() || !m_schedule->text().trimmed().isEmpty()));
    m_disable->setEnabled(!m_busy && m_enabled);
}

} // namespace strongroom
