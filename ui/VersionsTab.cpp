#include "VersionsTab.h"

#include "SecretPresenter.h"
#include "VersionsModel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace strongroom {

VersionsTab::VersionsTab(SecretPresenter* presenter, QWidget* parent)
    : QWidget(parent)
    , m_presenter(presenter)
    , m_table(new QTableView(this))
    , m_compare(new QPushButton(tr("Compare"), this))
    , m_bar(new QHBoxLayout) {
    m_table->setModel(presenter->versions());
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Versions"));
    m_compare->setToolTip(tr("Select two versions to see what changed between them"));

    auto* hint = new QLabel(tr("Select two versions to compare them."), this);
    m_bar->addWidget(hint, 1);
    m_bar->addWidget(m_compare);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(m_bar);
    layout->addWidget(m_table);

    connect(m_compare, &QPushButton::clicked, this, &VersionsTab::requestCompare);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &VersionsTab::updateButtons);
    connect(presenter->versions(), &QAbstractItemModel::modelReset, this,
            &VersionsTab::updateButtons);
    connect(presenter->versions(), &QAbstractItemModel::modelReset, this,
            &VersionsTab::showUsedColumns);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const QString version = index.data(VersionsModel::VersionIdRole).toString();
        const QString current = m_presenter->versions()->currentVersionId();
        if (!version.isEmpty() && version != current) {
            Q_EMIT compareRequested(version, current);
        }
    });
    updateButtons();
    showUsedColumns();
}

QAbstractButton* VersionsTab::addActionButton(QAction* action) {
    auto* button = new QToolButton(this);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    // QToolButton follows the action's enabled state but not its visibility.
    button->setVisible(action->isVisible());
    connect(action, &QAction::changed, button,
            [button, action] { button->setVisible(action->isVisible()); });
    m_bar->insertWidget(m_bar->indexOf(m_compare), button);
    return button;
}

void VersionsTab::showUsedColumns() {
    const VersionsModel* model = m_presenter->versions();
    for (int column : {VersionsModel::DeletedColumn, VersionsModel::ExpiresColumn,
                       VersionsModel::NotBeforeColumn, VersionsModel::DestroyAtColumn}) {
        bool used = false;
        for (int row = 0; row < model->rowCount() && !used; ++row) {
            used = !model->index(row, column).data().toString().isEmpty();
        }
        m_table->setColumnHidden(column, !used);
    }
}

QStringList VersionsTab::selectedVersions() const {
    QList<int> rows;
    const auto selected = m_table->selectionModel()->selectedRows();
    for (const QModelIndex& index : selected) {
        rows << index.row();
    }
    // The model lists newest first, so the highest row is the oldest version.
    std::sort(rows.begin(), rows.end(), std::greater<>());
    QStringList versions;
    for (int row : rows) {
        if (const VersionInfo* version = m_presenter->versions()->versionAt(row)) {
            versions << version->id;
        }
    }
    return versions;
}

void VersionsTab::updateButtons() {
    m_compare->setEnabled(selectedVersions().size() == 2);
}

void VersionsTab::requestCompare() {
    const QStringList versions = selectedVersions();
    if (versions.size() == 2) {
        Q_EMIT compareRequested(versions.at(0), versions.at(1));
    }
}

} // namespace strongroom
