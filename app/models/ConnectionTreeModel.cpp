#include "ConnectionTreeModel.h"

#include "EventLoopTurn.h"

#include <QCoroTimer>

#include <chrono>

namespace strongroom {

struct ConnectionTreeModel::Node {
    NodeKind kind = NodeKind::Folder;
    QString name;
    QString path; // store path; "" for a connection, folders end with '/'
    Node* parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;

    // Listing state of a connection or folder.
    bool loading = false;
    bool complete = false;
    QString cursor;
    QString error;
    CancelToken cancel;

    // Connection rows only.
    QString connectionId;
    QPointer<SecretBackend> backend;
    QMetaObject::Connection stateWatch;

    bool isContainer() const { return kind == NodeKind::Connection || kind == NodeKind::Folder; }
    bool hasStatusRow() const {
        return !children.empty() && children.back()->kind == NodeKind::StatusRow;
    }
    int entryCount() const { return static_cast<int>(children.size()) - (hasStatusRow() ? 1 : 0); }
};

ConnectionTreeModel::ConnectionTreeModel(QObject* parent)
    : QAbstractItemModel(parent) {}

ConnectionTreeModel::~ConnectionTreeModel() {
    // Listings still in flight resume into a dead model otherwise; the token tells them to stop.
    for (const auto& connection : m_connections) {
        cancelSubtree(connection.get());
    }
}

void ConnectionTreeModel::addConnection(const QString& id, const QString& displayName,
                                        SecretBackend* backend) {
    const int row = static_cast<int>(m_connections.size());
    auto node = std::make_unique<Node>();
    node->kind = NodeKind::Connection;
    node->name = displayName;
    node->row = row;
    node->connectionId = id;
    node->backend = backend;
    Node* raw = node.get();
    if (backend) {
        node->stateWatch = connect(backend, &SecretBackend::stateChanged, this,
                                   [this, raw](ConnectionState) { connectionStateChanged(raw); });
    }
    beginInsertRows({}, row, row);
    m_connections.push_back(std::move(node));
    endInsertRows();
}

void ConnectionTreeModel::removeConnection(const QString& id) {
    for (std::size_t i = 0; i < m_connections.size(); ++i) {
        Node* node = m_connections[i].get();
        if (node->connectionId != id) {
            continue;
        }
        cancelSubtree(node);
        disconnect(node->stateWatch);
        const int row = static_cast<int>(i);
        beginRemoveRows({}, row, row);
        m_connections.erase(m_connections.begin() + row);
        for (std::size_t j = i; j < m_connections.size(); ++j) {
            m_connections[j]->row = static_cast<int>(j);
        }
        endRemoveRows();
        Q_EMIT secretsDropped(id, QString());
        return;
    }
}

QModelIndex ConnectionTreeModel::connectionIndex(const QString& id) const {
    for (const auto& node : m_connections) {
        if (node->connectionId == id) {
            return createIndex(node->row, 0, node.get());
        }
    }
    return {};
}

QString ConnectionTreeModel::connectionName(const QString& id) const {
    for (const auto& node : m_connections) {
        if (node->connectionId == id) {
            return node->name;
        }
    }
    return {};
}

std::optional<QList<Entry>> ConnectionTreeModel::loadedEntries(const QString& connectionId,
                                                               const QString& folder) const {
    const auto index = indexForPath(connectionId, folder);
    const Node* node = nodeFor(index);
    if (!node || !node->isContainer() || !node->complete || node->loading ||
        !node->error.isEmpty()) {
        return std::nullopt;
    }
    QList<Entry> entries;
    entries.reserve(node->entryCount());
    for (const auto& child : node->children) {
        if (child->kind == NodeKind::Folder) {
            entries.append({Entry::Kind::Folder, child->name, child->path});
        } else if (child->kind == NodeKind::Secret) {
            entries.append({Entry::Kind::Secret, child->name, child->path});
        }
    }
    return entries;
}

QModelIndex ConnectionTreeModel::indexForPath(const QString& connectionId,
                                              const QString& path) const {
    QModelIndex current = connectionIndex(connectionId);
    Node* node = nodeFor(current);
    if (!node || path.isEmpty()) {
        return current;
    }
    // Walk segment by segment: "a/b/c" -> "a/", "a/b/", "a/b/c".
    qsizetype from = 0;
    while (node) {
        const auto slash = path.indexOf(QLatin1Char('/'), from);
        const QString prefix = slash < 0 ? path : path.left(slash + 1);
        Node* next = nullptr;
        for (const auto& child : node->children) {
            if (child->kind != NodeKind::StatusRow && child->path == prefix) {
                next = child.get();
                break;
            }
        }
        if (!next) {
            return {};
        }
        if (slash < 0 || slash + 1 == path.size()) {
            return indexFor(next);
        }
        node = next;
        from = slash + 1;
    }
    return {};
}

void ConnectionTreeModel::refresh(const QModelIndex& index) {
    Node* node = nodeFor(index);
    while (node && !node->isContainer()) {
        node = node->parent;
    }
    if (!node) {
        return;
    }
    const QModelIndex container = indexFor(node);
    cancelSubtree(node);
    if (!node->children.empty()) {
        beginRemoveRows(container, 0, static_cast<int>(node->children.size()) - 1);
        node->children.clear();
        endRemoveRows();
    }
    node->loading = false;
    node->complete = false;
    node->cursor.clear();
    node->error.clear();
    Q_EMIT dataChanged(container, container);
    Q_EMIT secretsDropped(connectionNode(node)->connectionId, node->path);
    fetchMore(container);
}

void ConnectionTreeModel::cancelLoading(const QModelIndex& index) {
    if (Node* node = nodeFor(index)) {
        cancelSubtree(node);
    }
}

void ConnectionTreeModel::cancelSubtree(Node* node) {
    if (node->loading) {
        node->cancel.cancel();
        node->loading = false;
        removeStatusRow(node);
    }
    for (const auto& child : node->children) {
        if (child->isContainer()) {
            cancelSubtree(child.get());
        }
    }
}

QModelIndex ConnectionTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (column != 0 || row < 0) {
        return {};
    }
    if (!parent.isValid()) {
        if (row >= static_cast<int>(m_connections.size())) {
            return {};
        }
        return createIndex(row, 0, m_connections[static_cast<std::size_t>(row)].get());
    }
    Node* node = nodeFor(parent);
    if (!node || row >= static_cast<int>(node->children.size())) {
        return {};
    }
    return createIndex(row, 0, node->children[static_cast<std::size_t>(row)].get());
}

