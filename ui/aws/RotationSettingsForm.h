#pragma once

#include "AwsSecretDescription.h"
#include "SecretsManagerAdmin.h"

#include <QGroupBox>

#include <optional>

class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace strongroom {

// How a secret should rotate: the Lambda that rotates it, and either every N days or a schedule
// expression ("rate(10 days)", "cron(0 16 1,15 * ? *)"). Save asks for the change; Disable turns
// automatic rotation off.
class RotationSettingsForm : public QGroupBox {
    Q_OBJECT
public:
    explicit RotationSettingsForm(QWidget* parent = nullptr);

    void showConfig(const AwsRotationConfig& config);
    // The request the form describes, or nothing with `problem` set.
    std::optional<AwsRotationRequest> request(QString* problem) const;
    void setBusy(bool busy);

    QLineEdit* lambdaField() const { return m_lambda; }
    QRadioButton* daysChoice() const { return m_byDays; }
    QSpinBox* daysField() const { return m_days; }
    QRadioButton* scheduleChoice() const { return m_bySchedule; }
    QLineEdit* scheduleField() const { return m_schedule; }
    QPushButton* saveButton() const { return m_save; }
    QPushButton* disableButton() const { return m_disable; }

Q_SIGNALS:
    void saveRequested();
    void disableRequested();

private:
    void updateState();

    QLineEdit* m_lambda;
    QRadioButton* m_byDays;
    QSpinBox* m_days;
    QRadioButton* m_bySchedule;
    QLineEdit* m_schedule;
    QPushButton* m_save;
    QPushButton* m_disable;
    bool m_busy = false;
    bool m_enabled = false;
};

} // namespace strongroom
