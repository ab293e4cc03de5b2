#pragma once

#include "Result.h"

#include <QSqlDatabase>
#include <QString>

namespace strongroom {

// The SQLite connection of one LocalStore. Qt Sql connections belong to the thread that opened
// them, so every method runs on the store's worker thread only (LocalStoreWorker guarantees it).
class LocalStoreConnection {
public:
    LocalStoreConnection();
    ~LocalStoreConnection();
    LocalStoreConnection(const LocalStoreConnection&) = delete;
    LocalStoreConnection& operator=(const LocalStoreConnection&) = delete;

    // Read-only opens are used to inspect a file before trusting it: SQLite then never writes
    // to the main file.
    Status open(const QString& file, bool readOnly);
    void close();
    bool isOpen() const { return m_db.isOpen(); }
    QSqlDatabase& db() { return m_db; }

private:
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace strongroom
