#include "ScheduledDeletionsDialog.h"

#include "AwsSecretOperations.h"
#include "DialogAnswers.h"
#include "ErrorLabel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace strongroom {

namespace {
QString when(const QDateTime& time) {
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat)
                          : ScheduledDeletionsDialog::tr("unknown");
}
} // namespace

ScheduledDeletionsDialog::ScheduledDeletionsDialog(AwsSecretOperations* operations,
                                                   const QString& connectionName, QWidget* parent)
    : QDialog(parent)
    , m_operations(operations)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_summary(new QLabel(this))
    , m_error(new ErrorLabel(this))
    , m_restore(new QPushButton(tr("&Restore…"), this))
    , m_refresh(new QPushButton(tr("Re&fresh"), this)) {
    setWindowTitle(tr("Scheduled for deletion — %1").arg(connectionName));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Deletion date")});
    // ListSecrets gives DeletedDate only (moto puts the deletion date there); a DeletionDate
    // wins when the service sends one.
    m_table->horizontalHeaderItem(DeletionColumn)
        ->setToolTip(tr("When Secrets Manager deletes the secret for good (its DeletedDate)"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(DeletionColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->setAccessibleName(tr("Secrets scheduled for deletion"));
    m_summary->setWordWrap(true);
    m_restore->setToolTip(tr("Cancel the deletion: the secret is listed and readable again"));

    auto* close = new QPushButton(tr("Close"), this);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_refresh);
    actions->addStretch(1);
    actions->addWidget(m_restore);
    actions->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_error);
    layout->addLayout(actions);
    resize(640, 360);

    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_refresh, &QPushButton::clicked, this, &ScheduledDeletionsDialog::refresh);
    connect(m_restore, &QPushButton::clicked, this, [this] { restoreSelected(); });
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            &ScheduledDeletionsDialog::updateState);
    refresh();
}

void ScheduledDeletionsDialog::refresh() {
    load();
}

QStringList ScheduledDeletionsDialog::names() const {
    QStringList names;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        names << m_table->item(row, NameColumn)->text();
    }
    return names;
}

bool ScheduledDeletionsDialog::select(const QString& name) {
    const int row = names().indexOf(name);
    if (row >= 0) {
        m_table->selectRow(row);
    }
    return row >= 0;
}

QString ScheduledDeletionsDialog::selectedName() const {
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_table->item(rows.first().row(), NameColumn)->text();
}

void ScheduledDeletionsDialog::setBusy(bool busy) {
    m_busy = busy;
    updateState();
}

void ScheduledDeletionsDialog::updateState() {
    m_refresh->setEnabled(!m_busy);
    m_restore->setEnabled(!m_busy && !selectedName().isEmpty());
}

QCoro::Task<> ScheduledDeletionsDialog::load() {
    QPointer<ScheduledDeletionsDialog> self(this);
    if (!m_operations || m_busy) {
        co_return;
    }
    setBusy(true);
    m_summary->setText(tr("Loading…"));
    auto listing = m_operations->scheduledDeletions();
    auto listed = co_await std::move(listing);
    if (!self) {
        co_return;
    }
    setBusy(false);
    if (!listed.ok()) {
        m_summary->clear();
        m_error->showMessage(listed.error().message());
        co_return;
    }
    m_error->clearMessage();
    m_table->setRowCount(0);
    for (const AwsScheduledDeletion& entry : listed.value()) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, NameColumn, new QTableWidgetItem(entry.name));
        m_table->setItem(
            row, DeletionColumn,
            new QTableWidgetItem(
                when(entry.deletionDate.isValid() ? entry.deletionDate : entry.deletedDate)));
    }
    m_summary->setText(listed->isEmpty()
                           ? tr("No secret is scheduled for deletion.")
                           : tr("%n secret(s) wait for their deletion date and can be restored "
                                "until then.",
                                nullptr, int(listed->size())));
    updateState();
}

QCoro::Task<> ScheduledDeletionsDialog::restoreSelected() {
    QPointer<ScheduledDeletionsDialog> self(this);
    const QString name = selectedName();
    if (name.isEmpty() || !m_operations || m_busy) {
        co_return;
    }
    auto asking =
        confirmed(this, tr("Restore secret"), tr("Restore %1 and cancel its deletion?").arg(name),
                  tr("Restore"), tr("It is listed and readable again with every version it had."));
    const bool yes = co_await std::move(asking);
    if (!self || !yes || !m_operations) {
        co_return;
    }
    setBusy(true);
    auto restoring = m_operations->restore(name);
    auto restoredStatus = co_await std::move(restoring);
    if (!self) {
        co_return;
    }
    setBusy(false);
    if (!restoredStatus.ok()) {
        m_error->showMessage(restoredStatus.error().message());
        co_return;
    }
    Q_EMIT restored(name);
    auto reloading = load();
    co_await std::move(reloading);
    if (self) {
        m_summary->setText(tr("Restored %1. ").arg(name) + m_summary->text());
    }
}

} // namespace strongroom
