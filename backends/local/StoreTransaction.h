#pragma once

#include "Result.h"

#include <QSqlDatabase>

namespace strongroom {

// An SQLite transaction that rolls back on destruction unless committed.
// Write: BEGIN IMMEDIATE takes the write lock up front, so the check-and-set that follows cannot
// interleave with another connection's (another LocalStore, another process).
// Snapshot: a plain BEGIN, so a multi-query read sees one consistent state of the file.
class StoreTransaction {
public:
    enum class Kind { Snapshot, Write };

    StoreTransaction(QSqlDatabase& db, Kind kind);
    ~StoreTransaction();
    StoreTransaction(const StoreTransaction&) = delete;
    StoreTransaction& operator=(const StoreTransaction&) = delete;

    Status begin();
    Status commit();

private:
    QSqlDatabase& m_db;
    Kind m_kind;
    bool m_open = false;
};

} // namespace strongroom
