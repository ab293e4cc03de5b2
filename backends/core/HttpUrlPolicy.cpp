#include "HttpUrlPolicy.h"

#include <QHostAddress>

namespace strongroom {

namespace {

int effectivePort(const QUrl& url) {
    return url.port(url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443
                                                                                           : 80);
}

} // namespace

bool HttpUrlPolicy::isLoopbackHost(const QString& host) {
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return true;
    }
    // Names other than localhost are not resolved here: a name that resolves to 127.0.0.1 today
    // can resolve elsewhere tomorrow.
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

Status HttpUrlPolicy::checkTarget(const QUrl& url, bool allowInsecureHttp) {
    if (!url.isValid() || url.host().isEmpty()) {
        return BackendError(
            BackendError::Kind::InvalidInput,
            QStringLiteral("not a valid server address: %1")
                .arg(url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)));
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https")) {
        return Done{};
    }
    if (scheme != QLatin1String("http")) {
        return BackendError(BackendError::Kind::InvalidInput,
                            QStringLiteral("unsupported URL scheme \"%1\"").arg(url.scheme()));
    }
    if (allowInsecureHttp || isLoopbackHost(url.host())) {
        return Done{};
    }
    return BackendError(
        BackendError::Kind::InvalidInput,
        QStringLiteral("plain HTTP to a non-loopback address is refused (%1)").arg(url.host()));
}

bool HttpUrlPolicy::isCredentialHeaderName(const QByteArray& name) {
    const QByteArray lower = name.toLower();
    return lower == "authorization" || lower == "proxy-authorization" || lower == "cookie" ||
           lower.contains("token") || lower.contains("auth") || lower.contains("api-key");
}

bool HttpUrlPolicy::sameOrigin(const QUrl& a, const QUrl& b) {
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           effectivePort(a) == effectivePort(b);
}

Status HttpUrlPolicy::followRedirect(HttpRequest& request, const HttpResponse& response,
                                     bool credentialsFollow, bool allowInsecureHttp) {
    const QByteArray location = response.header("Location");
    if (location.isEmpty()) {
        return BackendError(
            BackendError::Kind::InvalidResponse,
            QStringLiteral("HTTP %1 redirect without a Location").arg(response.status));
    }
    const QUrl target = request.url.resolved(QUrl::fromEncoded(location));
    if (request.url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 &&
        target.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) != 0) {
        return BackendError(BackendError::Kind::Tls,
                            QStringLiteral("refused a redirect from https to %1://%2")
                                .arg(target.scheme(), target.host()));
    }
    if (auto allowed = checkTarget(target, allowInsecureHttp); !allowed) {
        return allowed.error();
    }
    if (!credentialsFollow && !sameOrigin(request.url, target)) {
        request.credentialHeaders.clear();
        request.headers.removeIf(
            [](const auto& header) { return isCredentialHeaderName(header.first); });
    }
    request.url = target;
    return Done{};
}

} // namespace strongroom
