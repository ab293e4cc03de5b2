#pragma once

#include "CancelToken.h"
#include "HttpClientConfig.h"
#include "HttpReplyReader.h"
#include "HttpRequest.h"
#include "HttpResponse.h"
#include "Result.h"

#include <QCoroTask>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>

#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace strongroom {

// The HTTP transport every network backend (Vault, AWS, GCP, Azure) shares: TLS always
// verified, plain http only to loopback unless allowed, retries with backoff for what is safe to
// repeat, 307/308 followed by hand, timeouts and cancellation. It never logs bodies or headers.
//
// send() returns the HttpResponse of any completed exchange, error statuses included, because
// providers give statuses their own meaning; use errorFromStatus() or requireSuccess() for the
// generic mapping. Transport failures come back as BackendError (Network, Tls, Cancelled,
// InvalidResponse, InvalidInput).
class HttpClient : public QObject {
    Q_OBJECT
public:
    explicit HttpClient(HttpClientConfig config = {}, QObject* parent = nullptr);
    ~HttpClient() override;

    const HttpClientConfig& config() const { return m_config; }
    // Done, or the configuration problem (unreadable CA file...) every send() will report.
    Status configurationStatus() const;

    QCoro::Task<Result<HttpResponse>> send(HttpRequest request, CancelToken cancel = {});

    // Passes 2xx responses through and turns anything else into errorFromStatus().
    static Result<HttpResponse> requireSuccess(Result<HttpResponse> result);

private:
    // `request` is owned by the calling send() frame, which awaits this at once.
    QCoro::Task<HttpAttemptResult> sendOnce(const HttpRequest& request, CancelToken cancel);
    // Sleeps in short steps so a cancellation is noticed; false when cancelled or closing.
    QCoro::Task<bool> pause(std::chrono::milliseconds wait, CancelToken cancel);
    QNetworkReply* startReply(const HttpRequest& request, const QByteArray& body,
                              const std::vector<QByteArray>& credentialValues);

    HttpClientConfig m_config;
    HttpRetryPolicy m_retry;
    QSslConfiguration m_tls;
    std::optional<BackendError> m_configError;
    std::shared_ptr<QNetworkAccessManager> m_network;
    QSet<QNetworkReply*> m_inFlight;
    bool m_closing = false;
};

} // namespace strongroom
