#pragma once

#include <QDialog>

class QLabel;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace strongroom {

// The first step of deleting an AWS secret: schedule the deletion with a recovery window of 7 to
// 30 days (it can be restored until then), or force delete it now with no way back (a loud
// warning). The typed confirmation of the name follows (TypedConfirmationDialog).
class AwsDeleteSecretDialog : public QDialog {
    Q_OBJECT
public:
    explicit AwsDeleteSecretDialog(const QString& secretName, QWidget* parent = nullptr);

    bool forceDelete() const;
    int recoveryDays() const;

    QRadioButton* scheduleChoice() const { return m_schedule; }
    QSpinBox* recoveryDaysField() const { return m_days; }
    QRadioButton* forceChoice() const { return m_force; }
    QLabel* forceWarning() const { return m_warning; }
    QPushButton* continueButton() const { return m_continue; }

private:
    void updateState();

    QRadioButton* m_schedule;
    QSpinBox* m_days;
    QRadioButton* m_force;
    QLabel* m_warning;
    QPushButton* m_continue;
};

} // namespace strongroom
