#include "SecretCatalog.h"

#include "LocalSqlError.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>

namespace strongroom {

namespace {

QString customToJson(const QMap<QString, QString>& custom) {
    QJsonObject object;
    for (auto it = custom.cbegin(); it != custom.cend(); ++it) {
        object.insert(it.key(), it.value());
    }
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QMap<QString, QString> customFromJson(const QString& text) {
    QMap<QString, QString> custom;
    const QJsonObject object = QJsonDocument::fromJson(text.toUtf8()).object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        custom.insert(it.key(), it.value().toString());
    }
    return custom;
}

QString encodeCursor(const QString& key) {
    return QString::fromLatin1(
        key.toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<QString> decodeCursor(const QString& cursor) {
    auto decoded = QByteArray::fromBase64Encoding(
        cursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return std::nullopt;
    }
    return QString::fromUtf8(*decoded);
}

BackendError failed(const QSqlQuery& query, const char* doing) {
    return LocalSqlError::from(query.lastError(), QString::fromLatin1(doing));
}

} // namespace

Result<std::optional<SecretRow>> SecretCatalog::find(const QString& path) {
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "SELECT id, latest_version, created_at, updated_at, max_versions, cas_required, "
        "delete_version_after, custom_metadata FROM secrets WHERE path = ?"));
    query.addBindValue(path);
    if (!query.exec()) {
        return failed(query, "look up a secret");
    }
    if (!query.next()) {
        return std::optional<SecretRow>();
    }
    SecretRow row;
    row.id = query.value(0).toLongLong();
    row.latestVersion = query.value(1).toLongLong();
    row.created = query.value(2).toLongLong();
    row.updated = query.value(3).toLongLong();
    row.maxVersions = query.value(4).toInt();
    row.casRequired = query.value(5).toBool();
    row.deleteVersionAfter = query.value(6).toString();
    row.customMetadata = customFromJson(query.value(7).toString());
    return std::optional<SecretRow>(std::move(row));
}

Result<qint64> SecretCatalog::insert(const QString& path, qint64 now) {
    const auto slash = path.lastIndexOf(QLatin1Char('/'));
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO secrets (path, folder, name, created_at, updated_at) "
                                 "VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(path);
    query.addBindValue(slash < 0 ? QString(QLatin1String("")) : path.left(slash + 1));
    query.addBindValue(path.mid(slash + 1));
    query.addBindValue(now);
    query.addBindValue(now);
    if (!query.exec()) {
        return failed(query, "create a secret");
    }
    const qint64 id = query.lastInsertId().toLongLong();
    if (auto status = adjustFolders(path, +1); !status) {
        return status.error();
    }
    return id;
}

Status SecretCatalog::remove(const SecretRow& row, const QString& path) {
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM secrets WHERE id = ?"));
    query.addBindValue(row.id);
    if (!query.exec()) {
        return failed(query, "delete a secret");
    }
    return adjustFolders(path, -1);
}

Status SecretCatalog::adjustFolders(const QString& path, int delta) {
    // Every ancestor folder of "a/b/c": ("", "a/"), ("a/", "b/").
    qsizetype start = 0;
    for (auto slash = path.indexOf(QLatin1Char('/')); slash >= 0;
         slash = path.indexOf(QLatin1Char('/'), slash + 1)) {
        const QString parent = start == 0 ? QString(QLatin1String("")) : path.left(start);
        const QString name = path.mid(start, slash - start + 1);
        QSqlQuery query(m_db);
        if (delta > 0) {
            query.prepare(QStringLiteral(
                "INSERT INTO folders (parent, name, secret_count) VALUES (?, ?, 1) "
                "ON CONFLICT (parent, name) DO UPDATE SET secret_count = secret_count + 1"));
        } else {
            query.prepare(QStringLiteral("UPDATE folders SET secret_count = secret_count - 1 WHERE "
                                         "parent = ? AND name = ?"));
        }
        query.addBindValue(parent);
        query.addBindValue(name);
        if (!query.exec()) {
            return failed(query, "update folders");
        }
        start = slash + 1;
    }
    if (delta < 0) {
        QSqlQuery cleanup(m_db);
        if (!cleanup.exec(QStringLiteral("DELETE FROM folders WHERE secret_count <= 0"))) {
            return failed(cleanup, "update folders");
        }
    }
    return Done{};
}

Status SecretCatalog::setLatest(qint64 id, qint64 version, qint64 now) {
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("UPDATE secrets SET latest_version = ?, updated_at = ? WHERE id = ?"));
    query.addBindValue(version);
    query.addBindValue(now);
    query.addBindValue(id);
    if (!query.exec()) {
        return failed(query, "record a new version");
    }
    return Done{};
}

