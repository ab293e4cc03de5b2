#pragma once

#include "RollbackPreview.h"
#include "VersionInfo.h"

#include <QDialog>

#include <optional>

class QLabel;
class QPushButton;

namespace strongroom {

class AppSettings;
class DiffView;
class ErrorLabel;

// "Roll back <path> to version N": explains that the old value is written as a new version
// (nothing is lost), previews the change current -> N as a diff, and asks for confirmation.
// A deleted target must be undeleted first and a destroyed one cannot come back: both keep
// Confirm disabled and say why. The preview arrives asynchronously through setPreview(); until
// then Confirm stays disabled, so nobody confirms a change they have not seen.
class RollbackDialog : public QDialog {
    Q_OBJECT
public:
    RollbackDialog(AppSettings* settings, const QString& path, const VersionInfo& target,
                   QWidget* parent = nullptr);

    // Whether a rollback to `target` is possible at all; `why` explains when it is not.
    static bool isRestorable(const VersionInfo& target, QString* why = nullptr);

    void setPreview(const RollbackPreview& preview);
    void setPreviewError(const QString& message);
    // The preview the operator confirmed (its currentVersion is the conflict guard).
    const std::optional<RollbackPreview>& preview() const { return m_preview; }
    bool canConfirm() const;

    QLabel* explanationLabel() const { return m_explanation; }
    DiffView* diffView() const { return m_diffView; }
    QPushButton* confirmButton() const { return m_confirmButton; }
    ErrorLabel* errorLabel() const { return m_error; }

protected:
    void hideEvent(QHideEvent* event) override;

private:
    void updateState();

    QString m_path;
    VersionInfo m_target;
    std::optional<RollbackPreview> m_preview;
    QLabel* m_explanation = nullptr;
    QLabel* m_status = nullptr;
    DiffView* m_diffView = nullptr;
    ErrorLabel* m_error = nullptr;
    QPushButton* m_confirmButton = nullptr;
};

} // namespace strongroom
