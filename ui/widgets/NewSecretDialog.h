#pragma once

#include "SecretValue.h"

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace strongroom {

class ErrorLabel;
class SecretValueEditor;

// Creates a secret: a validated path (folders separated by "/") and its first keys. On accept,
// path() and value() are what to write (with no expected current version: it must not exist).
class NewSecretDialog : public QDialog {
    Q_OBJECT
public:
    // `folder` pre-fills the path (the folder selected in the tree), e.g. "app/".
    explicit NewSecretDialog(const QString& folder = {}, QWidget* parent = nullptr);

    QString path() const;
    const SecretValue& value() const { return m_value; }

    // Why `path` cannot name a secret, or an empty string when it can.
    static QString pathProblem(const QString& path);

    QLineEdit* pathField() const { return m_path; }
    SecretValueEditor* editor() const { return m_editor; }
    QPushButton* createButton() const { return m_createButton; }
    ErrorLabel* errorLabel() const { return m_error; }

    void setVisible(bool visible) override;

protected:
    void hideEvent(QHideEvent* event) override;

private:
    void validate();
    void create();

    QLineEdit* m_path = nullptr;
    SecretValueEditor* m_editor = nullptr;
    ErrorLabel* m_error = nullptr;
    QPushButton* m_createButton = nullptr;
    SecretValue m_value;
};

} // namespace strongroom
