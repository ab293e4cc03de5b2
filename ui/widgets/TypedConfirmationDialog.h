#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace strongroom {

class WarningLabel;

// Guards an action that cannot be undone (destroy versions, delete or purge a secret): it states
// the consequence and only lets the operator confirm after typing the secret's name exactly, so a
// confirmation can never be a reflex click.
class TypedConfirmationDialog : public QDialog {
    Q_OBJECT
public:
    // `consequence` says what will be lost; `expectedName` is what the operator must type;
    // `actionLabel` names the confirm button after the action ("Destroy versions").
    TypedConfirmationDialog(const QString& title, const QString& consequence,
                            const QString& expectedName, const QString& actionLabel,
                            QWidget* parent = nullptr);

    // A loud line above the name prompt, for what goes for good (purge, delete without
    // recovery). Hidden until set.
    void setWarning(const QString& warning);

    bool isConfirmable() const;
    WarningLabel* warningLabel() const { return m_warning; }
    QLineEdit* nameField() const { return m_nameField; }
    QPushButton* confirmButton() const { return m_confirmButton; }

private:
    void updateConfirmable();

    QString m_expectedName;
    WarningLabel* m_warning = nullptr;
    QLineEdit* m_nameField = nullptr;
    QLabel* m_hint = nullptr;
    QPushButton* m_confirmButton = nullptr;
};

} // namespace strongroom
