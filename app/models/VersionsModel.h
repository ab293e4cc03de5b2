#pragma once

#include "VersionInfo.h"

#include <QAbstractTableModel>
#include <QList>

namespace strongroom {

// The version history of one secret, newest first: id, created, marks and labels in words,
// deleted at, expires, not before, and when a pending destroy happens.
class VersionsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        CreatedColumn,
        MarksColumn,
        DeletedColumn,
        ExpiresColumn,
        NotBeforeColumn,
        DestroyAtColumn,
        ColumnCount
    };
    enum Role {
        VersionIdRole = Qt::UserRole + 1,
        ReadableRole, // false for deleted, destroyed or disabled versions
        CurrentRole,
    };

    explicit VersionsModel(QObject* parent = nullptr);

    void setVersions(QList<VersionInfo> versions);
    void clear();
    const VersionInfo* versionAt(int row) const;
    int rowOf(const QString& versionId) const;
    QString currentVersionId() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "current, deleted · labels: AWSPREVIOUS" style text used by the Marks column; a pending
    // destroy reads "destroy pending".
    static QString describeMarks(const VersionInfo& version);

private:
    QList<VersionInfo> m_versions;
};

} // namespace strongroom
