#pragma once

#include "LocalStoreHeader.h"
#include "Result.h"

#include <QSqlDatabase>

namespace strongroom {

// Tables, indexes, connection pragmas and the header row of a store file.
class LocalStoreSchema {
public:
    // WAL, full fsync, foreign keys, secure_delete (destroyed values are zeroed on disk).
    static Status applyPragmas(QSqlDatabase& db);
    // Creates every table and writes the header, inside the caller's transaction.
    static Status create(QSqlDatabase& db, const LocalStoreHeader& header);
    // Reads and validates the header: any missing table, wrong magic or out-of-range value is
    // "not a Strongroom store / damaged"; a newer format is Unsupported.
    static Result<LocalStoreHeader> readHeader(QSqlDatabase& db);
    // Re-wraps the data key (passphrase change), inside the caller's transaction.
    static Status replaceKeyProtection(QSqlDatabase& db, const LocalStoreHeader& header);
};

} // namespace strongroom
