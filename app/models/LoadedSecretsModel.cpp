#include "LoadedSecretsModel.h"

#include "ConnectionTreeModel.h"

#include <algorithm>

namespace strongroom {

LoadedSecretsModel::LoadedSecretsModel(ConnectionTreeModel* tree, QObject* parent)
    : QAbstractListModel(parent)
    , m_tree(tree) {
    connect(tree, &ConnectionTreeModel::secretsLoaded, this, &LoadedSecretsModel::addSecrets);
    connect(tree, &ConnectionTreeModel::secretsDropped, this, &LoadedSecretsModel::dropSecrets);
}

void LoadedSecretsModel::addSecrets(const QString& connectionId, const QList<Entry>& secrets) {
    if (secrets.isEmpty()) {
        return;
    }
    const QString connectionName = m_tree->connectionName(connectionId);
    const int first = static_cast<int>(m_items.size());
    beginInsertRows({}, first, first + static_cast<int>(secrets.size()) - 1);
    m_items.reserve(m_items.size() + static_cast<std::size_t>(secrets.size()));
    for (const Entry& entry : secrets) {
        m_items.push_back({connectionId, connectionName, entry.path});
    }
    endInsertRows();
}

void LoadedSecretsModel::dropSecrets(const QString& connectionId, const QString& folder) {
    const auto dropped = [&](const Item& item) {
        return item.connectionId == connectionId && item.path.startsWith(folder);
    };
    if (std::none_of(m_items.begin(), m_items.end(), dropped)) {
        return;
    }
    // A dropped folder can be spread over the list; one reset is cheaper than many removes.
    beginResetModel();
    m_items.erase(std::remove_if(m_items.begin(), m_items.end(), dropped), m_items.end());
    endResetModel();
}

int LoadedSecretsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_items.size());
}

QVariant LoadedSecretsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const Item& item = m_items[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1 — %2").arg(item.path, item.connectionName);
    case PathRole:
        return item.path;
    case ConnectionIdRole:
        return item.connectionId;
    case ConnectionNameRole:
        return item.connectionName;
    default:
        return {};
    }
}

} // namespace strongroom
