#pragma once

#include "SecretDeletion.h"

#include <QCoroTask>
#include <QDialog>
#include <QPointer>

class QLabel;
class QPushButton;
class QTableWidget;

namespace strongroom {

class DeletionWorkflow;
class ErrorLabel;
class Workspace;

// "Deleted secrets…" of a connection whose store has a bin (Capability::ListDeleted): every
// secret waiting there (path, when it was deleted, when it goes for good), with Restore (asked)
// and Purge (typed name, loud warning) for the selected one, each offered from the store's
// capabilities and run through DeletionWorkflow.
class DeletedSecretsDialog : public QDialog {
    Q_OBJECT
public:
    enum Column { PathColumn, DeletedColumn, PurgeColumn, ColumnCount };

    DeletedSecretsDialog(Workspace* workspace, DeletionWorkflow* workflow, QString connectionId,
                         QWidget* parent = nullptr);

    const QString& connectionId() const { return m_connectionId; }
    void refresh();
    bool isBusy() const { return m_busy; }
    QStringList paths() const;
    // Selects `path`'s row; false when it is not listed.
    bool select(const QString& path);

    QTableWidget* table() const { return m_table; }
    QPushButton* restoreButton() const { return m_restore; }
    QPushButton* purgeButton() const { return m_purge; }
    QPushButton* refreshButton() const { return m_refresh; }
    QLabel* summaryLabel() const { return m_summary; }
    ErrorLabel* errorLabel() const { return m_error; }

private:
    void setBusy(bool busy);
    void updateState();
    void display(const QList<DeletedSecret>& deleted);
    QString selectedPath() const;
    QCoro::Task<> load();
    QCoro::Task<> restoreSelected();
    QCoro::Task<> purgeSelected();
    // Restore or purge the selected secret (confirmed by the workflow), then list the bin again
    // and say `doneText` (%1: the path).
    using BinAction = QCoro::Task<bool> (DeletionWorkflow::*)(QString, QString, QWidget*);
    QCoro::Task<> onSelected(BinAction action, QString doneText);

    QPointer<Workspace> m_workspace;
    QPointer<DeletionWorkflow> m_workflow;
    QString m_connectionId;
    bool m_canRestore = false;
    bool m_canPurge = false;
    QTableWidget* m_table;
    QLabel* m_summary;
    ErrorLabel* m_error;
    QPushButton* m_restore;
    QPushButton* m_purge;
    QPushButton* m_refresh;
    bool m_busy = false;
};

} // namespace strongroom
