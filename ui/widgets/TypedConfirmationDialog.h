#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace strongroom {

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

    bool isConfirmable() const;
    QLineEdit* nameField() const { return m_nameField; }
    QPushButton* confirmButton() const { return m_confirmButton; }

private:
    void updateConfirmable();

    QString m_expectedName;
    QLineEdit* m_nameField = nullptr;
    QLabel* m_hint = nullptr;
    QPushButton* m_confirmButton = nullptr;
};

} // namespace strongroom
