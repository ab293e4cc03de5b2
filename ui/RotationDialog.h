#pragma once

#include "Capabilities.h"
#include "SecretRotation.h"

#include <QCoroTask>
#include <QDialog>
#include <QPointer>

#include <optional>

class QFrame;
class QGroupBox;
class QLabel;
class QPushButton;

namespace strongroom {

class ErrorLabel;
class OperatorWorkflow;
class RotationSettingsEditor;
class Workspace;

// "Rotation…" of one secret on any store that rotates, from its Capabilities alone: whether it
// rotates, on what schedule, who rotates it, when it last did and will next. A rotation that did
// not finish shows as a banner with "Clear stuck rotation" (asked first). "Rotate now" shows the
// new version or the error. The store's settings form (from its StoreUi), when it has one, is
// saved or turned off here. Every call goes through RotationService, so each is audited;
// changed() tells the window to re-read the secret.
class RotationDialog : public QDialog {
    Q_OBJECT
public:
    // `form` may be nullptr (the store has no settings to edit); the dialog takes it.
    RotationDialog(Workspace* workspace, QString connectionId, QString path,
                   RotationSettingsEditor* form, QWidget* parent = nullptr);

    // Reads the capabilities and the rotation again (done once when the dialog is made).
    void refresh();
    bool isBusy() const { return m_busy; }
    bool isLoaded() const { return m_loaded; }
    const std::optional<RotationInfo>& rotation() const { return m_rotation; }
    const Capabilities& capabilities() const { return m_capabilities; }

    QLabel* statusLabel() const { return m_status; }
    QFrame* stuckBanner() const { return m_banner; }
    QLabel* stuckLabel() const { return m_bannerText; }
    QPushButton* clearStuckButton() const { return m_clearStuck; }
    QPushButton* rotateNowButton() const { return m_rotateNow; }
    QLabel* resultLabel() const { return m_result; }
    QGroupBox* settingsGroup() const { return m_settingsGroup; }
    RotationSettingsEditor* settingsForm() const { return m_form; }
    QPushButton* saveButton() const { return m_save; }
    QPushButton* turnOffButton() const { return m_turnOff; }
    ErrorLabel* errorLabel() const { return m_error; }

Q_SIGNALS:
    void changed(const QString& connectionId, const QString& path);

private:
    void display();
    void setBusy(bool busy);
    QCoro::Task<> load();
    QCoro::Task<> rotateNow();
    QCoro::Task<> clearStuck();
    QCoro::Task<> saveSettings();
    QCoro::Task<> turnOff();
    // After each call: the outcome is shown, the rotation read again and the window told.
    // True when the call succeeded.
    QCoro::Task<bool> afterCall(QCoro::Task<bool> calling);

    QPointer<Workspace> m_workspace;
    QString m_connectionId;
    QString m_path;
    OperatorWorkflow* m_steps;
    Capabilities m_capabilities;
    std::optional<RotationInfo> m_rotation;
    QLabel* m_status;
    QFrame* m_banner;
    QLabel* m_bannerText;
    QPushButton* m_clearStuck;
    QPushButton* m_rotateNow;
    QLabel* m_result;
    QGroupBox* m_settingsGroup;
    RotationSettingsEditor* m_form;
    QPushButton* m_save;
    QPushButton* m_turnOff;
    ErrorLabel* m_error;
    bool m_busy = false;
    bool m_loaded = false;
};

} // namespace strongroom
