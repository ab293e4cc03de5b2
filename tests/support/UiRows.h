#pragma once

// Reading rows back from the UI suites' views (tests/ui), header-only: the tree's proxied rows
// and the diff view's visible rows.

#include "ConnectionTreeModel.h"
#include "DiffView.h"

#include <QAbstractItemModel>
#include <QLatin1Char>
#include <QModelIndex>
#include <QString>
#include <QStringList>
#include <QTableWidget>
#include <QTreeView>

namespace strongroom::testing {

// The view's row of `path` under the connection `connectionId` (the view shows proxies).
inline QModelIndex viewIndex(QTreeView* view, const QString& connectionId, const QString& path,
                             const QModelIndex& parent = {}) {
    const QAbstractItemModel* model = view->model();
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        if (index.data(ConnectionTreeModel::ConnectionIdRole).toString() != connectionId) {
            continue;
        }
        if (index.data(ConnectionTreeModel::PathRole).toString() == path) {
            return index;
        }
        if (const QModelIndex below = viewIndex(view, connectionId, path, index); below.isValid()) {
            return below;
        }
    }
    return {};
}

// The names shown under `parent`, in the view's order.
inline QStringList childNames(QTreeView* view, const QModelIndex& parent) {
    QStringList names;
    for (int row = 0; row < view->model()->rowCount(parent); ++row) {
        names << view->model()->index(row, 0, parent).data().toString();
    }
    return names;
}

// "<key> <change>" for each row of a DiffView table that is not hidden.
inline QStringList diffRows(QTableWidget* table) {
    QStringList rows;
    for (int row = 0; row < table->rowCount(); ++row) {
        if (!table->isRowHidden(row)) {
            rows << table->item(row, DiffView::KeyColumn)->text() + QLatin1Char(' ') +
                        table->item(row, DiffView::ChangeColumn)->text();
        }
    }
    return rows;
}

} // namespace strongroom::testing
