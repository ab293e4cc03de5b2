#include "LocalStoreSchema.h"

#include "LocalSqlError.h"

#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace strongroom {

namespace {

const char* const Tables[] = {
    R"(CREATE TABLE store_header (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        magic TEXT NOT NULL,
        format_version INTEGER NOT NULL,
        store_id BLOB NOT NULL,
        protection TEXT NOT NULL,
        kdf_iterations INTEGER NOT NULL,
        kdf_memory_kib INTEGER NOT NULL,
        kdf_parallelism INTEGER NOT NULL,
        kdf_salt BLOB NOT NULL,
        wrapped_key BLOB NOT NULL,
        created_at INTEGER NOT NULL))",
    // latest_version is the newest version number (Vault's current_version), 0 before any write.
    R"(CREATE TABLE secrets (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        folder TEXT NOT NULL,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        latest_version INTEGER NOT NULL DEFAULT 0,
        max_versions INTEGER NOT NULL DEFAULT 0,
        cas_required INTEGER NOT NULL DEFAULT 0,
        delete_version_after TEXT NOT NULL DEFAULT '',
        custom_metadata TEXT NOT NULL DEFAULT '{}'))",
    "CREATE UNIQUE INDEX secrets_by_folder ON secrets (folder, name)",
    R"(CREATE TABLE versions (
        secret_id INTEGER NOT NULL REFERENCES secrets (id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        deleted_at INTEGER,
        destroyed INTEGER NOT NULL DEFAULT 0,
        format TEXT NOT NULL,
        content_type TEXT NOT NULL DEFAULT '',
        ciphertext BLOB,
        PRIMARY KEY (secret_id, version)) WITHOUT ROWID)",
    // A folder exists while any secret lives below it; secret_count says how many do.
    // name keeps its trailing '/' so folders and secrets sort together by one key.
    R"(CREATE TABLE folders (
        parent TEXT NOT NULL,
        name TEXT NOT NULL,
        secret_count INTEGER NOT NULL,
        PRIMARY KEY (parent, name)) WITHOUT ROWID)",
};

Status exec(QSqlDatabase& db, const QString& sql, const QString& doing) {
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        return LocalSqlError::from(query.lastError(), doing);
    }
    return Done{};
}

} // namespace

Status LocalStoreSchema::applyPragmas(QSqlDatabase& db) {
    const QStringList pragmas = {
        QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=FULL"),
        QStringLiteral("PRAGMA foreign_keys=ON"), QStringLiteral("PRAGMA secure_delete=ON")};
    for (const auto& pragma : pragmas) {
        if (auto status = exec(db, pragma, QStringLiteral("configure the store")); !status) {
            return status;
        }
    }
    return Done{};
}

