#pragma once

#include "BackendError.h"
#include "Result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace strongroom {

// What the local store accepts as paths, folders and version ids.
class LocalPath {
public:
    // "team/db/password": non-empty segments, no leading or trailing '/'.
    static std::optional<BackendError> checkSecret(const QString& path);
    // "" (root) or "team/db/".
    static std::optional<BackendError> checkFolder(const QString& folder);
    // A positive version number.
    static Result<qint64> parseVersion(const QString& version);
    static Result<QList<qint64>> parseVersions(const QStringList& versions);
};

} // namespace strongroom
