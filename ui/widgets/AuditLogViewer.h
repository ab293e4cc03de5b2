#pragma once

#include "AuditEntry.h"
#include "AuditVerification.h"

#include <QCoroTask>
#include <QDialog>
#include <QPointer>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace strongroom {

class AuditLog;
class ErrorLabel;

// Recent operator actions from the audit log in a filterable table, updated live as entries are
// appended, with "Verify chain" running AuditLog::verify() and showing the outcome. Loading and
// verifying run asynchronously; the dialog stays responsive and may close at any time.
class AuditLogViewer : public QDialog {
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        ActorColumn,
        ConnectionColumn,
        ActionColumn,
        PathColumn,
        VersionsColumn,
        ResultColumn,
        DetailColumn,
        ColumnCount
    };
    static constexpr int RecentCount = 1000;

    explicit AuditLogViewer(AuditLog* log, QWidget* parent = nullptr);

    // Re-reads the most recent entries (called once on construction).
    void reload();
    void verifyChain();

    QTableView* table() const { return m_table; }
    QSortFilterProxyModel* filteredEntries() const { return m_filtered; }
    QLineEdit* filterField() const { return m_filter; }
    QPushButton* verifyButton() const { return m_verifyButton; }
    QLabel* verificationLabel() const { return m_verification; }

Q_SIGNALS:
    // May fire before verifyChain() returns when the log answers at once.
    void verified(const strongroom::AuditVerification& verification);

private:
    QCoro::Task<> load();
    QCoro::Task<> verify();
    void appendRow(const AuditEntry& entry);
    void showVerification(const AuditVerification& verification);

    QPointer<AuditLog> m_log;
    QStandardItemModel* m_entries = nullptr;
    QSortFilterProxyModel* m_filtered = nullptr;
    QTableView* m_table = nullptr;
    QLineEdit* m_filter = nullptr;
    QPushButton* m_verifyButton = nullptr;
    QLabel* m_verification = nullptr;
    ErrorLabel* m_error = nullptr;
    bool m_loading = false;
};

} // namespace strongroom
