#pragma once

#include "CancelToken.h"
#include "Entry.h"
#include "SecretBackend.h"

#include <QAbstractItemModel>
#include <QCoroTask>
#include <QList>
#include <QPointer>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace strongroom {

// The connections tree: one top-level row per connection, folders and secrets below. Folders are
// listed lazily, page by page, when a view asks (canFetchMore/fetchMore): the first page shows as
// soon as it arrives and later pages are appended as one batch each, so a folder of 100k entries
// costs ~100 inserts, never one per row. While a folder loads, a trailing "Loading…" row shows;
// a failed page turns it into an error row. Collapsing or refreshing cancels the listing.
class ConnectionTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum class NodeKind { Connection, Folder, Secret, StatusRow };
    Q_ENUM(NodeKind)

    enum Role {
        KindRole = Qt::UserRole + 1, // NodeKind as int
        PathRole,                    // store path ("" for a connection)
        ConnectionIdRole,
        IconNameRole, // "provider/<id>", "folder", "secret", "loading", "error"
        StateRole,    // connection state name (connection rows only)
        LoadingRole,  // true while this folder is being listed
        ErrorRole,    // last listing error of this folder, or the status row's error
    };

    explicit ConnectionTreeModel(QObject* parent = nullptr);
    ~ConnectionTreeModel() override;

    void addConnection(const QString& id, const QString& displayName, SecretBackend* backend);
    void removeConnection(const QString& id);
    QModelIndex connectionIndex(const QString& id) const;
    QString connectionName(const QString& id) const;
    // The row of `path` ("" = the connection) if it is loaded already.
    QModelIndex indexForPath(const QString& connectionId, const QString& path) const;

    // Every entry of `folder` when it is completely listed already (the recursive search reuses
    // these instead of listing again); nullopt when it is not loaded or only partly.
    std::optional<QList<Entry>> loadedEntries(const QString& connectionId,
                                              const QString& folder) const;

    // Page size asked from the backend; tests shrink it to exercise paging.
    void setPageSize(int size) { m_pageSize = size; }

    // Drops what is loaded below `index` and lists it again.
    void refresh(const QModelIndex& index);
    // Stops listing below `index` (on collapse); what arrived stays, the rest loads on next expand.
    void cancelLoading(const QModelIndex& index);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

Q_SIGNALS:
    // Secrets that became visible in the tree, for the quick-open list.
    void secretsLoaded(const QString& connectionId, const QList<strongroom::Entry>& secrets);
    // Everything below `folder` of `connectionId` was dropped ("" folder = whole connection).
    void secretsDropped(const QString& connectionId, const QString& folder);
    // A whole folder finished listing (or failed: error non-empty).
    void folderLoaded(const QString& connectionId, const QString& folder, const QString& error);

private:
    struct Node;
    Node* nodeFor(const QModelIndex& index) const;
    QModelIndex indexFor(Node* node) const;
    Node* connectionNode(Node* node) const;
    QCoro::Task<> listFolder(Node* folder, CancelToken cancel);
    void appendEntries(Node* folder, const QList<Entry>& entries);
    void showStatusRow(Node* folder, const QString& error);
    void removeStatusRow(Node* folder);
    void cancelSubtree(Node* node);
    void connectionStateChanged(Node* connection);

    std::vector<std::unique_ptr<Node>> m_connections;
    int m_pageSize = 1000;
};

} // namespace strongroom
