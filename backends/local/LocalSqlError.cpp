#include "LocalSqlError.h"

#include <chrono>

namespace strongroom {

namespace {

// Primary SQLite result code; the driver reports the extended one.
int primaryCode(const QSqlError& error) {
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;
}

constexpr int SqliteBusy = 5;
constexpr int SqliteLocked = 6;
constexpr int SqliteReadOnly = 8;
constexpr int SqliteCorrupt = 11;
constexpr int SqliteCantOpen = 14;
constexpr int SqlitePerm = 3;
constexpr int SqliteAuth = 23;
constexpr int SqliteNotADb = 26;

} // namespace

bool LocalSqlError::isBusy(const QSqlError& error) {
    const int code = primaryCode(error);
    return code == SqliteBusy || code == SqliteLocked;
}

bool LocalSqlError::isCorrupt(const QSqlError& error) {
    const int code = primaryCode(error);
    return code == SqliteCorrupt || code == SqliteNotADb;
}

BackendError LocalSqlError::damaged(const QString& why) {
    return BackendError(BackendError::Kind::InvalidResponse,
                        QStringLiteral("not a Strongroom store or damaged: %1").arg(why));
}

BackendError LocalSqlError::from(const QSqlError& error, const QString& doing) {
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    if (isBusy(error)) {
        return BackendError(BackendError::Kind::Throttled,
                            QStringLiteral("the store file is busy with another writer while %1; "
                                           "try again")
                                .arg(doing))
            .withRetryAfter(std::chrono::milliseconds(500));
    }
    if (isCorrupt(error)) {
        return damaged(text);
    }
    switch (primaryCode(error)) {
    case SqliteReadOnly:
    case SqlitePerm:
    case SqliteAuth:
    case SqliteCantOpen:
        return BackendError(BackendError::Kind::PermissionDenied,
                            QStringLiteral("cannot %1: %2").arg(doing, text));
    default:
        return BackendError(BackendError::Kind::InvalidResponse,
                            QStringLiteral("store file error while %1: %2").arg(doing, text));
    }
}

} // namespace strongroom
