#include "QuickOpenModel.h"

#include "LoadedSecretsModel.h"

namespace strongroom {

QuickOpenModel::QuickOpenModel(ConnectionTreeModel* tree, QObject* parent)
    : QSortFilterProxyModel(parent)
    , m_loaded(new LoadedSecretsModel(tree, this)) {
    setSourceModel(m_loaded);
}

void QuickOpenModel::setQuery(const QString& query) {
    const QStringList words = query.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words == m_words) {
        return;
    }
    m_words = words;
    invalidateFilter();
}

int QuickOpenModel::totalCount() const {
    return m_loaded->rowCount();
}

bool QuickOpenModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (m_words.isEmpty()) {
        return true;
    }
    const QString path =
        m_loaded->index(sourceRow, 0, sourceParent).data(LoadedSecretsModel::PathRole).toString();
    for (const QString& word : m_words) {
        if (!path.contains(word, Qt::CaseInsensitive)) {
            return false;
        }
    }
    return true;
}

} // namespace strongroom
