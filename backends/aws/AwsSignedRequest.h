#pragma once

#include "AwsCredentials.h"
#include "CancelToken.h"
#include "HttpRequest.h"
#include "SecretBytes.h"

#include <QByteArray>
#include <QCoroTask>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <optional>

namespace strongroom {

struct AwsErrorReply;

// Builds one SigV4-signed POST the way it goes on the wire, shared by the JSON 1.1 client and
// STS: the Host header is set by us (QNAM keeps a Host it is given) to exactly the value that
// was signed, X-Amz-Date is `timeUtc`, and the Authorization and security token travel as
// credential headers (wiped after the exchange).
class AwsSignedRequest {
public:
    // "host" or "host:port" as QNAM would send it: IPv6 in brackets, the port only when the URL
    // names a non-default one.
    static QByteArray hostHeader(const QUrl& url);
    static HttpRequest post(const QUrl& url, const QByteArray& region, const QByteArray& service,
                            QList<QPair<QByteArray, QByteArray>> headers, SecretBytes body,
                            const AwsCredentials& credentials, const QDateTime& timeUtc);
};

// The retry rules every AWS call follows (SDK "standard" mode), kept in one place so the JSON 1.1
// client and STS agree.
namespace awsretry {
constexpr int maxAttempts = 3;
// Full jitter: uniform01 * min(cap, base * 2^retry).
std::chrono::milliseconds backoff(int retry, std::chrono::milliseconds base,
                                  std::chrono::milliseconds cap, double uniform01);
// The reply says our clock is off (RequestTimeTooSkewed, "Signature expired", "Signature not yet
// current"): worth one new attempt signed with the server's time.
bool isClockSkew(const AwsErrorReply& reply);
// Server time minus local time from a reply's Date header (RFC 1123), or nothing.
std::optional<std::chrono::seconds> offsetFromDate(const QByteArray& dateHeader,
                                                   const QDateTime& nowUtc);
// Waits `wait` (a backoff) in steps of at most 50 ms: false as soon as `owner` is gone or
// `cancel` fires, true once the time is up.
QCoro::Task<bool> pause(QPointer<QObject> owner, std::chrono::milliseconds wait,
                        CancelToken cancel);
} // namespace awsretry

} // namespace strongroom
