#include "DeletedSecretsDialog.h"

#include "DeletionService.h"
#include "DeletionWorkflow.h"
#include "ErrorLabel.h"
#include "Workspace.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace strongroom {

namespace {
QString when(const QDateTime& time) {
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat)
                          : DeletedSecretsDialog::tr("not said");
}
} // namespace

DeletedSecretsDialog::DeletedSecretsDialog(Workspace* workspace, DeletionWorkflow* workflow,
                                           QString connectionId, QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_workflow(workflow)
    , m_connectionId(std::move(connectionId))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_summary(new QLabel(this))
    , m_error(new ErrorLabel(this))
    , m_restore(new QPushButton(tr("&Restore…"), this))
    , m_purge(new QPushButton(tr("&Purge…"), this))
    , m_refresh(new QPushButton(tr("Re&fresh"), this)) {
    const Connection* connection = workspace->connection(m_connectionId);
    setWindowTitle(
        tr("Deleted secrets — %1").arg(connection ? connection->displayName() : m_connectionId));
    if (connection) {
        const Capabilities store = connection->backend()->storeCapabilities();
        m_canRestore = store.can(Capability::RestoreSecret);
        m_canPurge = store.can(Capability::PurgeSecret);
    }
    m_table->setHorizontalHeaderLabels({tr("Path"), tr("Deleted"), tr("Goes for good")});
    m_table->horizontalHeaderItem(PurgeColumn)
        ->setToolTip(tr("When the store removes the secret for good; until then it can be "
                        "restored"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(PathColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(DeletedColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(PurgeColumn, QHeaderView::ResizeToContents);
    m_table->setAccessibleName(tr("Deleted secrets"));
    m_summary->setWordWrap(true);
    m_restore->setToolTip(m_canRestore ? tr("Take the secret out of the bin: it is listed and "
                                            "readable again")
                                       : tr("This store cannot restore from its bin"));
    m_purge->setToolTip(m_canPurge ? tr("Remove the secret from the bin for good")
                                   : tr("This store cannot purge its bin"));

    auto* close = new QPushButton(tr("Close"), this);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_refresh);
    actions->addStretch(1);
    actions->addWidget(m_restore);
    actions->addWidget(m_purge);
    actions->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_error);
    layout->addLayout(actions);
    resize(680, 360);

    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_refresh, &QPushButton::clicked, this, &DeletedSecretsDialog::refresh);
    connect(m_restore, &QPushButton::clicked, this, [this] { restoreSelected(); });
    connect(m_purge, &QPushButton::clicked, this, [this] { purgeSelected(); });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &DeletedSecretsDialog::updateState);
    // What went wrong in a restore or a purge is said here, where the operator is looking.
    connect(workflow, &DeletionWorkflow::failed, m_error, &ErrorLabel::showMessage);
    refresh();
}

void DeletedSecretsDialog::refresh() {
    load();
}

QStringList DeletedSecretsDialog::paths() const {
    QStringList paths;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        paths << m_table->item(row, PathColumn)->text();
    }
    return paths;
}

bool DeletedSecretsDialog::select(const QString& path) {
    const int row = paths().indexOf(path);
    if (row >= 0) {
        m_table->selectRow(row);
    }
    return row >= 0;
}

QString DeletedSecretsDialog::selectedPath() const {
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_table->item(rows.first().row(), PathColumn)->text();
}

void DeletedSecretsDialog::setBusy(bool busy) {
    m_busy = busy;
    updateState();
}

void DeletedSecretsDialog::updateState() {
    const bool chosen = !m_busy && !selectedPath().isEmpty();
    m_refresh->setEnabled(!m_busy);
    m_restore->setEnabled(chosen && m_canRestore);
    m_purge->setEnabled(chosen && m_canPurge);
}

void DeletedSecretsDialog::display(const QList<DeletedSecret>& deleted) {
    m_table->setRowCount(0);
    for (const DeletedSecret& entry : deleted) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, PathColumn, new QTableWidgetItem(entry.path));
        m_table->setItem(row, DeletedColumn, new QTableWidgetItem(when(entry.deletedAt)));
        m_table->setItem(row, PurgeColumn, new QTableWidgetItem(when(entry.purgeAt)));
    }
    // Some stores only say when a secret goes for good (AWS): then there is no Deleted column.
    const bool datesDeletions =
        std::any_of(deleted.cbegin(), deleted.cend(),
                    [](const DeletedSecret& entry) { return entry.deletedAt.isValid(); });
    m_table->setColumnHidden(DeletedColumn, !datesDeletions);
    m_summary->setText(deleted.isEmpty()
                           ? tr("The bin is empty.")
                           : tr("%n secret(s) in the bin; each can be restored until it goes for "
                                "good.",
                                nullptr, int(deleted.size())));
    updateState();
}

QCoro::Task<> DeletedSecretsDialog::load() {
    QPointer<DeletedSecretsDialog> self(this);
    Connection* connection = m_workspace ? m_workspace->connection(m_connectionId) : nullptr;
    if (!connection || m_busy) {
        co_return;
    }
    setBusy(true);
    m_summary->setText(tr("Loading…"));
    auto listing = m_workspace->deletions()->deletedSecrets(connection);
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
    display(listed.value());
}

QCoro::Task<> DeletedSecretsDialog::restoreSelected() {
    return onSelected(&DeletionWorkflow::restore, tr("Restored %1. "));
}

QCoro::Task<> DeletedSecretsDialog::purgeSelected() {
    return onSelected(&DeletionWorkflow::purge, tr("Purged %1. "));
}

QCoro::Task<> DeletedSecretsDialog::onSelected(BinAction action, QString doneText) {
    QPointer<DeletedSecretsDialog> self(this);
    const QString path = selectedPath();
    if (path.isEmpty() || !m_workflow || m_busy) {
        co_return;
    }
    m_error->clearMessage();
    setBusy(true);
    auto acting = (m_workflow->*action)(m_connectionId, path, this);
    const bool done = co_await std::move(acting);
    if (!self) {
        co_return;
    }
    setBusy(false);
    if (!done) {
        co_return;
    }
    auto reloading = load();
    co_await std::move(reloading);
    if (self) {
        m_summary->setText(doneText.arg(path) + m_summary->text());
    }
}

} // namespace strongroom
