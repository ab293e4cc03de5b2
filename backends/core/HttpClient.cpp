#include "HttpClient.h"

#include "HttpOneShotBody.h"
#include "HttpUrlPolicy.h"

#include <QCoroNetworkReply>
#include <QCoroTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

#include <openssl/crypto.h>

namespace strongroom {

namespace {

using namespace std::chrono_literals;

// How often a running request looks at its CancelToken (the token has no signal to connect to).
constexpr auto cancelPollInterval = 50ms;

// Overwrites the bytes of `bytes` without detaching. Qt keeps implicitly shared copies of a
// request's body and header values until the reply is gone; once the exchange is over, wiping
// the shared buffer in place clears those copies too, where wipe() would only clear a detached
// private copy and leave Qt's to be freed unwiped.
void wipeSharedInPlace(QByteArray& bytes) {
    if (!bytes.isEmpty()) {
        OPENSSL_cleanse(const_cast<char*>(bytes.constData()),
                        static_cast<std::size_t>(bytes.size()));
    }
    bytes.clear();
}

BackendError closingError() {
    return BackendError(BackendError::Kind::Cancelled,
                        QStringLiteral("the connection was closed while a request was running"));
}

} // namespace

HttpClient::HttpClient(HttpClientConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_retry(m_config.retryPolicy())
    , m_network(new QNetworkAccessManager,
                [](QNetworkAccessManager* network) { network->deleteLater(); }) {
    // Redirects are followed by hand (see HttpUrlPolicy) so the body survives 307/308 and
    // credentials do not leak to another origin; nothing is cached or kept in a cookie jar.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    auto tls = m_config.tlsConfiguration();
    if (tls) {
        m_tls = tls.value();
    } else {
        m_configError = tls.error();
    }
}

HttpClient::~HttpClient() {
    // Resume every suspended send() now, while members still exist, so none waits forever on a
    // reply the manager is about to delete.
    m_closing = true;
    const auto running = m_inFlight;
    for (QNetworkReply* reply : running) {
        reply->abort();
    }
}

Status HttpClient::configurationStatus() const {
    if (m_configError) {
        return *m_configError;
    }
    return Done{};
}

Result<HttpResponse> HttpClient::requireSuccess(Result<HttpResponse> result) {
    if (result && !result->isSuccess()) {
        return errorFromStatus(result.value());
    }
    return result;
}

QCoro::Task<Result<HttpResponse>> HttpClient::send(HttpRequest request, CancelToken cancel) {
    QPointer<HttpClient> self(this);
    if (m_configError) {
        // A copy on purpose: QCoro 0.8's return_value(U&&) moves from an lvalue it is given,
        // which would leave the next request an error without its message.
        co_return BackendError(*m_configError);
    }
    if (auto allowed = HttpUrlPolicy::checkTarget(request.url, m_config.allowInsecureHttp);
        !allowed) {
        co_return allowed.error();
    }
    if (!request.idempotencyKey.isEmpty() && !request.idempotencyHeader.isEmpty()) {
        request.setHeader(request.idempotencyHeader, request.idempotencyKey.toUtf8());
    }
    const bool retrySafe = request.isRetrySafe();
    int retries = 0;
    int redirects = 0;
    for (;;) {
        if (cancel.isCancelled()) {
            co_return BackendError(
                BackendError::Kind::Cancelled,
                QStringLiteral("request to %1 cancelled").arg(request.url.host()));
        }
        HttpAttemptResult attempt = co_await sendOnce(request, cancel);
        if (!self || m_closing) {
            co_return closingError();
        }
        if (attempt.error) {
            if (attempt.nothingSent && retrySafe && retries < m_retry.maxRetries()) {
                if (!co_await pause(m_retry.backoff(retries), cancel)) {
                    co_return self ? BackendError(BackendError::Kind::Cancelled) : closingError();
                }
                ++retries;
                continue;
            }
            co_return *attempt.error;
        }
        HttpResponse response = std::move(*attempt.response);
        response.attempts = retries + 1;
        if (HttpUrlPolicy::isFollowedRedirect(response.status)) {
            if (++redirects > HttpUrlPolicy::maxRedirects) {
                co_return BackendError(BackendError::Kind::InvalidResponse,
                                       QStringLiteral("more than %1 redirects, last at %2")
                                           .arg(HttpUrlPolicy::maxRedirects)
                                           .arg(request.url.host()));
            }
            auto followed = HttpUrlPolicy::followRedirect(
                request, response, m_config.credentialsFollowRedirects, m_config.allowInsecureHttp);
            if (!followed) {
                co_return followed.error();
            }
            continue;
        }
        if (!retrySafe) {
            co_return response;
        }
        const auto wait = m_retry.waitAfter(response, retries, QDateTime::currentDateTimeUtc());
        if (!wait) {
            co_return response;
        }
        if (!co_await pause(*wait, cancel)) {
            co_return self ? BackendError(BackendError::Kind::Cancelled) : closingError();
        }
        ++retries;
    }
}

QCoro::Task<bool> HttpClient::pause(std::chrono::milliseconds wait, CancelToken cancel) {
    QPointer<HttpClient> self(this);
    const auto until = std::chrono::steady_clock::now() + wait;
    while (std::chrono::steady_clock::now() < until) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            until - std::chrono::steady_clock::now());
        co_await QCoro::sleepFor(std::min<std::chrono::milliseconds>(left, cancelPollInterval));
        if (!self || m_closing || cancel.isCancelled()) {
            co_return false;
        }
    }
    co_return true;
}

