#include "HttpReplyReader.h"

#include <QNetworkReply>

namespace strongroom {

namespace {

using Kind = BackendError::Kind;

// Qt reports HTTP statuses >= 400 as content/server "errors" although the exchange completed.
bool isHttpLevelError(QNetworkReply::NetworkError error) {
    const int code = static_cast<int>(error);
    return code == 0 ||
           (code >= 201 && code <= 299 && error != QNetworkReply::ContentReSendError) ||
           error == QNetworkReply::ProtocolInvalidOperationError || (code >= 401 && code <= 499);
}

QString endpoint(const QNetworkReply& reply) {
    const QUrl url = reply.request().url();
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

HttpAttemptResult failure(Kind kind, QString detail, bool nothingSent = false) {
    HttpAttemptResult result;
    result.error = BackendError(kind, std::move(detail));
    result.nothingSent = nothingSent;
    return result;
}

HttpAttemptResult transportFailure(const QNetworkReply& reply, const HttpInterruption& why,
                                   bool headersArrived) {
    const QString where = endpoint(reply);
    switch (reply.error()) {
    case QNetworkReply::ConnectionRefusedError:
        return failure(Kind::Network, QStringLiteral("%1 refused the connection").arg(where), true);
    case QNetworkReply::HostNotFoundError:
        return failure(Kind::Network,
                       QStringLiteral("host %1 not found").arg(reply.request().url().host()), true);
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
        return failure(
            Kind::Network,
            QStringLiteral("could not connect to %1: %2").arg(where, reply.errorString()), true);
    case QNetworkReply::RemoteHostClosedError:
        return failure(
            Kind::Network,
            headersArrived
                ? QStringLiteral("%1 closed the connection in the middle of the reply").arg(where)
                : QStringLiteral("%1 closed the connection without a valid HTTP reply").arg(where));
    case QNetworkReply::ContentReSendError:
        return failure(Kind::Network,
                       QStringLiteral("%1 closed the connection without a valid HTTP reply; the "
                                      "request was not sent again because repeating it is not "
                                      "safe")
                           .arg(where));
    case QNetworkReply::TimeoutError:
        return failure(Kind::Network, QStringLiteral("%1 did not answer in time").arg(where));
    case QNetworkReply::OperationCanceledError:
        if (why.cancelled) {
            return failure(Kind::Cancelled, QStringLiteral("request to %1 cancelled").arg(where));
        }
        if (why.timedOut) {
            return failure(Kind::Network, QStringLiteral("%1 did not answer within %2 ms")
                                              .arg(where)
                                              .arg(why.timeout.count()));
        }
        return failure(Kind::Cancelled, QStringLiteral("request to %1 aborted").arg(where));
    case QNetworkReply::SslHandshakeFailedError:
        return failure(
            Kind::Tls,
            why.tlsProblems.isEmpty()
                ? QStringLiteral("TLS handshake with %1 failed: %2").arg(where, reply.errorString())
                : QStringLiteral("TLS handshake with %1 failed: %2")
                      .arg(where, why.tlsProblems.join(QStringLiteral("; "))));
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::ProtocolUnknownError:
        return failure(Kind::InvalidResponse,
                       QStringLiteral("%1 sent a reply that is not valid HTTP").arg(where));
    default:
        return failure(Kind::Network,
                       QStringLiteral("request to %1 failed: %2").arg(where, reply.errorString()));
    }
}

} // namespace

HttpAttemptResult HttpReplyReader::read(QNetworkReply& reply,
                                        const HttpInterruption& interruption) {
    const QVariant status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const bool headersArrived = status.isValid() && status.toInt() > 0;
    // Qt rewinds the body as soon as it sees a 307/308, and reports a body that cannot be rewound
    // (HttpOneShotBody) as ContentReSendError, although the redirect itself arrived intact.
    const bool redirectOfOneShotBody = reply.error() == QNetworkReply::ContentReSendError &&
                                       (status.toInt() == 307 || status.toInt() == 308);
    if (!headersArrived || !(isHttpLevelError(reply.error()) || redirectOfOneShotBody) ||
        interruption.cancelled || interruption.timedOut) {
        return transportFailure(reply, interruption, headersArrived);
    }
    HttpResponse response;
    response.status = status.toInt();
    response.reasonPhrase =
        reply.attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    response.headers = reply.rawHeaderPairs();
    response.url = reply.url();
    QByteArray body = reply.readAll();
    response.body = SecretBytes::takeFrom(body);
    HttpAttemptResult result;
    result.response = std::move(response);
    return result;
}

} // namespace strongroom