Status SecretCatalog::updateMetadata(const SecretRow& row, const MetadataUpdate& update,
                                     qint64 now) {
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "UPDATE secrets SET max_versions = ?, cas_required = ?, delete_version_after = ?, "
        "custom_metadata = ?, updated_at = ? WHERE id = ?"));
    query.addBindValue(update.maxVersions.value_or(row.maxVersions));
    query.addBindValue(update.casRequired.value_or(row.casRequired) ? 1 : 0);
    query.addBindValue(update.deleteVersionAfter.value_or(row.deleteVersionAfter));
    query.addBindValue(customToJson(update.customMetadata.value_or(row.customMetadata)));
    query.addBindValue(now);
    query.addBindValue(row.id);
    if (!query.exec()) {
        return failed(query, "update metadata");
    }
    return Done{};
}

Result<ListPage> SecretCatalog::list(const QString& folder, const PageRequest& page) {
    const int limit = page.limit <= 0 ? 1000 : std::min(page.limit, 10000);
    QString after;
    if (!page.cursor.isEmpty()) {
        auto decoded = decodeCursor(page.cursor);
        if (!decoded) {
            return BackendError(BackendError::Kind::InvalidInput,
                                QStringLiteral("the listing cursor is not valid"));
        }
        after = *decoded;
    }
    // Each side is an index range scan capped at limit + 1 rows; the merge sorts at most
    // 2 * (limit + 1) rows. The extra row tells whether another page follows.
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT k, is_folder FROM ("
                                 " SELECT * FROM (SELECT name AS k, 1 AS is_folder FROM folders"
                                 "  WHERE parent = ? AND name > ? ORDER BY name LIMIT ?)"
                                 " UNION ALL"
                                 " SELECT * FROM (SELECT name AS k, 0 AS is_folder FROM secrets"
                                 "  WHERE folder = ? AND name > ? ORDER BY name LIMIT ?)"
                                 ") ORDER BY k LIMIT ?"));
    const QString folderKey = folder.isNull() ? QString(QLatin1String("")) : folder;
    const QString afterKey = after.isNull() ? QString(QLatin1String("")) : after;
    for (int side = 0; side < 2; ++side) {
        query.addBindValue(folderKey);
        query.addBindValue(afterKey);
        query.addBindValue(limit + 1);
    }
    query.addBindValue(limit + 1);
    if (!query.exec()) {
        return failed(query, "list a folder");
    }
    ListPage result;
    QString lastKey;
    while (query.next()) {
        if (result.entries.size() == limit) {
            result.nextCursor = encodeCursor(lastKey);
            break;
        }
        lastKey = query.value(0).toString();
        Entry entry;
        if (query.value(1).toInt() == 1) {
            entry.kind = Entry::Kind::Folder;
            entry.name = lastKey.chopped(1);
            entry.path = folderKey + lastKey;
        } else {
            entry.kind = Entry::Kind::Secret;
            entry.name = lastKey;
            entry.path = folderKey + lastKey;
        }
        result.entries.append(std::move(entry));
    }
    return result;
}

} // namespace strongroom
