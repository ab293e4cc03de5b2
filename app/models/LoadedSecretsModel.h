#pragma once

#include "Entry.h"

#include <QAbstractListModel>
#include <QList>
#include <QString>

#include <vector>

namespace strongroom {

class ConnectionTreeModel;

// Every secret the connections tree has loaded so far, as one flat list (the source of quick
// open). Follows the tree: batches the tree appends arrive as one insert each; dropped folders
// are removed.
class LoadedSecretsModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { PathRole = Qt::UserRole + 1, ConnectionIdRole, ConnectionNameRole };

    explicit LoadedSecretsModel(ConnectionTreeModel* tree, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    struct Item {
        QString connectionId;
        QString connectionName;
        QString path;
    };

    void addSecrets(const QString& connectionId, const QList<Entry>& secrets);
    void dropSecrets(const QString& connectionId, const QString& folder);

    ConnectionTreeModel* m_tree;
    std::vector<Item> m_items;
};

} // namespace strongroom
