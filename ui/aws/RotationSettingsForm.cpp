#include "RotationSettingsForm.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QRadioButton>
#include <QSpinBox>

namespace strongroom {

namespace {
const QString lambdaKey = QStringLiteral("lambdaArn");
const QString daysKey = QStringLiteral("automaticallyAfterDays");
const QString scheduleKey = QStringLiteral("scheduleExpression");
const QString durationKey = QStringLiteral("duration");
} // namespace

RotationSettingsForm::RotationSettingsForm(QWidget* parent)
    : RotationSettingsEditor(parent)
    , m_lambda(new QLineEdit(this))
    , m_byDays(new QRadioButton(tr("Every"), this))
    , m_days(new QSpinBox(this))
    , m_bySchedule(new QRadioButton(tr("Schedule:"), this))
    , m_schedule(new QLineEdit(this))
    , m_duration(new QLineEdit(this)) {
    m_lambda->setPlaceholderText(
        tr("arn:aws:lambda:region:account:function:name (empty: keep the current one)"));
    m_lambda->setAccessibleName(tr("Rotation Lambda ARN"));
    m_days->setRange(1, 1000);
    m_days->setValue(30);
    m_days->setSuffix(tr(" days"));
    m_days->setAccessibleName(tr("Rotate every N days"));
    m_schedule->setPlaceholderText(QStringLiteral("rate(10 days) / cron(0 16 1,15 * ? *)"));
    m_schedule->setAccessibleName(tr("Schedule expression"));
    m_duration->setPlaceholderText(tr("e.g. 3h (optional: how long each rotation may take)"));
    m_duration->setAccessibleName(tr("Rotation window"));
    m_byDays->setChecked(true);

    auto* days = new QHBoxLayout;
    days->addWidget(m_byDays);
    days->addWidget(m_days);
    days->addStretch(1);
    auto* schedule = new QHBoxLayout;
    schedule->addWidget(m_bySchedule);
    schedule->addWidget(m_schedule, 1);
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Lambda:"), m_lambda);
    form->addRow(tr("Rotate:"), days);
    form->addRow(QString(), schedule);
    form->addRow(tr("&Window:"), m_duration);

    const auto edit = [this] {
        updateState();
        Q_EMIT edited();
    };
    connect(m_byDays, &QRadioButton::toggled, this, edit);
    for (QLineEdit* field : {m_lambda, m_schedule, m_duration}) {
        connect(field, &QLineEdit::textChanged, this, edit);
    }
    connect(m_days, &QSpinBox::valueChanged, this, &RotationSettingsEditor::edited);
    updateState();
}

void RotationSettingsForm::showSettings(const RotationInfo& rotation) {
    const QVariantMap& settings = rotation.settings;
    m_lambda->setText(settings.value(lambdaKey, rotation.rotatorName).toString());
    m_duration->setText(settings.value(durationKey).toString());
    const QString expression = settings.value(scheduleKey).toString();
    if (!expression.isEmpty()) {
        m_bySchedule->setChecked(true);
        m_schedule->setText(expression);
    } else {
        m_byDays->setChecked(true);
        if (const int days = settings.value(daysKey).toInt(); days > 0) {
            m_days->setValue(days);
        }
    }
    updateState();
}

std::optional<RotationSettings> RotationSettingsForm::settings(QString* problem) const {
    RotationSettings settings;
    if (const QString lambda = m_lambda->text().trimmed(); !lambda.isEmpty()) {
        settings.insert(lambdaKey, lambda);
    }
    if (m_bySchedule->isChecked()) {
        const QString expression = m_schedule->text().trimmed();
        if (!expression.startsWith(QStringLiteral("rate(")) &&
            !expression.startsWith(QStringLiteral("cron("))) {
            *problem = tr("A schedule is rate(…) or cron(…).");
            return std::nullopt;
        }
        settings.insert(scheduleKey, expression);
    } else {
        settings.insert(daysKey, m_days->value());
    }
    if (const QString duration = m_duration->text().trimmed(); !duration.isEmpty()) {
        settings.insert(durationKey, duration);
    }
    return settings;
}

QString RotationSettingsForm::summary() const {
    const QString lambda = m_lambda->text().trimmed();
    const QString schedule = m_bySchedule->isChecked() ? m_schedule->text().trimmed()
                                                       : tr("every %1 days").arg(m_days->value());
    return tr("%1; Lambda %2").arg(schedule, lambda.isEmpty() ? tr("unchanged") : lambda);
}

bool RotationSettingsForm::isComplete() const {
    return m_byDays->isChecked() || !m_schedule->text().trimmed().isEmpty();
}

void RotationSettingsForm::setBusy(bool busy) {
    m_busy = busy;
    updateState();
}

void RotationSettingsForm::updateState() {
    for (QWidget* field :
         std::initializer_list<QWidget*>{m_lambda, m_byDays, m_bySchedule, m_duration}) {
        field->setEnabled(!m_busy);
    }
    m_days->setEnabled(!m_busy && m_byDays->isChecked());
    m_schedule->setEnabled(!m_busy && m_bySchedule->isChecked());
}

} // namespace strongroom
