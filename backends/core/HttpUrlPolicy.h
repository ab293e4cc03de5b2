#pragma once

#include "HttpRequest.h"
#include "HttpResponse.h"
#include "Result.h"

#include <QString>
#include <QUrl>

namespace strongroom {

// Which URLs a request may go to, and how a redirect changes a request. Kept apart from the
// client so the rules can be read, and tested, without a network.
class HttpUrlPolicy {
public:
    static constexpr int maxRedirects = 5;

    // https always; http only to loopback (127.0.0.0/8, ::1, localhost) unless allowed.
    static Status checkTarget(const QUrl& url, bool allowInsecureHttp);
    static bool isLoopbackHost(const QString& host);

    // 307 and 308 repeat the same method and body elsewhere; other 3xx go back to the caller.
    static bool isFollowedRedirect(int status) { return status == 307 || status == 308; }
    // Points `request` at the Location of `response`. Refuses a downgrade from https to http
    // and targets checkTarget refuses. Drops credentials when the origin changes unless
    // `credentialsFollow`.
    static Status followRedirect(HttpRequest& request, const HttpResponse& response,
                                 bool credentialsFollow, bool allowInsecureHttp);
    // Authorization, Proxy-Authorization, Cookie and *token*/*auth* headers (X-Vault-Token...).
    static bool isCredentialHeaderName(const QByteArray& name);
    static bool sameOrigin(const QUrl& a, const QUrl& b);
};

} // namespace strongroom
