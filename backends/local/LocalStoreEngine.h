#pragma once

#include "CancelToken.h"
#include "ListPage.h"
#include "Result.h"
#include "SecretBytes.h"
#include "SecretCatalog.h"
#include "SecretMetadata.h"
#include "SecretValue.h"
#include "VersionInfo.h"
#include "VersionTable.h"
#include "WriteRequest.h"

#include <QByteArray>
#include <QSqlDatabase>

namespace strongroom {

// The store's operations, run synchronously on the worker thread with the unlocked data key.
// LocalStore wraps each one in a coroutine; nothing here knows about threads or QCoro.
class LocalStoreEngine {
public:
    enum class VersionChange { Delete, Undelete, Destroy };

    LocalStoreEngine(QSqlDatabase& db, const SecretBytes& dataKey, const QByteArray& storeId);

    Result<ListPage> list(const QString& folder, const PageRequest& page,
                          const CancelToken& cancel);
    Result<SecretValue> read(const QString& path, const QString& version);
    // Oldest first.
    Result<QList<VersionInfo>> versions(const QString& path);
    Result<SecretMetadata> metadata(const QString& path);
    Result<WriteResult> write(const WriteRequest& request);
    Result<WriteResult> rollback(const QString& path, const QString& version,
                                 const QString& expectedCurrent);
    Status changeVersions(const QString& path, const QStringList& versions, VersionChange change);
    Status deleteSecret(const QString& path);
    Status updateMetadata(const QString& path, const MetadataUpdate& update);

private:
    Result<SecretRow> existing(const QString& path);
    Result<SecretValue> decrypt(const QString& path, const VersionRow& row);
    // The check-and-set write, inside the caller's write transaction.
    Result<WriteResult> writeLocked(const QString& path, const SecretValue& value,
                                    const QString& expectedCurrent);
    void checkpoint();

    QSqlDatabase& m_db;
    const SecretBytes& m_dataKey;
    QByteArray m_storeId;
    SecretCatalog m_catalog;
    VersionTable m_versions;
};

} // namespace strongroom
