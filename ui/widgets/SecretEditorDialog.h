#pragma once

#include "SecretValue.h"

#include <QDialog>
#include <QPointer>

#include <optional>

class QLabel;
class QPushButton;
class QSplitter;

namespace strongroom {

class AppSettings;
class DiffView;
class ErrorLabel;
class SecretValueEditor;

// Edits an existing secret. Save stays disabled until the operator has pressed "Review changes"
// and looked at the diff of exactly what will be written; any edit after that takes the review
// back. On accept, editedValue() is the new value and baseVersion() the version the edit started
// from (the conflict guard for the write).
class SecretEditorDialog : public QDialog {
    Q_OBJECT
public:
    SecretEditorDialog(AppSettings* settings, const QString& path, const QString& baseVersion,
                       const SecretValue& original, QWidget* parent = nullptr);

    const QString& path() const { return m_path; }
    const QString& baseVersion() const { return m_baseVersion; }
    // The reviewed value; empty before a successful review.
    const SecretValue& editedValue() const { return m_reviewed; }
    bool isReviewed() const { return m_isReviewed; }

    SecretValueEditor* editor() const { return m_editor; }
    DiffView* diffView() const { return m_diffView; }
    QPushButton* reviewButton() const { return m_reviewButton; }
    QPushButton* saveButton() const { return m_saveButton; }
    ErrorLabel* errorLabel() const { return m_error; }

public Q_SLOTS:
    // Computes the diff original -> edited and shows it; enables Save when there is a change.
    void review();

protected:
    void hideEvent(QHideEvent* event) override;

private:
    void invalidateReview();

    QString m_path;
    QString m_baseVersion;
    SecretValue m_original;
    SecretValue m_reviewed;
    bool m_isReviewed = false;
    QSplitter* m_splitter = nullptr;
    SecretValueEditor* m_editor = nullptr;
    DiffView* m_diffView = nullptr;
    QLabel* m_reviewHint = nullptr;
    ErrorLabel* m_error = nullptr;
    QPushButton* m_reviewButton = nullptr;
    QPushButton* m_saveButton = nullptr;
};

} // namespace strongroom
