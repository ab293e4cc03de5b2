#include "StoreTransaction.h"

#include "LocalSqlError.h"

#include <QSqlQuery>

namespace strongroom {

StoreTransaction::StoreTransaction(QSqlDatabase& db, Kind kind)
    : m_db(db)
    , m_kind(kind) {}

StoreTransaction::~StoreTransaction() {
    if (m_open) {
        QSqlQuery query(m_db);
        query.exec(QStringLiteral("ROLLBACK"));
    }
}

Status StoreTransaction::begin() {
    QSqlQuery query(m_db);
    // busy_timeout has already retried for a while before this fails with SQLITE_BUSY.
    const bool started = query.exec(m_kind == Kind::Write ? QStringLiteral("BEGIN IMMEDIATE")
                                                          : QStringLiteral("BEGIN"));
    if (!started) {
        return LocalSqlError::from(query.lastError(), QStringLiteral("start a transaction"));
    }
    m_open = true;
    return Done{};
}

Status StoreTransaction::commit() {
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("COMMIT"))) {
        return LocalSqlError::from(query.lastError(), QStringLiteral("commit a write"));
    }
    m_open = false;
    return Done{};
}

} // namespace strongroom