QModelIndex ConnectionTreeModel::parent(const QModelIndex& child) const {
    Node* node = nodeFor(child);
    if (!node || !node->parent) {
        return {};
    }
    return indexFor(node->parent);
}

int ConnectionTreeModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) {
        return static_cast<int>(m_connections.size());
    }
    if (parent.column() != 0) {
        return 0;
    }
    Node* node = nodeFor(parent);
    return node ? static_cast<int>(node->children.size()) : 0;
}

int ConnectionTreeModel::columnCount(const QModelIndex&) const {
    return 1;
}

QVariant ConnectionTreeModel::data(const QModelIndex& index, int role) const {
    Node* node = nodeFor(index);
    if (!node) {
        return {};
    }
    const bool isConnection = node->kind == NodeKind::Connection;
    const ConnectionState state =
        isConnection && node->backend ? node->backend->state() : ConnectionState::Offline;
    switch (role) {
    case Qt::DisplayRole:
        if (node->kind == NodeKind::StatusRow) {
            return node->error.isEmpty() ? tr("Loading…")
                                         : tr("Could not list: %1").arg(node->error);
        }
        if (isConnection && state != ConnectionState::Connected) {
            return tr("%1 (%2)").arg(node->name, connectionStateName(state));
        }
        return node->name;
    case Qt::ToolTipRole:
        if (isConnection) {
            const QString provider = node->backend ? node->backend->providerId() : QString();
            return tr("%1 — %2, %3").arg(node->name, provider, connectionStateName(state));
        }
        if (node->kind == NodeKind::StatusRow) {
            return node->error;
        }
        return node->path;
    case KindRole:
        return static_cast<int>(node->kind);
    case PathRole:
        return node->path;
    case ConnectionIdRole:
        return connectionNode(node)->connectionId;
    case IconNameRole:
        switch (node->kind) {
        case NodeKind::Connection:
            return QStringLiteral("provider/%1")
                .arg(node->backend ? node->backend->providerId() : QStringLiteral("unknown"));
        case NodeKind::Folder:
            return QStringLiteral("folder");
        case NodeKind::Secret:
            return QStringLiteral("secret");
        case NodeKind::StatusRow:
            return node->error.isEmpty() ? QStringLiteral("loading") : QStringLiteral("error");
        }
        return {};
    case StateRole:
        return isConnection ? connectionStateName(state) : QVariant();
    case LoadingRole:
        return node->loading;
    case ErrorRole:
        return node->error;
    default:
        return {};
    }
}

