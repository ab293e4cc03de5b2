#pragma once

#include <QDialog>
#include <QPointer>

class QSpinBox;

namespace strongroom {

class AppSettings;

// The operator's safety timings: how long a copied value stays on the clipboard, how long a
// revealed value stays visible, and after how many idle minutes the workspace locks. Saved to
// AppSettings when the dialog is accepted, never before.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(AppSettings* settings, QWidget* parent = nullptr);

    QSpinBox* clipboardClearSeconds() const { return m_clipboard; }
    QSpinBox* revealSeconds() const { return m_reveal; }
    QSpinBox* idleLockMinutes() const { return m_idleLock; }

    void accept() override;

private:
    void restoreDefaults();

    QPointer<AppSettings> m_settings;
    QSpinBox* m_clipboard = nullptr;
    QSpinBox* m_reveal = nullptr;
    QSpinBox* m_idleLock = nullptr;
};

} // namespace strongroom
