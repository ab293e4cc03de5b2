#pragma once

#include "ListPage.h"
#include "Result.h"
#include "SecretMetadata.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace strongroom {

// One row of the secrets table: everything about a secret except its versions.
struct SecretRow {
    qint64 id = 0;
    qint64 latestVersion = 0;
    qint64 created = 0; // ms since the epoch, UTC
    qint64 updated = 0;
    int maxVersions = 0;
    bool casRequired = false;
    QString deleteVersionAfter;
    QMap<QString, QString> customMetadata;
};

// The secrets and folders tables: which secrets exist where, and their metadata. Runs on the
// store's worker thread.
class SecretCatalog {
public:
    explicit SecretCatalog(QSqlDatabase& db)
        : m_db(db) {}

    Result<std::optional<SecretRow>> find(const QString& path);
    // Adds the secret and counts it in every ancestor folder.
    Result<qint64> insert(const QString& path, qint64 now);
    // Removes the secret (its versions cascade) and folders left empty.
    Status remove(const SecretRow& row, const QString& path);
    Status setLatest(qint64 id, qint64 version, qint64 now);
    Status updateMetadata(const SecretRow& row, const MetadataUpdate& update, qint64 now);
    // Keyset pagination over (folder, name): cost depends on the page size, not the folder size.
    Result<ListPage> list(const QString& folder, const PageRequest& page);

private:
    Status adjustFolders(const QString& path, int delta);

    QSqlDatabase& m_db;
};

} // namespace strongroom
