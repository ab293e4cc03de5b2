#include "LocalStoreEngine.h"

#include "LocalPath.h"
#include "LocalSqlError.h"
#include "StoreTransaction.h"
#include "VersionSealer.h"

#include <QDateTime>
#include <QSqlQuery>

namespace strongroom {

namespace {

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

QDateTime toTime(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

QString versionString(qint64 version) {
    return version > 0 ? QString::number(version) : QString();
}

bool casMatches(const QString& expected, qint64 latest) {
    if (latest == 0) {
        return expected.isEmpty() || expected == QLatin1String("0");
    }
    return expected == QString::number(latest);
}

BackendError notFound(const QString& path) {
    return BackendError(BackendError::Kind::NotFound, QStringLiteral("no secret at %1").arg(path));
}

} // namespace

LocalStoreEngine::LocalStoreEngine(QSqlDatabase& db, const SecretBytes& dataKey,
                                   const QByteArray& storeId)
    : m_db(db)
    , m_dataKey(dataKey)
    , m_storeId(storeId)
    , m_catalog(db)
    , m_versions(db) {}

Result<SecretRow> LocalStoreEngine::existing(const QString& path) {
    if (auto invalid = LocalPath::checkSecret(path)) {
        return *invalid;
    }
    auto row = m_catalog.find(path);
    if (!row) {
        return row.error();
    }
    if (!row.value()) {
        return notFound(path);
    }
    return std::move(*row.value());
}

Result<ListPage> LocalStoreEngine::list(const QString& folder, const PageRequest& page,
                                        const CancelToken& cancel) {
    if (auto invalid = LocalPath::checkFolder(folder)) {
        return *invalid;
    }
    if (cancel.isCancelled()) {
        return BackendError(BackendError::Kind::Cancelled);
    }
    return m_catalog.list(folder, page);
}

Result<SecretValue> LocalStoreEngine::decrypt(const QString& path, const VersionRow& row) {
    return VersionSealer(m_dataKey, m_storeId).open(path, row);
}

Result<SecretValue> LocalStoreEngine::read(const QString& path, const QString& version) {
    StoreTransaction snapshot(m_db, StoreTransaction::Kind::Snapshot);
    if (auto status = snapshot.begin(); !status) {
        return status.error();
    }
    auto secret = existing(path);
    if (!secret) {
        return secret.error();
    }
    qint64 number = secret->latestVersion;
    if (!version.isEmpty()) {
        auto parsed = LocalPath::parseVersion(version);
        if (!parsed) {
            return parsed.error();
        }
        number = parsed.value();
    }
    auto row = m_versions.find(secret->id, number);
    if (!row) {
        return row.error();
    }
    if (!row.value()) {
        return BackendError(BackendError::Kind::NotFound,
                            QStringLiteral("%1 has no version %2").arg(path).arg(number));
    }
    if (row.value()->destroyed) {
        return BackendError(BackendError::Kind::NotFound,
                            QStringLiteral("version %1 of %2 was destroyed; its value is gone")
                                .arg(number)
                                .arg(path));
    }
    if (row.value()->deletedAt) {
        return BackendError(BackendError::Kind::NotFound,
                            QStringLiteral("version %1 of %2 is deleted; undelete it to read it")
                                .arg(number)
                                .arg(path));
    }
    return decrypt(path, *row.value());
}

Result<QList<VersionInfo>> LocalStoreEngine::versions(const QString& path) {
    StoreTransaction snapshot(m_db, StoreTransaction::Kind::Snapshot);
    if (auto status = snapshot.begin(); !status) {
        return status.error();
    }
    auto secret = existing(path);
    if (!secret) {
        return secret.error();
    }
    auto rows = m_versions.all(secret->id);
    if (!rows) {
        return rows.error();
    }
    QList<VersionInfo> infos;
    for (const auto& row : rows.value()) {
        VersionInfo info;
        info.id = QString::number(row.version);
        info.created = toTime(row.created);
        if (row.deletedAt) {
            info.deletedAt = toTime(*row.deletedAt);
        }
        if (row.version == secret->latestVersion) {
            info.marks |= VersionMark::Current;
        }
        if (row.destroyed) {
            info.marks |= VersionMark::Destroyed;
        } else if (row.deletedAt) {
            info.marks |= VersionMark::Deleted;
        }
        infos.append(std::move(info));
    }
    return infos;
}

Result<SecretMetadata> LocalStoreEngine::metadata(const QString& path) {
    StoreTransaction snapshot(m_db, StoreTransaction::Kind::Snapshot);
    if (auto status = snapshot.begin(); !status) {
        return status.error();
    }
    auto secret = existing(path);
    if (!secret) {
        return secret.error();
    }
    auto rows = m_versions.all(secret->id);
    if (!rows) {
        return rows.error();
    }
    SecretMetadata metadata;
    metadata.currentVersion = versionString(secret->latestVersion);
    metadata.oldestVersion = rows->isEmpty() ? QString() : QString::number(rows->first().version);
    metadata.created = toTime(secret->created);
    metadata.updated = toTime(secret->updated);
    metadata.maxVersions = secret->maxVersions;
    metadata.casRequired = secret->casRequired;
    metadata.deleteVersionAfter = secret->deleteVersionAfter;
    metadata.customMetadata = secret->customMetadata;
    return metadata;
}

Result<WriteResult> LocalStoreEngine::writeLocked(const QString& path, const SecretValue& value,
                                                  const QString& expectedCurrent) {
    auto found = m_catalog.find(path);
    if (!found) {
        return found.error();
    }
    const qint64 latest = found.value() ? found.value()->latestVersion : 0;
    if (!casMatches(expectedCurrent, latest)) {
        const QString detail =
            latest == 0 ? QStringLiteral("%1 has no versions yet, but version %2 was expected")
                              .arg(path, expectedCurrent)
            : expectedCurrent.isEmpty()
                ? QStringLiteral("%1 already exists at version %2").arg(path).arg(latest)
                : QStringLiteral("%1 is at version %2, not %3")
                      .arg(path)
                      .arg(latest)
                      .arg(expectedCurrent);
        return BackendError(BackendError::Kind::Conflict, detail)
            .withCurrentVersion(versionString(latest));
    }
    const qint64 now = nowMs();
    qint64 secretId = 0;
    int maxVersions = 0;
    if (found.value()) {
        secretId = found.value()->id;
        maxVersions = found.value()->maxVersions;
    } else {
        auto inserted = m_catalog.insert(path, now);
        if (!inserted) {
            return inserted.error();
        }
        secretId = inserted.value();
    }
    VersionRow row;
    row.version = latest + 1;
    row.created = now;
    if (auto failed = VersionSealer(m_dataKey, m_storeId).seal(path, value, row)) {
        return *failed;
    }
    if (auto status = m_versions.insert(secretId, row); !status) {
        return status.error();
    }
    if (auto status = m_catalog.setLatest(secretId, row.version, now); !status) {
        return status.error();
    }
    if (maxVersions > 0) {
        if (auto status = m_versions.pruneBelow(secretId, row.version - maxVersions + 1); !status) {
            return status.error();
        }
    }
    return WriteResult{QString::number(row.version)};
}

Result<WriteResult> LocalStoreEngine::write(const WriteRequest& request) {
    if (auto invalid = LocalPath::checkSecret(request.ref.path)) {
        return *invalid;
    }
    StoreTransaction transaction(m_db, StoreTransaction::Kind::Write);
    if (auto status = transaction.begin(); !status) {
        return status.error();
    }
    auto result = writeLocked(request.ref.path, request.value, request.expectedCurrentVersion);
    if (!result) {
        return result;
    }
    if (auto status = transaction.commit(); !status) {
        return status.error();
    }
    return result;
}

Result<WriteResult> LocalStoreEngine::rollback(const QString& path, const QString& version,
                                               const QString& expectedCurrent) {
    auto number = LocalPath::parseVersion(version);
    if (!number) {
        return number.error();
    }
    StoreTransaction transaction(m_db, StoreTransaction::Kind::Write);
    if (auto status = transaction.begin(); !status) {
        return status.error();
    }
    auto secret = existing(path);
    if (!secret) {
        return secret.error();
    }
    auto row = m_versions.find(secret->id, number.value());
    if (!row) {
        return row.error();
    }
    if (!row.value()) {
        return BackendError(BackendError::Kind::NotFound,
                            QStringLiteral("%1 has no version %2").arg(path, version));
    }
    if (row.value()->destroyed) {
        return BackendError(BackendError::Kind::NotFound,
                            QStringLiteral("version %1 of %2 was destroyed; it cannot be restored")
                                .arg(version, path));
    }
    if (row.value()->deletedAt) {
        return BackendError(
            BackendError::Kind::InvalidInput,
            QStringLiteral("version %1 is deleted \u2014 undelete it first").arg(version));
    }
    auto value = decrypt(path, *row.value());
    if (!value) {
        return value.error();
    }
    auto result = writeLocked(path, value.value(), expectedCurrent);
    if (!result) {
        return result;
    }
    if (auto status = transaction.commit(); !status) {
        return status.error();
    }
    return result;
}

Status LocalStoreEngine::changeVersions(const QString& path, const QStringList& versions,
                                        VersionChange change) {
    auto numbers = LocalPath::parseVersions(versions);
    if (!numbers) {
        return numbers.error();
    }
    StoreTransaction transaction(m_db, StoreTransaction::Kind::Write);
    if (auto status = transaction.begin(); !status) {
        return status;
    }
    auto secret = existing(path);
    if (!secret) {
        return secret.error();
    }
    for (const qint64 number : numbers.value()) {
        auto row = m_versions.find(secret->id, number);
        if (!row) {
            return row.error();
        }
        if (!row.value()) {
            return BackendError(BackendError::Kind::NotFound,
                                QStringLiteral("%1 has no version %2").arg(path).arg(number));
        }
    }
    Status changed = Done{};
    switch (change) {
    case VersionChange::Delete:
        changed = m_versions.setDeleted(secret->id, numbers.value(), nowMs());
        break;
    case VersionChange::Undelete:
        changed = m_versions.setDeleted(secret->id, numbers.value(), std::nullopt);
        break;
    case VersionChange::Destroy:
        changed = m_versions.destroy(secret->id, numbers.value());
        break;
    }
    if (!changed) {
        return changed;
    }
    if (auto status = transaction.commit(); !status) {
        return status;
    }
    if (change == VersionChange::Destroy) {
        checkpoint();
    }
    return Done{};
}

Status LocalStoreEngine::deleteSecret(const QString& path) {
    StoreTransaction transaction(m_db, StoreTransaction::Kind::Write);
    if (auto status = transaction.begin(); !status) {
        return status;
    }
    auto secret = existing(path);
    if (!secret) {
        return secret.error();
    }
    if (auto status = m_catalog.remove(secret.value(), path); !status) {
        return status;
    }
    if (auto status = transaction.commit(); !status) {
        return status;
    }
    checkpoint();
    return Done{};
}

Status LocalStoreEngine::updateMetadata(const QString& path, const MetadataUpdate& update) {
    if (update.maxVersions && *update.maxVersions < 0) {
        return BackendError(BackendError::Kind::InvalidInput,
                            QStringLiteral("max versions cannot be negative"));
    }
    StoreTransaction transaction(m_db, StoreTransaction::Kind::Write);
    if (auto status = transaction.begin(); !status) {
        return status;
    }
    auto secret = existing(path);
    if (!secret) {
        return secret.error();
    }
    if (auto status = m_catalog.updateMetadata(secret.value(), update, nowMs()); !status) {
        return status;
    }
    return transaction.commit();
}

void LocalStoreEngine::checkpoint() {
    // Moves the committed pages into the main file and empties the WAL, so the zeroed bytes of a
    // destroyed value replace the old ones in both. Best effort: a concurrent reader can keep
    // old frames alive until its own next checkpoint.
    QSqlQuery query(m_db);
    query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
}

} // namespace strongroom