QNetworkReply* HttpClient::startReply(const HttpRequest& request, const QByteArray& body,
                                      const std::vector<QByteArray>& credentialValues) {
    QNetworkRequest wire(request.url);
    wire.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    wire.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    wire.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    wire.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    wire.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                      QNetworkRequest::ManualRedirectPolicy);
    if (request.url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0) {
        wire.setSslConfiguration(m_tls);
    }
    for (const auto& [name, value] : request.headers) {
        wire.setRawHeader(name, value);
    }
    for (std::size_t i = 0; i < request.credentialHeaders.size(); ++i) {
        wire.setRawHeader(request.credentialHeaders[i].name, credentialValues[i]);
    }
    if (!body.isEmpty() && !wire.hasRawHeader("Content-Type")) {
        // Every store we speak to takes JSON unless the backend says otherwise (AWS does).
        wire.setRawHeader("Content-Type", "application/json");
    }
    if (request.method.compare("HEAD", Qt::CaseInsensitive) == 0) {
        return m_network->head(wire);
    }
    if (request.isRetrySafe()) {
        return m_network->sendCustomRequest(wire, request.method.toUpper(), body);
    }
    // Not safe to repeat: stop Qt's own transparent resend (see HttpOneShotBody). The explicit
    // length and DoNotBufferUploadData make Qt stream the device instead of buffering it into a
    // rewindable copy.
    wire.setHeader(QNetworkRequest::ContentLengthHeader, body.size());
    wire.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
    auto* once = new HttpOneShotBody(body);
    QNetworkReply* reply = m_network->sendCustomRequest(wire, request.method.toUpper(), once);
    once->setParent(reply);
    return reply;
}

QCoro::Task<HttpAttemptResult> HttpClient::sendOnce(const HttpRequest& request,
                                                    CancelToken cancel) {
    QPointer<HttpClient> self(this);
    // QCoro resumes us through a queued signal from the reply; holding the manager keeps the
    // reply alive for that even when this client is destroyed meanwhile.
    const std::shared_ptr<QNetworkAccessManager> network = m_network;
    QByteArray body = request.body.toByteArrayUnsafe();
    std::vector<QByteArray> credentialValues;
    for (const auto& header : request.credentialHeaders) {
        credentialValues.push_back(header.value.toByteArrayUnsafe());
    }
    QPointer<QNetworkReply> reply = startReply(request, body, credentialValues);
    m_inFlight.insert(reply.data());

    HttpInterruption interruption;
    interruption.timeout = request.timeout > 0ms ? request.timeout : m_config.requestTimeout;
    QTimer deadline;
    deadline.setSingleShot(true);
    deadline.setTimerType(Qt::PreciseTimer);
    QTimer cancelWatch;
    cancelWatch.setInterval(cancelPollInterval);
    connect(&deadline, &QTimer::timeout, reply.data(), [&interruption, reply] {
        interruption.timedOut = true;
        reply->abort();
    });
    connect(&cancelWatch, &QTimer::timeout, reply.data(), [&interruption, reply, cancel] {
        if (cancel.isCancelled()) {
            interruption.cancelled = true;
            reply->abort();
        }
    });
    // The deadline timer doubles as the context: the connection dies with this frame.
    connect(reply.data(), &QNetworkReply::sslErrors, &deadline,
            [&interruption](const QList<QSslError>& errors) {
                for (const auto& error : errors) {
                    interruption.tlsProblems.append(error.errorString());
                }
            });
    if (interruption.timeout > 0ms) {
        deadline.start(interruption.timeout);
    }
    cancelWatch.start();

    if (!reply->isFinished()) {
        co_await qCoro(reply.data()).waitForFinished();
    }
    deadline.stop();
    cancelWatch.stop();

    HttpAttemptResult result;
    if (self && reply) {
        m_inFlight.remove(reply.data());
    }
    if (self && !m_closing && reply) {
        result = HttpReplyReader::read(*reply, interruption);
    } else {
        result.error = closingError();
    }
    if (reply) {
        reply->deleteLater();
    }
    wipeSharedInPlace(body);
    for (auto& value : credentialValues) {
        wipeSharedInPlace(value);
    }
    co_return result;
}

} // namespace strongroom
