#pragma once

#include "AuditEntry.h"

#include <QAbstractTableModel>
#include <QList>

namespace strongroom {

// Audit entries as a table (time, actor, action, path, versions, result), newest first. With a
// filter set it only accepts entries about that connection and path, so the Activity tab can
// follow AuditLog::appended live.
class AuditEntriesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        ActorColumn,
        ActionColumn,
        PathColumn,
        VersionsColumn,
        ResultColumn,
        ColumnCount
    };
    enum Role { SucceededRole = Qt::UserRole + 1, SequenceRole };

    explicit AuditEntriesModel(QObject* parent = nullptr);

    // Only entries about this secret are kept from now on (empty connection = no filter).
    void setFilter(const QString& connection, const QString& path);
    // Replaces the rows (entries in any order; shown newest first).
    void setEntries(QList<AuditEntry> entries);
    // Adds one entry if it passes the filter; connect AuditLog::appended here.
    void addEntry(const strongroom::AuditEntry& entry);
    void clear();
    const AuditEntry* entryAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    bool accepts(const AuditEntry& entry) const;

    QString m_connection;
    QString m_path;
    QList<AuditEntry> m_entries; // newest first
};

} // namespace strongroom
