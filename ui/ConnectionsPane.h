#pragma once

#include <QPoint>
#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace strongroom {

class ConnectionIconProxy;
class ConnectionTreeModel;

// The left side of the main window: every connection with its folders and secrets, loaded as the
// operator expands them, and a filter box over what is loaded. Collapsing a folder stops its
// listing; selecting a secret tells the main window to open it.
class ConnectionsPane : public QWidget {
    Q_OBJECT
public:
    explicit ConnectionsPane(ConnectionTreeModel* model, QWidget* parent = nullptr);

    QTreeView* treeView() const { return m_view; }
    QLineEdit* filterField() const { return m_filter; }
    // Connection id and path of the current row ("" path = the connection itself).
    QString currentConnectionId() const;
    QString currentPath() const;
    // Selects (and shows) a secret already loaded in the tree.
    bool selectSecret(const QString& connectionId, const QString& path);
    // Re-lists the folder of the current row (or its connection).
    void refreshCurrent();

Q_SIGNALS:
    void secretSelected(const QString& connectionId, const QString& path);
    void folderSelected(const QString& connectionId, const QString& path);
    // Right click on a row: the window builds the menu for that connection and path.
    void contextMenuRequested(const QString& connectionId, const QString& path,
                              const QPoint& globalPos);

private:
    void currentChanged(const QModelIndex& current);
    void collapsed(const QModelIndex& index);
    QModelIndex sourceIndex(const QModelIndex& viewIndex) const;

    ConnectionTreeModel* m_model;
    ConnectionIconProxy* m_icons;
    QSortFilterProxyModel* m_filterModel;
    QLineEdit* m_filter;
    QTreeView* m_view;
};

} // namespace strongroom
