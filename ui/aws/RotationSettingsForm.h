#pragma once

#include "RotationSettingsEditor.h"

class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace strongroom {

// How an AWS secret should rotate, for the generic rotation dialog: the Lambda that rotates it,
// either every N days or a schedule expression ("rate(10 days)", "cron(0 16 1,15 * ? *)"), and
// optionally the rotation window ("3h"). Produces the RotationSettings keys the Secrets Manager
// backend reads: "lambdaArn" (absent: keep the current Lambda), "automaticallyAfterDays" or
// "scheduleExpression", and "duration".
class RotationSettingsForm : public RotationSettingsEditor {
    Q_OBJECT
public:
    explicit RotationSettingsForm(QWidget* parent = nullptr);

    void showSettings(const RotationInfo& rotation) override;
    std::optional<RotationSettings> settings(QString* problem) const override;
    QString summary() const override;
    bool isComplete() const override;
    void setBusy(bool busy) override;

    QLineEdit* lambdaField() const { return m_lambda; }
    QRadioButton* daysChoice() const { return m_byDays; }
    QSpinBox* daysField() const { return m_days; }
    QRadioButton* scheduleChoice() const { return m_bySchedule; }
    QLineEdit* scheduleField() const { return m_schedule; }
    QLineEdit* durationField() const { return m_duration; }

private:
    void updateState();

    QLineEdit* m_lambda;
    QRadioButton* m_byDays;
    QSpinBox* m_days;
    QRadioButton* m_bySchedule;
    QLineEdit* m_schedule;
    QLineEdit* m_duration;
    bool m_busy = false;
};

} // namespace strongroom
