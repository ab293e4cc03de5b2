#pragma once

#include "AwsCredentials.h"
#include "AwsEndpoint.h"
#include "CancelToken.h"
#include "HttpRequest.h"
#include "Result.h"

#include <QCoroTask>
#include <QObject>
#include <QString>

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <memory>

namespace strongroom {

class HttpClient;

// Calls one AWS JSON 1.1 service (Secrets Manager): POST / with X-Amz-Target
// "<targetPrefix>.<Operation>", signed with SigV4 over exactly the bytes sent. Retries like the
// SDKs' "standard" mode (3 attempts in all, full-jitter backoff capped at 20 s, throttling and
// transient codes and 500/502/503/504, never LimitExceededException), signing every attempt anew.
// A request carrying an idempotency key (ClientRequestToken) may be retried even though it is a
// POST; without one only reads are. When a reply says the signature is out of date
// (RequestTimeTooSkewed / InvalidSignatureException / "Signature expired") the clock offset is
// taken from the reply's Date header and the call signed again once.
class AwsJsonClient : public QObject {
    Q_OBJECT
public:
    AwsJsonClient(AwsEndpoint endpoint, QByteArray service, QByteArray targetPrefix,
                  QObject* parent = nullptr);
    ~AwsJsonClient() override;

    const AwsEndpoint& endpoint() const { return m_endpoint; }
    void setCredentials(AwsCredentials credentials);
    bool hasCredentials() const;
    // Wipes the keys held in memory (idle lock, logout).
    void clearCredentials();

    enum class Safety { Read, Write };
    // `params` is the request body (`{}` when empty) and may hold a secret value: it is wiped
    // after it was sent. The reply body is parsed into `out`; on error `out` is untouched and the
    // error is AwsErrorReply::toError(), or Network/Tls/Cancelled/InvalidResponse.
    // `idempotencyKey` non-empty makes a Write safe to retry (it must already be in `params`).
    QCoro::Task<Result<nlohmann::json>> call(QString operation, nlohmann::json params,
                                             Safety safety, QString idempotencyKey = {},
                                             CancelToken cancel = {});

    // Added to the local clock when signing, learned from a skew error's Date header.
    std::chrono::seconds clockOffset() const { return m_clockOffset; }
    // For tests: the random part of the backoff; the default draws from a random device.
    void setJitterSource(std::function<double()> uniform01);
    // For tests: base and cap of the backoff (defaults 100 ms and 20 s).
    void setBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap);

private:
    HttpRequest buildRequest(const QString& operation, const SecretBytes& body, Safety safety,
                             const QString& idempotencyKey) const;
    // Sleeps in short steps so a cancellation is noticed; false when cancelled or destroyed.
    QCoro::Task<bool> pause(std::chrono::milliseconds wait, CancelToken cancel);
    std::chrono::milliseconds retryDelay(int retry) const;
    Result<nlohmann::json> parseReply(const QString& operation, const SecretBytes& body) const;

    AwsEndpoint m_endpoint;
    QByteArray m_service;
    QByteArray m_targetPrefix;
    std::unique_ptr<AwsCredentials> m_credentials;
    std::chrono::seconds m_clockOffset{0};
    std::function<double()> m_uniform01;
    std::chrono::milliseconds m_baseBackoff{100};
    std::chrono::milliseconds m_maxBackoff{20'000};
    HttpClient* m_http;
};

} // namespace strongroom
