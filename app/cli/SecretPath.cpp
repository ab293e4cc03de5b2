#include "SecretPath.h"

namespace strongroom::cli {

namespace {
QString withoutLeadingSlashes(QString path) {
    while (path.startsWith(QLatin1Char('/'))) {
        path.remove(0, 1);
    }
    return path;
}
} // namespace

QString SecretPath::secret(const QString& typed) {
    QString path = withoutLeadingSlashes(typed);
    while (path.endsWith(QLatin1Char('/'))) {
        path.chop(1);
    }
    return path;
}

QString SecretPath::folder(const QString& typed) {
    const QString path = secret(typed);
    return path.isEmpty() ? QString() : path + QLatin1Char('/');
}

} // namespace strongroom::cli
