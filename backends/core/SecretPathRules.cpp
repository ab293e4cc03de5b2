#include "SecretPathRules.h"

#include <QByteArray>
#include <QStringList>

namespace strongroom {

namespace {

BackendError refused(const QString& path, const QString& why) {
    return BackendError(
        BackendError::Kind::InvalidInput,
        QStringLiteral("'%1' is not a usable path: %2; nothing was sent").arg(path, why));
}

} // namespace

std::optional<BackendError> pathEscapeProblem(const QString& path) {
    QString body = path;
    while (body.startsWith(QLatin1Char('/'))) {
        body.remove(0, 1);
    }
    if (body.endsWith(QLatin1Char('/'))) {
        body.chop(1);
    }
    if (body.isEmpty()) {
        return std::nullopt; // the root
    }
    if (body.contains(QLatin1Char('\\'))) {
        return refused(path, QStringLiteral("it contains a backslash"));
    }
    const QString lower = body.toLower();
    if (lower.contains(QLatin1String("%2f")) || lower.contains(QLatin1String("%5c"))) {
        return refused(path, QStringLiteral("it contains an encoded '/' or '\\'"));
    }
    for (const QString& segment : body.split(QLatin1Char('/'))) {
        if (segment.isEmpty()) {
            return refused(path, QStringLiteral("it has an empty segment ('//')"));
        }
        // What a server or proxy would make of the segment once it decodes it.
        const QByteArray decoded = QByteArray::fromPercentEncoding(segment.toUtf8());
        if (decoded == "." || decoded == "..") {
            return refused(path, QStringLiteral("'%1' would step out of the folder").arg(segment));
        }
    }
    return std::nullopt;
}

} // namespace strongroom
