#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

namespace strongroom {

class ConnectionTreeModel;
class LoadedSecretsModel;

// Quick open (Ctrl+K): every secret loaded in the tree, across connections, filtered by what the
// operator types. Each whitespace-separated word must appear in the path, in any case.
class QuickOpenModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit QuickOpenModel(ConnectionTreeModel* tree, QObject* parent = nullptr);

    void setQuery(const QString& query);
    QString query() const { return m_words.join(QLatin1Char(' ')); }
    // Rows of the unfiltered list, for "n of m" hints.
    int totalCount() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    LoadedSecretsModel* m_loaded;
    QStringList m_words;
};

} // namespace strongroom
