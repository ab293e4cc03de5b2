#include "AuditLogViewer.h"

#include "AuditLog.h"
#include "ErrorLabel.h"

#include <QCoroTask>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace strongroom {

AuditLogViewer::AuditLogViewer(AuditLog* log, QWidget* parent)
    : QDialog(parent)
    , m_log(log) {
    setWindowTitle(tr("Audit log"));

    m_entries = new QStandardItemModel(0, ColumnCount, this);
    m_entries->setHorizontalHeaderLabels({tr("Time"), tr("Actor"), tr("Connection"), tr("Action"),
                                          tr("Path"), tr("Versions"), tr("Result"), tr("Detail")});
    m_filtered = new QSortFilterProxyModel(this);
    m_filtered->setSourceModel(m_entries);
    m_filtered->setFilterKeyColumn(-1); // any column
    m_filtered->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filtered->setSortRole(Qt::UserRole);

    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter by path, action, actor, result…"));
    m_filter->setClearButtonEnabled(true);
    auto* filterLabel = new QLabel(tr("&Filter:"), this);
    filterLabel->setBuddy(m_filter);

    m_table = new QTableView(this);
    m_table->setModel(m_filtered);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(TimeColumn, Qt::DescendingOrder);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);

    m_verifyButton = new QPushButton(tr("&Verify chain"), this);
    m_verifyButton->setToolTip(tr("Checks that no line of the log was edited, removed or moved."));
    m_verification = new QLabel(this);
    m_verification->setWordWrap(true);
    m_error = new ErrorLabel(this);

    auto* top = new QHBoxLayout;
    top->addWidget(filterLabel);
    top->addWidget(m_filter, 1);
    auto* verifyRow = new QHBoxLayout;
    verifyRow->addWidget(m_verifyButton);
    verifyRow->addWidget(m_verification, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addLayout(verifyRow);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(900, 520);

    connect(m_filter, &QLineEdit::textChanged, m_filtered,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_verifyButton, &QPushButton::clicked, this, &AuditLogViewer::verifyChain);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (m_log) {
        connect(m_log, &AuditLog::appended, this, [this](const AuditEntry& entry) {
            // While a reload is in flight the entry will arrive with it.
            if (!m_loading) {
                appendRow(entry);
            }
        });
    }
    reload();
}

void AuditLogViewer::reload() {
    if (!m_log) {
        m_error->showMessage(tr("The audit log is not available."));
        return;
    }
    m_loading = true;
    load();
}

void AuditLogViewer::verifyChain() {
    if (!m_log) {
        return;
    }
    m_verifyButton->setEnabled(false);
    m_verification->setText(tr("Verifying…"));
    verify();
}

QCoro::Task<> AuditLogViewer::load() {
    QPointer<AuditLogViewer> self(this);
    // A named task, not a temporary inside co_await (GCC 12 mishandles those).
    auto task = m_log->recent(RecentCount);
    const Result<QList<AuditEntry>> entries = co_await std::move(task);
    if (!self) {
        co_return; // the dialog was closed while the log was read
    }
    m_loading = false;
    m_entries->removeRows(0, m_entries->rowCount());
    if (!entries) {
        m_error->showMessage(
            tr("The audit log could not be read: %1").arg(entries.error().message()));
        co_return;
    }
    m_error->clearMessage();
    for (const AuditEntry& entry : entries.value()) {
        appendRow(entry);
    }
    m_table->resizeColumnsToContents();
}

QCoro::Task<> AuditLogViewer::verify() {
    QPointer<AuditLogViewer> self(this);
    auto task = m_log->verify();
    const AuditVerification verification = co_await std::move(task);
    if (self) {
        showVerification(verification);
    }
}

void AuditLogViewer::appendRow(const AuditEntry& entry) {
    const QStringList cells = {
        entry.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
        entry.actor,
        entry.connection,
        entry.action,
        entry.path,
        entry.versions.join(QStringLiteral(", ")),
        entry.result,
        entry.detail,
    };
    QList<QStandardItem*> row;
    for (const QString& cell : cells) {
        auto* item = new QStandardItem(cell);
        item->setData(cell, Qt::UserRole);
        row << item;
    }
    // Time sorts by line order: entries within one second keep the order they were written in.
    row[TimeColumn]->setData(entry.seq, Qt::UserRole);
    row[TimeColumn]->setToolTip(entry.time.toString(Qt::ISODateWithMs));
    m_entries->appendRow(row);
}

void AuditLogViewer::showVerification(const AuditVerification& verification) {
    m_verifyButton->setEnabled(true);
    if (verification.ok()) {
        m_error->clearMessage();
        m_verification->setText(
            tr("The chain is intact: %n entries verified.", nullptr, int(verification.lineCount)));
    } else {
        m_verification->clear();
        m_error->showMessage(
            verification.brokenLine > 0
                ? tr("The log was tampered with or damaged at line %1: %2")
                      .arg(verification.brokenLine)
                      .arg(verification.reason)
                : tr("The log could not be verified: %1").arg(verification.reason));
    }
    Q_EMIT verified(verification);
}

} // namespace strongroom
