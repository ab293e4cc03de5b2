#include "AwsJsonClient.h"

#include "AwsErrorReply.h"
#include "AwsSignedRequest.h"
#include "HttpClient.h"
#include "JsonWipe.h"

#include <QCoreApplication>
#include <QPointer>
#include <QRandomGenerator>

#include <openssl/crypto.h>

namespace strongroom {

namespace {

using Kind = BackendError::Kind;
using json = nlohmann::json;

QString tr(const char* text) {
    return QCoreApplication::translate("AwsJsonClient", text);
}

// Every retry is ours: the transport makes one attempt so each one is signed anew.
HttpClientConfig singleAttempt(HttpClientConfig config) {
    config.maxRetries = 0;
    return config;
}

SecretBytes serialize(json& params) {
    if (params.is_null()) {
        params = json::object();
    }
    std::string text = params.dump();
    SecretBytes body(text);
    OPENSSL_cleanse(text.data(), text.size());
    wipeJson(params);
    return body;
}

BackendError closed() {
    return BackendError(Kind::Cancelled, tr("the AWS connection was closed during the call"));
}

} // namespace

AwsJsonClient::AwsJsonClient(AwsEndpoint endpoint, QByteArray service, QByteArray targetPrefix,
                             QObject* parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_service(std::move(service))
    , m_targetPrefix(std::move(targetPrefix))
    , m_uniform01([] { return QRandomGenerator::global()->generateDouble(); })
    , m_http(new HttpClient(singleAttempt(m_endpoint.http), this)) {}

AwsJsonClient::~AwsJsonClient() = default;

void AwsJsonClient::setCredentials(AwsCredentials credentials) {
    m_credentials = std::make_unique<AwsCredentials>(std::move(credentials));
}

bool AwsJsonClient::hasCredentials() const {
    return m_credentials && !m_credentials->accessKeyId.isEmpty();
}

void AwsJsonClient::clearCredentials() {
    // SecretBytes wipe themselves when the struct dies.
    m_credentials.reset();
}

void AwsJsonClient::setJitterSource(std::function<double()> uniform01) {
    m_uniform01 = std::move(uniform01);
}

void AwsJsonClient::setBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap) {
    m_baseBackoff = base;
    m_maxBackoff = cap;
}

QCoro::Task<bool> AwsJsonClient::pause(std::chrono::milliseconds wait, CancelToken cancel) {
    return awsretry::pause(this, wait, std::move(cancel));
}

HttpRequest AwsJsonClient::buildRequest(const QString& operation, const SecretBytes& body,
                                        Safety safety, const QString& idempotencyKey) const {
    const QDateTime now = QDateTime::currentDateTimeUtc().addSecs(m_clockOffset.count());
    HttpRequest request = AwsSignedRequest::post(
        m_endpoint.urlFor(m_service), m_endpoint.region, m_service,
        {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-amz-json-1.1")},
         {QByteArrayLiteral("X-Amz-Target"), m_targetPrefix + '.' + operation.toLatin1()}},
        body, *m_credentials, now);
    request.idempotent = safety == Safety::Read;
    if (safety == Safety::Write) {
        // Already in the body as ClientRequestToken; no header.
        request.idempotencyKey = idempotencyKey;
    }
    return request;
}

QCoro::Task<Result<nlohmann::json>> AwsJsonClient::call(QString operation, nlohmann::json params,
                                                        Safety safety, QString idempotencyKey,
                                                        CancelToken cancel) {
    QPointer<AwsJsonClient> self(this);
    const SecretBytes body = serialize(params);
    // A write without a key may have been applied when the connection broke or the server
    // failed: only "not now" answers (throttling) are safe to repeat for it.
    const bool repeatable = safety == Safety::Read || !idempotencyKey.isEmpty();
    bool skewCorrected = false;
    int attempt = 0;
    for (;;) {
        if (cancel.isCancelled()) {
            co_return BackendError(Kind::Cancelled, tr("%1 cancelled").arg(operation));
        }
        if (!hasCredentials()) {
            co_return BackendError(Kind::Unauthenticated,
                                   tr("no AWS credentials for this connection: sign in again"));
        }
        ++attempt;
        HttpRequest request = buildRequest(operation, body, safety, idempotencyKey);
        auto sending = m_http->send(std::move(request), cancel);
        auto sent = co_await std::move(sending);
        if (!self) {
            co_return closed();
        }
        if (!sent) {
            const bool transient = sent.error().kind() == Kind::Network;
            if (transient && repeatable && attempt < awsretry::maxAttempts) {
                auto waiting = pause(retryDelay(attempt - 1), cancel);
                if (!co_await std::move(waiting)) {
                    co_return self ? BackendError(Kind::Cancelled) : closed();
                }
                continue;
            }
            co_return sent.error();
        }
        HttpResponse& response = sent.value();
        if (response.isSuccess()) {
            co_return parseReply(operation, response.body);
        }
        QByteArray errorBody = response.body.toByteArrayUnsafe();
        const AwsErrorReply reply = AwsErrorReply::fromJson(
            response.status, response.header("x-amzn-ErrorType"), errorBody);
        wipe(errorBody);
        if (!skewCorrected && awsretry::isClockSkew(reply)) {
            const auto offset =
                awsretry::offsetFromDate(response.header("Date"), QDateTime::currentDateTimeUtc());
            if (offset) {
                skewCorrected = true;
                m_clockOffset = *offset;
                continue;
            }
        }
        const bool throttled = reply.toError().kind() == Kind::Throttled;
        if (reply.isRetryable() && (repeatable || throttled) && attempt < awsretry::maxAttempts) {
            auto waiting = pause(retryDelay(attempt - 1), cancel);
            if (!co_await std::move(waiting)) {
                co_return self ? BackendError(Kind::Cancelled) : closed();
            }
            continue;
        }
        BackendError error = reply.toError();
        if (error.kind() == Kind::Throttled) {
            // What the next backoff would have been: a hint for the caller's own retry.
            error.withRetryAfter(std::max(retryDelay(attempt), m_baseBackoff));
        }
        co_return error;
    }
}

std::chrono::milliseconds AwsJsonClient::retryDelay(int retry) const {
    return awsretry::backoff(retry, m_baseBackoff, m_maxBackoff, m_uniform01 ? m_uniform01() : 1.0);
}

Result<nlohmann::json> AwsJsonClient::parseReply(const QString& operation,
                                                 const SecretBytes& body) const {
    if (body.isEmpty()) {
        return json::object();
    }
    json reply = json::parse(body.data(), body.data() + body.size(), nullptr, false);
    if (reply.is_discarded()) {
        return BackendError(Kind::InvalidResponse,
                            tr("AWS answered %1 with a reply that is not JSON (%2 bytes)")
                                .arg(operation)
                                .arg(body.size()));
    }
    if (!reply.is_object()) {
        wipeJson(reply);
        return BackendError(Kind::InvalidResponse,
                            tr("AWS answered %1 with JSON that is not an object").arg(operation));
    }
    return reply;
}

} // namespace strongroom
