#include "HttpResponse.h"

#include "HttpRetryPolicy.h"

#include <QDateTime>

namespace strongroom {

QByteArray HttpResponse::header(const QByteArray& name) const {
    for (const auto& entry : headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0) {
            return entry.second;
        }
    }
    return {};
}

BackendError errorFromStatus(const HttpResponse& response) {
    using Kind = BackendError::Kind;
    const QString detail =
        QStringLiteral("HTTP %1%2 from %3")
            .arg(response.status)
            .arg(response.reasonPhrase.isEmpty()
                     ? QString()
                     : QStringLiteral(" ") + QString::fromLatin1(response.reasonPhrase))
            .arg(response.url.host());
    switch (response.status) {
    case 400:
    case 422:
        return BackendError(Kind::InvalidInput, detail);
    case 401:
        return BackendError(Kind::Unauthenticated, detail);
    case 403:
        return BackendError(Kind::PermissionDenied, detail);
    case 404:
    case 410:
        return BackendError(Kind::NotFound, detail);
    case 409:
    case 412:
        return BackendError(Kind::Conflict, detail);
    case 429:
    case 503: {
        const auto wait = HttpRetryPolicy::parseRetryAfter(response.header("Retry-After"),
                                                           QDateTime::currentDateTimeUtc());
        return BackendError(Kind::Throttled, detail)
            .withRetryAfter(wait.value_or(std::chrono::milliseconds{0}));
    }
    case 501:
        return BackendError(Kind::Unsupported, detail);
    default:
        break;
    }
    if (response.status >= 500) {
        return BackendError(Kind::Network, detail);
    }
    return BackendError(Kind::InvalidResponse, detail);
}

} // namespace strongroom
