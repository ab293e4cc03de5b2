#include "SearchDialog.h"

#include "Connection.h"
#include "ConnectionTreeModel.h"
#include "SecretSearch.h"
#include "Workspace.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace strongroom {

SearchDialog::SearchDialog(Workspace* workspace, ConnectionTreeModel* tree, QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_tree(tree)
    , m_searcher(new SecretSearch(this))
    , m_connection(new QComboBox(this))
    , m_folder(new QLineEdit(this))
    , m_query(new QLineEdit(this))
    , m_search(new QPushButton(tr("Search"), this))
    , m_progress(new QProgressBar(this))
    , m_results(new QListWidget(this))
    , m_status(new QLabel(this)) {
    setWindowTitle(tr("Search secrets"));
    resize(620, 460);
    m_folder->setPlaceholderText(tr("whole connection"));
    m_query->setPlaceholderText(tr("Words that must all appear in the path"));
    m_results->setUniformItemSizes(true);
    m_progress->setVisible(false);
    m_progress->setTextVisible(true);
    m_search->setDefault(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Connection"), m_connection);
    form->addRow(tr("Below folder"), m_folder);
    auto* queryRow = new QHBoxLayout;
    queryRow->addWidget(m_query, 1);
    queryRow->addWidget(m_search);
    form->addRow(tr("Find"), queryRow);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_status);
    fillConnections();

    m_searcher->setKnownListing([this](const QString& folder) -> std::optional<QList<Entry>> {
        return m_tree ? m_tree->loadedEntries(m_searchedConnection, folder) : std::nullopt;
    });
    connect(m_search, &QPushButton::clicked, this, &SearchDialog::startOrStop);
    connect(m_query, &QLineEdit::returnPressed, this, &SearchDialog::startOrStop);
    connect(m_searcher, &SecretSearch::found, this,
            [this](const QString& path) { m_results->addItem(path); });
    connect(m_searcher, &SecretSearch::progress, this, &SearchDialog::showProgress);
    connect(m_searcher, &SecretSearch::finished, this, [this](const Status& status) {
        finished(status.ok(), status.ok() ? QString() : status.error().message());
    });
    connect(m_results, &QListWidget::itemActivated, this, &SearchDialog::choose);
    connect(m_workspace, &Workspace::connectionAdded, this, &SearchDialog::fillConnections);
    connect(m_workspace, &Workspace::connectionRemoved, this, [this](const QString& id) {
        if (m_searcher->isRunning() && id == m_searchedConnection) {
            m_searcher->cancel();
        }
        fillConnections();
    });
    connect(m_workspace, &Workspace::locked, this, &SearchDialog::reject);
}

SearchDialog::~SearchDialog() = default;

void SearchDialog::fillConnections() {
    const auto current = m_connection->currentData().toString();
    m_connection->clear();
    for (const Connection* connection : m_workspace->connections()) {
        m_connection->addItem(connection->displayName(), connection->id());
    }
    const int keep = m_connection->findData(current);
    if (keep >= 0) {
        m_connection->setCurrentIndex(keep);
    }
}

void SearchDialog::setScope(const QString& connectionId, const QString& folder) {
    const int row = m_connection->findData(connectionId);
    if (row >= 0) {
        m_connection->setCurrentIndex(row);
    }
    m_folder->setText(folder);
}

void SearchDialog::startOrStop() {
    if (m_searcher->isRunning()) {
        m_searcher->cancel();
        return;
    }
    const auto id = m_connection->currentData().toString();
    Connection* connection = m_workspace->connection(id);
    const auto words = m_query->text().trimmed();
    if (!connection || words.isEmpty()) {
        m_status->setText(!connection ? tr("Choose a connection to search.")
                                      : tr("Type what to look for."));
        return;
    }
    auto folder = m_folder->text().trimmed();
    if (!folder.isEmpty() && !folder.endsWith(QLatin1Char('/'))) {
        folder += QLatin1Char('/');
    }
    m_results->clear();
    m_searchedConnection = id;
    m_search->setText(tr("Stop"));
    m_progress->setVisible(true);
    m_progress->setRange(0, 0);
    m_status->setText(tr("Searching %1…").arg(connection->displayName()));
    m_searcher->start(connection->backend(), words, {folder});
}

void SearchDialog::showProgress(int done, int left) {
    m_progress->setRange(0, done + left);
    m_progress->setValue(done);
    m_progress->setFormat(tr("%1 of %2 folders").arg(done).arg(done + left));
}

void SearchDialog::finished(bool ok, const QString& message) {
    m_search->setText(tr("Search"));
    m_progress->setVisible(false);
    const int hits = m_results->count();
    QString text = ok ? tr("%n secret(s) found", nullptr, hits) : message;
    if (ok && m_searcher->foldersListed() + m_searcher->foldersReused() > 0) {
        text += tr(" in %1 folders (%2 already loaded in the tree)")
                    .arg(m_searcher->foldersListed() + m_searcher->foldersReused())
                    .arg(m_searcher->foldersReused());
    }
    if (m_searcher->foldersSkipped() > 0) {
        text += tr("; %n folder(s) could not be listed with this credential", nullptr,
                   m_searcher->foldersSkipped());
    }
    m_status->setText(text);
}

void SearchDialog::choose() {
    if (auto* item = m_results->currentItem()) {
        Q_EMIT secretChosen(m_searchedConnection, item->text());
    }
}

void SearchDialog::reject() {
    m_searcher->cancel();
    QDialog::reject();
}

} // namespace strongroom
