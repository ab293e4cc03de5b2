#pragma once

#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace strongroom {

// One stored version. `ciphertext` is null once destroyed (and not loaded by all()).
struct VersionRow {
    qint64 version = 0;
    qint64 created = 0;
    std::optional<qint64> deletedAt;
    bool destroyed = false;
    QString format;
    QString contentType;
    QByteArray ciphertext;
};

// The versions table of the store. Runs on the store's worker thread.
class VersionTable {
public:
    explicit VersionTable(QSqlDatabase& db)
        : m_db(db) {}

    Status insert(qint64 secretId, const VersionRow& row);
    Result<std::optional<VersionRow>> find(qint64 secretId, qint64 version);
    // Oldest first, without ciphertexts.
    Result<QList<VersionRow>> all(qint64 secretId);
    // Soft delete (`deletedAt` set) or undelete (unset); destroyed versions stay as they are.
    Status setDeleted(qint64 secretId, const QList<qint64>& versions,
                      std::optional<qint64> deletedAt);
    // Drops the ciphertext for good (secure_delete zeroes the freed bytes in the file).
    Status destroy(qint64 secretId, const QList<qint64>& versions);
    // Drops versions older than `keepFrom` (max_versions).
    Status pruneBelow(qint64 secretId, qint64 keepFrom);

private:
    QSqlDatabase& m_db;
};

} // namespace strongroom
