#include "LocalStoreFile.h"

#include "KeyWrap.h"
#include "LocalSqlError.h"
#include "LocalStoreSchema.h"
#include "StoreTransaction.h"

#include <QFile>
#include <QFileInfo>
#include <QtEndian>

namespace strongroom {

namespace {

// Cheap check before SQLite ever sees the file: SQLite would happily treat an empty or unknown
// file as a new database.
Status looksLikeSqlite(const QString& file) {
    QFileInfo info(file);
    if (!info.exists()) {
        return BackendError(BackendError::Kind::NotFound,
                            QStringLiteral("no store at %1").arg(file));
    }
    QFile device(file);
    if (!info.isFile() || !device.open(QIODevice::ReadOnly)) {
        return BackendError(BackendError::Kind::PermissionDenied,
                            QStringLiteral("cannot read %1").arg(file));
    }
    const QByteArray head = device.read(100);
    if (head.size() < 100 || !head.startsWith(QByteArrayLiteral("SQLite format 3\0"))) {
        return LocalSqlError::damaged(QStringLiteral("%1 is not a database file").arg(file));
    }
    // SQLite reads missing pages of a cut-off file as zeros, so a truncation can look like an
    // intact but smaller store. The header records the page count; it is authoritative when its
    // "valid-for" counter matches the change counter. With a non-empty WAL beside the file the
    // main file may legitimately lag (a checkpoint cut short), so the WAL replay decides.
    const auto* raw = reinterpret_cast<const uchar*>(head.constData());
    const quint32 pageSizeField = qFromBigEndian<quint16>(raw + 16);
    const qint64 pageSize = pageSizeField == 1 ? 65536 : pageSizeField;
    const qint64 pageCount = qFromBigEndian<quint32>(raw + 28);
    const bool countValid = qFromBigEndian<quint32>(raw + 24) == qFromBigEndian<quint32>(raw + 92);
    const QFileInfo wal(file + QStringLiteral("-wal"));
    if (countValid && pageSize * pageCount > info.size() && !(wal.exists() && wal.size() > 0)) {
        return LocalSqlError::damaged(QStringLiteral("%1 is truncated").arg(file));
    }
    return Done{};
}

BackendError wrongKey() {
    return BackendError(BackendError::Kind::Unauthenticated,
                        QStringLiteral("wrong passphrase or key"));
}

void removeStoreFiles(const QString& file) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        QFile::remove(file + QLatin1String(suffix));
    }
}

} // namespace

Result<LocalStoreHeader> LocalStoreFile::validatedHeader(LocalStoreConnection& connection,
                                                         const QString& file) {
    if (auto status = looksLikeSqlite(file); !status) {
        return status.error();
    }
    if (auto status = connection.open(file, /*readOnly=*/true); !status) {
        return status.error();
    }
    auto header = LocalStoreSchema::readHeader(connection.db());
    connection.close();
    return header;
}

Result<LocalKeyProtection> LocalStoreFile::probe(LocalStoreConnection& connection,
                                                 const QString& file) {
    auto header = validatedHeader(connection, file);
    if (!header) {
        return header.error();
    }
    return header->protection;
}

Result<SecretBytes> LocalStoreFile::kekFor(const LocalStoreHeader& header,
                                           const LocalUnlock& unlock) {
    if (unlock.protection != header.protection) {
        return BackendError(
            BackendError::Kind::InvalidInput,
            QStringLiteral("this store is protected by its %1, not a %2")
                .arg(protectionName(header.protection), protectionName(unlock.protection)));
    }
    if (header.protection == LocalKeyProtection::Keychain) {
        if (unlock.secret.size() != KeyWrap::KeySize) {
            return BackendError(BackendError::Kind::InvalidInput,
                                QStringLiteral("a keychain key must be 32 bytes"));
        }
        return unlock.secret;
    }
    return KeyWrap::deriveKek(unlock.secret, header.kdf);
}

Result<QByteArray> LocalStoreFile::wrapFor(LocalStoreHeader& header, const SecretBytes& dataKey,
                                           const LocalUnlock& unlock, const KdfParams& kdf) {
    header.protection = unlock.protection;
    header.kdf = unlock.protection == LocalKeyProtection::Passphrase ? kdf.withFreshSalt()
                                                                     : KdfParams{0, 0, 0, {}};
    auto kek = kekFor(header, unlock);
    if (!kek) {
        return kek.error();
    }
    auto wrapped = KeyWrap::wrap(dataKey, kek.value(), header.storeId);
    if (!wrapped) {
        return BackendError(BackendError::Kind::InvalidInput,
                            QStringLiteral("wrapping the data key failed"));
    }
    return *wrapped;
}

