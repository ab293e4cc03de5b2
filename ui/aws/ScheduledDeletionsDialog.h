#pragma once

#include "SecretsManagerAdmin.h"

#include <QCoroTask>
#include <QDialog>
#include <QPointer>

class QLabel;
class QPushButton;
class QTableWidget;

namespace strongroom {

class AwsSecretOperations;
class ErrorLabel;

// "Scheduled for deletion…" of an AWS connection: every secret waiting for its deletion date
// (name, deletion date), with Restore (confirmed) for the selected one.
class ScheduledDeletionsDialog : public QDialog {
    Q_OBJECT
public:
    enum Column { NameColumn, DeletionColumn, ColumnCount };

    ScheduledDeletionsDialog(AwsSecretOperations* operations, const QString& connectionName,
                             QWidget* parent = nullptr);

    void refresh();
    bool isBusy() const { return m_busy; }
    QStringList names() const;
    // Selects `name`'s row; false when it is not listed.
    bool select(const QString& name);

    QTableWidget* table() const { return m_table; }
    QPushButton* restoreButton() const { return m_restore; }
    QPushButton* refreshButton() const { return m_refresh; }
    QLabel* summaryLabel() const { return m_summary; }
    ErrorLabel* errorLabel() const { return m_error; }

Q_SIGNALS:
    void restored(const QString& secretName);

private:
    void setBusy(bool busy);
    void updateState();
    QString selectedName() const;
    QCoro::Task<> load();
    QCoro::Task<> restoreSelected();

    QPointer<AwsSecretOperations> m_operations;
    QTableWidget* m_table;
    QLabel* m_summary;
    ErrorLabel* m_error;
    QPushButton* m_restore;
    QPushButton* m_refresh;
    bool m_busy = false;
};

} // namespace strongroom
