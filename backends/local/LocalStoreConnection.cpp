#include "LocalStoreConnection.h"

#include "LocalSqlError.h"

#include <QFileInfo>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

namespace strongroom {

LocalStoreConnection::LocalStoreConnection()
    : m_name(QStringLiteral("strongroom-local-") + QUuid::createUuid().toString(QUuid::Id128)) {}

LocalStoreConnection::~LocalStoreConnection() {
    close();
}

Status LocalStoreConnection::open(const QString& file, bool readOnly) {
    close();
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    m_db.setDatabaseName(file);
    // The busy timeout makes a second writer wait for the first instead of failing at once.
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000");
    if (readOnly) {
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
        // Even read-only, SQLite creates -wal/-shm files next to a WAL-mode file. Without an
        // existing WAL the main file is the whole truth, so open it as immutable and leave the
        // folder exactly as it was.
        if (!QFileInfo::exists(file + QStringLiteral("-wal"))) {
            QUrl url = QUrl::fromLocalFile(file);
            url.setQuery(QStringLiteral("immutable=1"));
            m_db.setDatabaseName(url.toString(QUrl::FullyEncoded));
            options += QStringLiteral(";QSQLITE_OPEN_URI");
        }
    }
    m_db.setConnectOptions(options);
    if (!m_db.open()) {
        const auto error = LocalSqlError::from(m_db.lastError(), QStringLiteral("open the store"));
        close();
        return error;
    }
    return Done{};
}

void LocalStoreConnection::close() {
    if (!m_db.isValid()) {
        return;
    }
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

} // namespace strongroom