Result<UnlockedKey> LocalStoreFile::create(LocalStoreConnection& connection, const QString& file,
                                           const LocalUnlock& unlock, const KdfParams& kdf) {
    if (QFileInfo::exists(file)) {
        return BackendError(BackendError::Kind::InvalidInput,
                            QStringLiteral("a file already exists at %1").arg(file));
    }
    LocalStoreHeader header;
    const SecretBytes id = SecretBytes::random(LocalStoreHeader::StoreIdSize);
    header.storeId = QByteArray(id.data(), static_cast<qsizetype>(id.size()));
    header.created = QDateTime::currentDateTimeUtc();
    UnlockedKey key{header.storeId, unlock.protection, SecretBytes::random(KeyWrap::KeySize)};
    auto wrapped = wrapFor(header, key.dataKey, unlock, kdf);
    if (!wrapped) {
        return wrapped.error();
    }
    header.wrappedKey = wrapped.value();

    auto failed = [&](const BackendError& error) -> Result<UnlockedKey> {
        connection.close();
        removeStoreFiles(file);
        return error;
    };
    if (auto status = connection.open(file, /*readOnly=*/false); !status) {
        return failed(status.error());
    }
    if (auto status = LocalStoreSchema::applyPragmas(connection.db()); !status) {
        return failed(status.error());
    }
    StoreTransaction transaction(connection.db(), StoreTransaction::Kind::Write);
    if (auto status = transaction.begin(); !status) {
        return failed(status.error());
    }
    if (auto status = LocalStoreSchema::create(connection.db(), header); !status) {
        return failed(status.error());
    }
    if (auto status = transaction.commit(); !status) {
        return failed(status.error());
    }
    return key;
}

Result<UnlockedKey> LocalStoreFile::open(LocalStoreConnection& connection, const QString& file,
                                         const LocalUnlock& unlock) {
    auto header = validatedHeader(connection, file);
    if (!header) {
        return header.error();
    }
    // The key is checked before the read-write open, so a wrong passphrase changes nothing.
    auto kek = kekFor(header.value(), unlock);
    if (!kek) {
        return kek.error();
    }
    if (!KeyWrap::unwrap(header->wrappedKey, kek.value(), header->storeId)) {
        return wrongKey();
    }
    if (auto status = connection.open(file, /*readOnly=*/false); !status) {
        return status.error();
    }
    if (auto status = LocalStoreSchema::applyPragmas(connection.db()); !status) {
        connection.close();
        return status.error();
    }
    auto unlocked = LocalStoreFile::unlock(connection, unlock);
    if (!unlocked) {
        connection.close();
    }
    return unlocked;
}

Result<UnlockedKey> LocalStoreFile::unlock(LocalStoreConnection& connection,
                                           const LocalUnlock& unlock) {
    if (!connection.isOpen()) {
        return LocalSqlError::damaged(QStringLiteral("the store file is not open"));
    }
    auto header = LocalStoreSchema::readHeader(connection.db());
    if (!header) {
        return header.error();
    }
    auto kek = kekFor(header.value(), unlock);
    if (!kek) {
        return kek.error();
    }
    auto dataKey = KeyWrap::unwrap(header->wrappedKey, kek.value(), header->storeId);
    if (!dataKey) {
        return wrongKey();
    }
    return UnlockedKey{header->storeId, header->protection, std::move(*dataKey)};
}

Status LocalStoreFile::changeProtection(LocalStoreConnection& connection, const UnlockedKey& key,
                                        const LocalUnlock& newUnlock, const KdfParams& kdf) {
    if (newUnlock.secret.isEmpty()) {
        return BackendError(BackendError::Kind::InvalidInput,
                            QStringLiteral("the new passphrase or key is empty"));
    }
    // Argon2 runs before the write lock is taken, so other writers are not held up by it.
    LocalStoreHeader fresh;
    fresh.storeId = key.storeId;
    auto wrapped = wrapFor(fresh, key.dataKey, newUnlock, kdf);
    if (!wrapped) {
        return wrapped.error();
    }
    StoreTransaction transaction(connection.db(), StoreTransaction::Kind::Write);
    if (auto status = transaction.begin(); !status) {
        return status;
    }
    auto header = LocalStoreSchema::readHeader(connection.db());
    if (!header) {
        return header.error();
    }
    if (header->storeId != key.storeId) {
        return LocalSqlError::damaged(QStringLiteral("the store id changed while open"));
    }
    header->protection = fresh.protection;
    header->kdf = fresh.kdf;
    header->wrappedKey = wrapped.value();
    if (auto status = LocalStoreSchema::replaceKeyProtection(connection.db(), header.value());
        !status) {
        return status;
    }
    return transaction.commit();
}

} // namespace strongroom
