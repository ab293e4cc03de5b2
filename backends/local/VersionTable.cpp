#include "VersionTable.h"

#include "LocalSqlError.h"

#include <QSqlQuery>
#include <QVariant>

namespace strongroom {

namespace {

BackendError failed(const QSqlQuery& query, const char* doing) {
    return LocalSqlError::from(query.lastError(), QString::fromLatin1(doing));
}

VersionRow rowFrom(const QSqlQuery& query) {
    VersionRow row;
    row.version = query.value(0).toLongLong();
    row.created = query.value(1).toLongLong();
    if (!query.value(2).isNull()) {
        row.deletedAt = query.value(2).toLongLong();
    }
    row.destroyed = query.value(3).toBool();
    row.format = query.value(4).toString();
    row.contentType = query.value(5).toString();
    return row;
}

} // namespace

Status VersionTable::insert(qint64 secretId, const VersionRow& row) {
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO versions (secret_id, version, created_at, format, "
                                 "content_type, ciphertext) VALUES (?, ?, ?, ?, ?, ?)"));
    query.addBindValue(secretId);
    query.addBindValue(row.version);
    query.addBindValue(row.created);
    query.addBindValue(row.format);
    query.addBindValue(row.contentType.isNull() ? QString(QLatin1String("")) : row.contentType);
    query.addBindValue(row.ciphertext);
    if (!query.exec()) {
        return failed(query, "store a version");
    }
    return Done{};
}

Result<std::optional<VersionRow>> VersionTable::find(qint64 secretId, qint64 version) {
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT version, created_at, deleted_at, destroyed, format, "
                                 "content_type, ciphertext FROM versions "
                                 "WHERE secret_id = ? AND version = ?"));
    query.addBindValue(secretId);
    query.addBindValue(version);
    if (!query.exec()) {
        return failed(query, "read a version");
    }
    if (!query.next()) {
        return std::optional<VersionRow>();
    }
    VersionRow row = rowFrom(query);
    row.ciphertext = query.value(6).toByteArray();
    return std::optional<VersionRow>(std::move(row));
}

Result<QList<VersionRow>> VersionTable::all(qint64 secretId) {
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(
        QStringLiteral("SELECT version, created_at, deleted_at, destroyed, format, "
                       "content_type FROM versions WHERE secret_id = ? ORDER BY version"));
    query.addBindValue(secretId);
    if (!query.exec()) {
        return failed(query, "list versions");
    }
    QList<VersionRow> rows;
    while (query.next()) {
        rows.append(rowFrom(query));
    }
    return rows;
}

Status VersionTable::setDeleted(qint64 secretId, const QList<qint64>& versions,
                                std::optional<qint64> deletedAt) {
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE versions SET deleted_at = ? "
                                 "WHERE secret_id = ? AND version = ? AND destroyed = 0"));
    for (const qint64 version : versions) {
        query.addBindValue(deletedAt ? QVariant(*deletedAt)
                                     : QVariant(QMetaType(QMetaType::LongLong)));
        query.addBindValue(secretId);
        query.addBindValue(version);
        if (!query.exec()) {
            return failed(query, deletedAt ? "delete a version" : "undelete a version");
        }
    }
    return Done{};
}

Status VersionTable::destroy(qint64 secretId, const QList<qint64>& versions) {
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE versions SET destroyed = 1, ciphertext = NULL "
                                 "WHERE secret_id = ? AND version = ?"));
    for (const qint64 version : versions) {
        query.addBindValue(secretId);
        query.addBindValue(version);
        if (!query.exec()) {
            return failed(query, "destroy a version");
        }
    }
    return Done{};
}

Status VersionTable::pruneBelow(qint64 secretId, qint64 keepFrom) {
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM versions WHERE secret_id = ? AND version < ?"));
    query.addBindValue(secretId);
    query.addBindValue(keepFrom);
    if (!query.exec()) {
        return failed(query, "drop old versions");
    }
    return Done{};
}

} // namespace strongroom
