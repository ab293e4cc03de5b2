#include "AuditEntriesModel.h"

#include <algorithm>

namespace strongroom {

AuditEntriesModel::AuditEntriesModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void AuditEntriesModel::setFilter(const QString& connection, const QString& path) {
    m_connection = connection;
    m_path = path;
}

void AuditEntriesModel::setEntries(QList<AuditEntry> entries) {
    entries.removeIf([this](const AuditEntry& entry) { return !accepts(entry); });
    std::stable_sort(entries.begin(), entries.end(), [](const AuditEntry& a, const AuditEntry& b) {
        return a.seq != b.seq ? a.seq > b.seq : a.time > b.time;
    });
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

void AuditEntriesModel::addEntry(const AuditEntry& entry) {
    if (!accepts(entry)) {
        return;
    }
    for (const auto& known : m_entries) {
        if (known.seq == entry.seq && known.time == entry.time) {
            return; // already loaded by setEntries
        }
    }
    beginInsertRows({}, 0, 0);
    m_entries.prepend(entry);
    endInsertRows();
}

void AuditEntriesModel::clear() {
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

const AuditEntry* AuditEntriesModel::entryAt(int row) const {
    return row >= 0 && row < m_entries.size() ? &m_entries[row] : nullptr;
}

bool AuditEntriesModel::accepts(const AuditEntry& entry) const {
    if (m_connection.isEmpty()) {
        return true;
    }
    return entry.connection == m_connection && entry.path == m_path;
}

int AuditEntriesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int AuditEntriesModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditEntriesModel::data(const QModelIndex& index, int role) const {
    const AuditEntry* entry = index.isValid() ? entryAt(index.row()) : nullptr;
    if (!entry) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return entry->time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case ActorColumn:
            return entry->actor;
        case ActionColumn:
            return entry->action;
        case PathColumn:
            return entry->path;
        case VersionsColumn:
            return entry->versions.join(QStringLiteral(", "));
        case ResultColumn:
            return entry->result;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return entry->detail.isEmpty() ? QVariant() : QVariant(entry->detail);
    case SucceededRole:
        return entry->succeeded();
    case SequenceRole:
        return entry->seq;
    default:
        return {};
    }
}

QVariant AuditEntriesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ActorColumn:
        return tr("Actor");
    case ActionColumn:
        return tr("Action");
    case PathColumn:
        return tr("Path");
    case VersionsColumn:
        return tr("Versions");
    case ResultColumn:
        return tr("Result");
    default:
        return {};
    }
}

} // namespace strongroom
