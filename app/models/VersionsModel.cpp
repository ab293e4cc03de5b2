#include "VersionsModel.h"

#include <algorithm>

namespace strongroom {

namespace {

QString formatTime(const QDateTime& time) {
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                          : QString();
}

// Integer ids (Vault, local, GCP) sort numerically; others (UUIDs, hex) fall back to creation.
bool newerThan(const VersionInfo& a, const VersionInfo& b) {
    bool aNumeric = false;
    bool bNumeric = false;
    const qlonglong aId = a.id.toLongLong(&aNumeric);
    const qlonglong bId = b.id.toLongLong(&bNumeric);
    if (aNumeric && bNumeric) {
        return aId > bId;
    }
    if (a.created != b.created) {
        return a.created > b.created;
    }
    return a.id > b.id;
}

} // namespace

VersionsModel::VersionsModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void VersionsModel::setVersions(QList<VersionInfo> versions) {
    std::stable_sort(versions.begin(), versions.end(), newerThan);
    beginResetModel();
    m_versions = std::move(versions);
    endResetModel();
}

void VersionsModel::clear() {
    setVersions({});
}

const VersionInfo* VersionsModel::versionAt(int row) const {
    if (row < 0 || row >= m_versions.size()) {
        return nullptr;
    }
    return &m_versions[row];
}

int VersionsModel::rowOf(const QString& versionId) const {
    for (int row = 0; row < m_versions.size(); ++row) {
        if (m_versions[row].id == versionId) {
            return row;
        }
    }
    return -1;
}

QString VersionsModel::currentVersionId() const {
    for (const auto& version : m_versions) {
        if (version.marks.testFlag(VersionMark::Current)) {
            return version.id;
        }
    }
    return {};
}

int VersionsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_versions.size());
}

int VersionsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant VersionsModel::data(const QModelIndex& index, int role) const {
    const VersionInfo* version = index.isValid() ? versionAt(index.row()) : nullptr;
    if (!version) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            return version->id;
        case CreatedColumn:
            return formatTime(version->created);
        case MarksColumn:
            return describeMarks(*version);
        case DeletedColumn:
            return formatTime(version->deletedAt);
        case ExpiresColumn:
            return formatTime(version->expires);
        case NotBeforeColumn:
            return formatTime(version->notBefore);
        case DestroyAtColumn:
            return formatTime(version->destroyAt);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == CreatedColumn && version->created.isValid()) {
            return version->created.toString(Qt::ISODateWithMs);
        }
        return {};
    case VersionIdRole:
        return version->id;
    case ReadableRole:
        return version->isReadable();
    case CurrentRole:
        return version->marks.testFlag(VersionMark::Current);
    default:
        return {};
    }
}

QVariant VersionsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case IdColumn:
        return tr("Version");
    case CreatedColumn:
        return tr("Created");
    case MarksColumn:
        return tr("Marks");
    case DeletedColumn:
        return tr("Deleted at");
    case ExpiresColumn:
        return tr("Expires");
    case NotBeforeColumn:
        return tr("Not before");
    case DestroyAtColumn:
        return tr("Destroyed on");
    default:
        return {};
    }
}

QString VersionsModel::describeMarks(const VersionInfo& version) {
    QStringList marks = markNames(version.marks);
    if (version.destroyAt.isValid() && !version.marks.testFlag(VersionMark::Destroyed)) {
        marks << tr("destroy pending");
    }
    QString text = marks.join(QStringLiteral(", "));
    if (!version.labels.isEmpty()) {
        if (!text.isEmpty()) {
            text += QStringLiteral(" · ");
        }
        text += tr("labels: %1").arg(version.labels.join(QStringLiteral(", ")));
    }
    return text;
}

} // namespace strongroom
