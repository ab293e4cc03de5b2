#pragma once

#include "SecretDeletion.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace strongroom {

class WarningLabel;

// The first step of deleting a whole secret on a store with a bin, driven by its DeletionRules
// alone: move it to the bin (with a recovery window in the store's range when the operator picks
// it per delete), or, where the store can purge, delete it now without recovery behind a loud
// warning. The typed confirmation of the name follows (DeletionWorkflow). A store without a bin
// has nothing to choose and skips this step.
class DeleteSecretDialog : public QDialog {
    Q_OBJECT
public:
    DeleteSecretDialog(const QString& path, const QString& connectionName,
                       const DeletionRules& rules, bool canPurge, QWidget* parent = nullptr);

    // Whether there is a choice to make at all (a bin, and a window to pick or a purge to offer).
    static bool offersChoice(const DeletionRules& rules, bool canPurge);

    DeleteOptions options() const;

    QRadioButton* binChoice() const { return m_bin; }
    QSpinBox* recoveryDaysField() const { return m_days; } // nullptr: the store sets the window
    QRadioButton* forceChoice() const { return m_force; }  // nullptr: the store cannot purge
    WarningLabel* forceWarning() const { return m_warning; }
    QLabel* noteLabel() const { return m_note; }
    QPushButton* continueButton() const { return m_continue; }

private:
    void updateState();

    DeletionRules m_rules;
    QRadioButton* m_bin;
    QSpinBox* m_days = nullptr;
    QRadioButton* m_force = nullptr;
    WarningLabel* m_warning = nullptr;
    QLabel* m_note;
    QPushButton* m_continue = nullptr;
};

} // namespace strongroom
