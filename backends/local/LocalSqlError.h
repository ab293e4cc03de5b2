#pragma once

#include "BackendError.h"

#include <QSqlError>
#include <QString>

namespace strongroom {

// Maps SQLite failures to the common error kinds. The driver text is kept because values are
// always bound, never spliced into SQL, so it cannot contain a secret.
class LocalSqlError {
public:
    static BackendError from(const QSqlError& error, const QString& doing);
    static BackendError damaged(const QString& why);
    static bool isBusy(const QSqlError& error);
    static bool isCorrupt(const QSqlError& error);
};

} // namespace strongroom
