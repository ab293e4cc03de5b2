#include "LocalStoreConnection.h"

#include "LocalSqlError.h"

#include <QSqlQuery>
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