Status LocalStoreSchema::create(QSqlDatabase& db, const LocalStoreHeader& header) {
    for (const char* ddl : Tables) {
        if (auto status = exec(db, QString::fromLatin1(ddl), QStringLiteral("create the store"));
            !status) {
            return status;
        }
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO store_header (id, magic, format_version, store_id, protection, "
        "kdf_iterations, kdf_memory_kib, kdf_parallelism, kdf_salt, wrapped_key, created_at) "
        "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(QString::fromLatin1(LocalStoreHeader::Magic));
    query.addBindValue(header.formatVersion);
    query.addBindValue(header.storeId);
    query.addBindValue(protectionName(header.protection));
    query.addBindValue(static_cast<qint64>(header.kdf.iterations));
    query.addBindValue(static_cast<qint64>(header.kdf.memoryKiB));
    query.addBindValue(static_cast<qint64>(header.kdf.parallelism));
    query.addBindValue(header.kdf.salt.isNull() ? QByteArray("") : header.kdf.salt);
    query.addBindValue(header.wrappedKey);
    query.addBindValue(header.created.toMSecsSinceEpoch());
    if (!query.exec()) {
        return LocalSqlError::from(query.lastError(), QStringLiteral("write the store header"));
    }
    return Done{};
}

Result<LocalStoreHeader> LocalStoreSchema::readHeader(QSqlDatabase& db) {
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral(
            "SELECT magic, format_version, store_id, protection, kdf_iterations, kdf_memory_kib, "
            "kdf_parallelism, kdf_salt, wrapped_key, created_at FROM store_header WHERE id = 1"))) {
        const QSqlError error = query.lastError();
        if (LocalSqlError::isBusy(error)) {
            return LocalSqlError::from(error, QStringLiteral("read the store header"));
        }
        return LocalSqlError::damaged(QStringLiteral("no Strongroom header"));
    }
    if (!query.next()) {
        return LocalSqlError::damaged(QStringLiteral("the header row is missing"));
    }
    if (query.value(0).toString() != QLatin1String(LocalStoreHeader::Magic)) {
        return LocalSqlError::damaged(QStringLiteral("wrong magic"));
    }
    LocalStoreHeader header;
    header.formatVersion = query.value(1).toInt();
    if (header.formatVersion > LocalStoreHeader::CurrentFormat) {
        return BackendError(BackendError::Kind::Unsupported,
                            QStringLiteral("the store was written by a newer Strongroom (format "
                                           "%1; this version reads up to %2)")
                                .arg(header.formatVersion)
                                .arg(LocalStoreHeader::CurrentFormat));
    }
    if (header.formatVersion < 1) {
        return LocalSqlError::damaged(QStringLiteral("bad format version"));
    }
    header.storeId = query.value(2).toByteArray();
    const QString protection = query.value(3).toString();
    if (protection == protectionName(LocalKeyProtection::Keychain)) {
        header.protection = LocalKeyProtection::Keychain;
    } else if (protection == protectionName(LocalKeyProtection::Passphrase)) {
        header.protection = LocalKeyProtection::Passphrase;
    } else {
        return LocalSqlError::damaged(QStringLiteral("unknown key protection"));
    }
    header.kdf.iterations = query.value(4).toUInt();
    header.kdf.memoryKiB = query.value(5).toUInt();
    header.kdf.parallelism = query.value(6).toUInt();
    header.kdf.salt = query.value(7).toByteArray();
    header.wrappedKey = query.value(8).toByteArray();
    header.created = QDateTime::fromMSecsSinceEpoch(query.value(9).toLongLong(), Qt::UTC);
    if (header.storeId.size() != LocalStoreHeader::StoreIdSize) {
        return LocalSqlError::damaged(QStringLiteral("bad store id"));
    }
    if (header.protection == LocalKeyProtection::Passphrase && !header.kdf.withinLimits()) {
        return LocalSqlError::damaged(QStringLiteral("key derivation parameters out of range"));
    }
    if (header.wrappedKey.size() != 12 + 32 + 16) {
        return LocalSqlError::damaged(QStringLiteral("bad wrapped key"));
    }
    return header;
}

Status LocalStoreSchema::replaceKeyProtection(QSqlDatabase& db, const LocalStoreHeader& header) {
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "UPDATE store_header SET protection = ?, kdf_iterations = ?, kdf_memory_kib = ?, "
        "kdf_parallelism = ?, kdf_salt = ?, wrapped_key = ? WHERE id = 1"));
    query.addBindValue(protectionName(header.protection));
    query.addBindValue(static_cast<qint64>(header.kdf.iterations));
    query.addBindValue(static_cast<qint64>(header.kdf.memoryKiB));
    query.addBindValue(static_cast<qint64>(header.kdf.parallelism));
    query.addBindValue(header.kdf.salt.isNull() ? QByteArray("") : header.kdf.salt);
    query.addBindValue(header.wrappedKey);
    if (!query.exec() || query.numRowsAffected() != 1) {
        return LocalSqlError::from(query.lastError(), QStringLiteral("update the store header"));
    }
    return Done{};
}

} // namespace strongroom