Qt::ItemFlags ConnectionTreeModel::flags(const QModelIndex& index) const {
    Node* node = nodeFor(index);
    if (!node) {
        return Qt::NoItemFlags;
    }
    if (node->kind == NodeKind::StatusRow) {
        return Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
    }
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (node->kind == NodeKind::Secret) {
        result |= Qt::ItemNeverHasChildren;
    }
    return result;
}

bool ConnectionTreeModel::hasChildren(const QModelIndex& parent) const {
    if (!parent.isValid()) {
        return !m_connections.empty();
    }
    Node* node = nodeFor(parent);
    if (!node || parent.column() != 0 || !node->isContainer()) {
        return false;
    }
    // Unlisted folders offer an expander so the view asks us to fetch them.
    return !node->children.empty() || !node->complete;
}

bool ConnectionTreeModel::canFetchMore(const QModelIndex& parent) const {
    Node* node = nodeFor(parent);
    return node && node->isContainer() && !node->loading && !node->complete &&
           node->error.isEmpty();
}

void ConnectionTreeModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent)) {
        return;
    }
    Node* folder = nodeFor(parent);
    // One listing per folder, and every listing's token reachable from its node: a view may ask
    // again while refresh() has the folder between cancelled and re-listed, and a listing whose
    // token is replaced without being cancelled would outlive the node it appends to.
    folder->cancel.cancel();
    const CancelToken cancel;
    folder->cancel = cancel;
    folder->loading = true;
    // Views (and QAbstractItemModelTester) call fetchMore from inside model signals; the listing
    // and its row changes start on the next turn of the event loop instead of re-entering them.
    // A folder dropped meanwhile was cancelled first, so the token guards the raw pointer.
    QMetaObject::invokeMethod(
        this,
        [this, folder, cancel] {
            if (!cancel.isCancelled()) {
                listFolder(folder, cancel);
            }
        },
        Qt::QueuedConnection);
}

