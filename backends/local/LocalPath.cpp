#include "LocalPath.h"

#include "SecretPathRules.h"

namespace strongroom {

namespace {

BackendError invalid(const QString& why) {
    return BackendError(BackendError::Kind::InvalidInput, why);
}

bool segmentsValid(const QString& path) {
    if (pathEscapeProblem(path)) {
        return false;
    }
    const auto segments = path.split(QLatin1Char('/'));
    for (const auto& segment : segments) {
        if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String("..")) {
            return false;
        }
    }
    return true;
}

} // namespace

std::optional<BackendError> LocalPath::checkSecret(const QString& path) {
    if (path.isEmpty() || !segmentsValid(path)) {
        return invalid(QStringLiteral("'%1' is not a valid secret path (use names separated by "
                                      "'/', like team/db/password)")
                           .arg(path));
    }
    return std::nullopt;
}

std::optional<BackendError> LocalPath::checkFolder(const QString& folder) {
    if (folder.isEmpty()) {
        return std::nullopt;
    }
    if (!folder.endsWith(QLatin1Char('/')) || !segmentsValid(folder.chopped(1))) {
        return invalid(
            QStringLiteral("'%1' is not a valid folder (folders end with '/')").arg(folder));
    }
    return std::nullopt;
}

Result<qint64> LocalPath::parseVersion(const QString& version) {
    bool ok = false;
    const qint64 number = version.toLongLong(&ok);
    if (!ok || number < 1) {
        return invalid(QStringLiteral("'%1' is not a version number").arg(version));
    }
    return number;
}

Result<QList<qint64>> LocalPath::parseVersions(const QStringList& versions) {
    if (versions.isEmpty()) {
        return invalid(QStringLiteral("no versions given"));
    }
    QList<qint64> numbers;
    for (const auto& version : versions) {
        auto number = parseVersion(version);
        if (!number) {
            return number.error();
        }
        numbers.append(number.value());
    }
    return numbers;
}

} // namespace strongroom
