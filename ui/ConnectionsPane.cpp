#include "ConnectionsPane.h"

#include "ConnectionIconProxy.h"
#include "ConnectionTreeModel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace strongroom {

ConnectionsPane::ConnectionsPane(ConnectionTreeModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_icons(new ConnectionIconProxy(this))
    , m_filterModel(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_view(new QTreeView(this)) {
    m_icons->setSourceModel(model);
    m_filterModel->setSourceModel(m_icons);
    // Keep the folders that lead to a match, so a hit deep in the tree stays reachable.
    m_filterModel->setRecursiveFilteringEnabled(true);
    m_filterModel->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filter->setPlaceholderText(tr("Filter loaded secrets"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter"));

    m_view->setModel(m_filterModel);
    m_view->setHeaderHidden(true);
    m_view->setUniformRowHeights(true); // keeps 100k-row folders cheap to lay out
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAccessibleName(tr("Connections"));
    m_view->header()->setStretchLastSection(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_view);

    connect(m_filter, &QLineEdit::textChanged, m_filterModel,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { currentChanged(current); });
    connect(m_view, &QTreeView::collapsed, this, &ConnectionsPane::collapsed);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QTreeView::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex source = sourceIndex(m_view->indexAt(pos));
        if (source.isValid()) {
            Q_EMIT contextMenuRequested(
                source.data(ConnectionTreeModel::ConnectionIdRole).toString(),
                source.data(ConnectionTreeModel::PathRole).toString(),
                m_view->viewport()->mapToGlobal(pos));
        }
    });
}

QModelIndex ConnectionsPane::sourceIndex(const QModelIndex& viewIndex) const {
    return m_icons->mapToSource(m_filterModel->mapToSource(viewIndex));
}

QString ConnectionsPane::currentConnectionId() const {
    return sourceIndex(m_view->currentIndex())
        .data(ConnectionTreeModel::ConnectionIdRole)
        .toString();
}

QString ConnectionsPane::currentPath() const {
    return sourceIndex(m_view->currentIndex()).data(ConnectionTreeModel::PathRole).toString();
}

bool ConnectionsPane::selectSecret(const QString& connectionId, const QString& path) {
    const QModelIndex source = m_model->indexForPath(connectionId, path);
    if (!source.isValid()) {
        return false;
    }
    if (!m_filter->text().isEmpty()) {
        m_filter->clear(); // a filtered-out row cannot be selected
    }
    const QModelIndex viewIndex = m_filterModel->mapFromSource(m_icons->mapFromSource(source));
    m_view->scrollTo(viewIndex);
    m_view->setCurrentIndex(viewIndex);
    return true;
}

void ConnectionsPane::refreshCurrent() {
    QModelIndex source = sourceIndex(m_view->currentIndex());
    if (!source.isValid()) {
        source = m_model->index(0, 0);
    }
    if (source.data(ConnectionTreeModel::KindRole).toInt() ==
        static_cast<int>(ConnectionTreeModel::NodeKind::Secret)) {
        source = source.parent();
    }
    m_model->refresh(source);
    m_view->expand(m_filterModel->mapFromSource(m_icons->mapFromSource(source)));
}

void ConnectionsPane::currentChanged(const QModelIndex& current) {
    const QModelIndex source = sourceIndex(current);
    const auto kind = static_cast<ConnectionTreeModel::NodeKind>(
        source.data(ConnectionTreeModel::KindRole).toInt());
    const QString connectionId = source.data(ConnectionTreeModel::ConnectionIdRole).toString();
    const QString path = source.data(ConnectionTreeModel::PathRole).toString();
    if (!source.isValid() || kind == ConnectionTreeModel::NodeKind::StatusRow) {
        return;
    }
    if (kind == ConnectionTreeModel::NodeKind::Secret) {
        Q_EMIT secretSelected(connectionId, path);
    } else {
        Q_EMIT folderSelected(connectionId, path);
    }
}

void ConnectionsPane::collapsed(const QModelIndex& index) {
    m_model->cancelLoading(sourceIndex(index));
}

} // namespace strongroom
