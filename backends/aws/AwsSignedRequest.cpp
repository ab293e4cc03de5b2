#include "AwsSignedRequest.h"

#include "AwsErrorReply.h"
#include "SigV4Signer.h"

#include <QCoroTimer>
#include <QHostAddress>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace strongroom {

QByteArray AwsSignedRequest::hostHeader(const QUrl& url) {
    const QString host = url.host();
    QByteArray out;
    QHostAddress address;
    if (address.setAddress(host)) {
        out = address.protocol() == QAbstractSocket::IPv6Protocol
                  ? QByteArray("[") + host.toLatin1() + "]"
                  : host.toLatin1();
    } else {
        out = QUrl::toAce(host);
    }
    const int port = url.port();
    const bool https = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    if (port != -1 && port != (https ? 443 : 80)) {
        out += ':' + QByteArray::number(port);
    }
    return out;
}

HttpRequest AwsSignedRequest::post(const QUrl& url, const QByteArray& region,
                                   const QByteArray& service,
                                   QList<QPair<QByteArray, QByteArray>> headers, SecretBytes body,
                                   const AwsCredentials& credentials, const QDateTime& timeUtc) {
    headers.append({QByteArrayLiteral("Host"), hostHeader(url)});
    headers.append({QByteArrayLiteral("X-Amz-Date"),
                    timeUtc.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1()});

    SigV4Request wire;
    wire.method = QByteArrayLiteral("POST");
    wire.path = url.path(QUrl::FullyEncoded).toLatin1();
    if (wire.path.isEmpty()) {
        wire.path = QByteArrayLiteral("/");
    }
    wire.query = url.query(QUrl::FullyEncoded).toLatin1();
    wire.headers = headers;
    wire.body = body.toByteArrayUnsafe();
    SigV4Signature signature = SigV4Signer(region, service).sign(wire, credentials, timeUtc);
    wipe(wire.body);
    wipe(signature.canonicalRequest);

    HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    request.url = url;
    request.headers = std::move(headers);
    request.body = std::move(body);
    request.setCredentialHeader("Authorization", SecretBytes::takeFrom(signature.authorization));
    if (signature.sendSecurityToken) {
        request.setCredentialHeader(SigV4Signer::securityTokenHeader, credentials.sessionToken);
    }
    return request;
}

namespace awsretry {

std::chrono::milliseconds backoff(int retry, std::chrono::milliseconds base,
                                  std::chrono::milliseconds cap, double uniform01) {
    const double ceiling = std::min<double>(static_cast<double>(cap.count()),
                                            static_cast<double>(base.count()) *
                                                std::pow(2.0, std::clamp(retry, 0, 30)));
    const double u = std::clamp(uniform01, 0.0, 1.0);
    return std::chrono::milliseconds(static_cast<long long>(std::llround(ceiling * u)));
}

bool isClockSkew(const AwsErrorReply& reply) {
    if (reply.code == QLatin1String("RequestTimeTooSkewed") ||
        reply.code == QLatin1String("RequestTimeTooSkewedException") ||
        reply.code == QLatin1String("RequestInTheFuture")) {
        return true;
    }
    const bool signatureCode = reply.code == QLatin1String("InvalidSignatureException") ||
                               reply.code == QLatin1String("SignatureDoesNotMatch") ||
                               reply.code == QLatin1String("AuthFailure") ||
                               reply.code == QLatin1String("RequestExpired");
    return signatureCode &&
           (reply.message.contains(QLatin1String("Signature expired"), Qt::CaseInsensitive) ||
            reply.message.contains(QLatin1String("Signature not yet current"),
                                   Qt::CaseInsensitive) ||
            reply.code == QLatin1String("RequestExpired"));
}

std::optional<std::chrono::seconds> offsetFromDate(const QByteArray& dateHeader,
                                                   const QDateTime& nowUtc) {
    if (dateHeader.isEmpty()) {
        return std::nullopt;
    }
    // IMF-fixdate (RFC 9110): "Sun, 06 Nov 1994 08:49:37 GMT". The weekday is not checked:
    // only the time matters here.
    QString text = QString::fromLatin1(dateHeader).trimmed();
    const auto comma = text.indexOf(QLatin1Char(','));
    if (comma >= 0) {
        text = text.mid(comma + 1).trimmed();
    }
    if (text.endsWith(QLatin1String(" GMT")) || text.endsWith(QLatin1String(" UTC"))) {
        text.chop(4);
    }
    QDateTime server = QLocale::c().toDateTime(text, QStringLiteral("dd MMM yyyy HH:mm:ss"));
    if (!server.isValid()) {
        return std::nullopt;
    }
    server.setTimeZone(QTimeZone::utc());
    return std::chrono::seconds(server.toSecsSinceEpoch() - nowUtc.toSecsSinceEpoch());
}

QCoro::Task<bool> pause(QPointer<QObject> owner, std::chrono::milliseconds wait,
                        CancelToken cancel) {
    using namespace std::chrono_literals;
    const auto until = std::chrono::steady_clock::now() + wait;
    while (std::chrono::steady_clock::now() < until) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            until - std::chrono::steady_clock::now());
        co_await QCoro::sleepFor(std::min<std::chrono::milliseconds>(left, 50ms));
        if (!owner || cancel.isCancelled()) {
            co_return false;
        }
    }
    co_return true;
}

} // namespace awsretry

} // namespace strongroom
