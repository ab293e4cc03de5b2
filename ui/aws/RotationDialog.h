#pragma once

#include "AwsSecretDescription.h"

#include <QCoroTask>
#include <QDialog>
#include <QPointer>

class QFrame;
class QLabel;
class QPushButton;

namespace strongroom {

class AwsSecretOperations;
class ErrorLabel;
class RotationSettingsForm;

// "Rotation…" of one AWS secret: whether it rotates, on what schedule, with which Lambda, when it
// last did and will next. A rotation that did not finish (AWSPENDING on a version that is not
// AWSCURRENT) shows as a banner with "Clear pending label" (confirmed). "Rotate now" shows the
// new version or the error; the settings form configures or disables rotation. Every call goes
// through AwsSecretOperations, so each is audited; changed() tells the window to re-read.
class RotationDialog : public QDialog {
    Q_OBJECT
public:
    RotationDialog(AwsSecretOperations* operations, const QString& secretName,
                   QWidget* parent = nullptr);

    // Reads the secret's description again (done once when the dialog is made).
    void refresh();
    bool isBusy() const { return m_busy; }
    const std::optional<AwsSecretDescription>& description() const { return m_description; }

    QLabel* statusLabel() const { return m_status; }
    QFrame* stuckBanner() const { return m_banner; }
    QLabel* stuckLabel() const { return m_bannerText; }
    QPushButton* clearPendingButton() const { return m_clearPending; }
    QPushButton* rotateNowButton() const { return m_rotateNow; }
    QLabel* resultLabel() const { return m_result; }
    RotationSettingsForm* settingsForm() const { return m_settings; }
    ErrorLabel* errorLabel() const { return m_error; }

Q_SIGNALS:
    void changed(const QString& secretName);

private:
    void display(const AwsSecretDescription& description);
    void setBusy(bool busy);
    QCoro::Task<> load();
    QCoro::Task<> rotateNow();
    QCoro::Task<> clearPending();
    QCoro::Task<> saveSettings();
    QCoro::Task<> disableRotation();
    // After a change: say so, re-read, and tell the window.
    QCoro::Task<> changedThen(QString message);

    QPointer<AwsSecretOperations> m_operations;
    QString m_name;
    std::optional<AwsSecretDescription> m_description;
    QLabel* m_status;
    QFrame* m_banner;
    QLabel* m_bannerText;
    QPushButton* m_clearPending;
    QPushButton* m_rotateNow;
    QLabel* m_result;
    RotationSettingsForm* m_settings;
    ErrorLabel* m_error;
    bool m_busy = false;
};

} // namespace strongroom