QCoro::Task<> ConnectionTreeModel::listFolder(Node* folder, CancelToken cancel) {
    QPointer<ConnectionTreeModel> self(this);
    Node* connection = connectionNode(folder);
    QPointer<SecretBackend> backend = connection->backend;
    const QString connectionId = connection->connectionId;
    const QString path = folder->path;
    folder->error.clear();
    showStatusRow(folder, {});

    QString error;
    while (true) {
        if (!backend) {
            error = tr("the connection is closed");
            break;
        }
        auto pageTask = backend->list(path, PageRequest{folder->cursor, m_pageSize}, cancel);
        auto page = co_await pageTask;
        // The node is only freed after its token was cancelled, so this guards both.
        if (!self || cancel.isCancelled()) {
            co_return;
        }
        if (!page.ok()) {
            error = page.error().message();
            break;
        }
        appendEntries(folder, page->entries);
        folder->cursor = page->nextCursor;
        if (page->isLast()) {
            folder->complete = true;
            break;
        }
        // Let the view paint and the user act between pages, even when the store answers at once.
        co_await EventLoopTurn{};
        if (!self || cancel.isCancelled()) {
            co_return;
        }
    }
    folder->loading = false;
    folder->error = error;
    if (error.isEmpty()) {
        removeStatusRow(folder);
    } else {
        showStatusRow(folder, error);
    }
    const QModelIndex index = indexFor(folder);
    Q_EMIT dataChanged(index, index);
    Q_EMIT folderLoaded(connectionId, path, error);
}

void ConnectionTreeModel::appendEntries(Node* folder, const QList<Entry>& entries) {
    if (entries.isEmpty()) {
        return;
    }
    const int first = folder->entryCount();
    const int count = static_cast<int>(entries.size());
    std::vector<std::unique_ptr<Node>> batch;
    batch.reserve(entries.size());
    QList<Entry> secrets;
    for (const Entry& entry : entries) {
        auto node = std::make_unique<Node>();
        node->kind = entry.isFolder() ? NodeKind::Folder : NodeKind::Secret;
        node->name = entry.name;
        node->path = entry.path;
        node->parent = folder;
        node->row = first + static_cast<int>(batch.size());
        if (!entry.isFolder()) {
            secrets.append(entry);
        }
        batch.push_back(std::move(node));
    }
    beginInsertRows(indexFor(folder), first, first + count - 1);
    folder->children.insert(folder->children.begin() + first,
                            std::make_move_iterator(batch.begin()),
                            std::make_move_iterator(batch.end()));
    if (folder->hasStatusRow()) {
        folder->children.back()->row = static_cast<int>(folder->children.size()) - 1;
    }
    endInsertRows();
    if (!secrets.isEmpty()) {
        Q_EMIT secretsLoaded(connectionNode(folder)->connectionId, secrets);
    }
}

void ConnectionTreeModel::showStatusRow(Node* folder, const QString& error) {
    if (folder->hasStatusRow()) {
        Node* status = folder->children.back().get();
        status->error = error;
        const QModelIndex index = indexFor(status);
        Q_EMIT dataChanged(index, index);
        return;
    }
    const int row = static_cast<int>(folder->children.size());
    auto status = std::make_unique<Node>();
    status->kind = NodeKind::StatusRow;
    status->parent = folder;
    status->row = row;
    status->error = error;
    beginInsertRows(indexFor(folder), row, row);
    folder->children.push_back(std::move(status));
    endInsertRows();
}

void ConnectionTreeModel::removeStatusRow(Node* folder) {
    if (!folder->hasStatusRow()) {
        return;
    }
    const int row = static_cast<int>(folder->children.size()) - 1;
    beginRemoveRows(indexFor(folder), row, row);
    folder->children.pop_back();
    endRemoveRows();
}

void ConnectionTreeModel::connectionStateChanged(Node* connection) {
    const QModelIndex index = indexFor(connection);
    Q_EMIT dataChanged(index, index);
}

ConnectionTreeModel::Node* ConnectionTreeModel::nodeFor(const QModelIndex& index) const {
    if (!index.isValid() || index.model() != this) {
        return nullptr;
    }
    return static_cast<Node*>(index.internalPointer());
}

QModelIndex ConnectionTreeModel::indexFor(Node* node) const {
    if (!node) {
        return {};
    }
    return createIndex(node->row, 0, node);
}

ConnectionTreeModel::Node* ConnectionTreeModel::connectionNode(Node* node) const {
    while (node->parent) {
        node = node->parent;
    }
    return node;
}

} // namespace strongroom
