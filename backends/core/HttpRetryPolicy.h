#pragma once

#include <QByteArray>
#include <QDateTime>

#include <chrono>
#include <optional>

namespace strongroom {

struct HttpResponse;

// When and how long to wait before repeating a request: exponential backoff with full jitter,
// overridden by the server's Retry-After. Whether a request may be repeated at all is the
// request's own business (HttpRequest::isRetrySafe).
class HttpRetryPolicy {
public:
    HttpRetryPolicy() = default;
    HttpRetryPolicy(int maxRetries, std::chrono::milliseconds baseBackoff,
                    std::chrono::milliseconds maxBackoff, std::chrono::milliseconds maxRetryAfter);

    int maxRetries() const { return m_maxRetries; }

    // 429, 502, 503 and 504: the server says "not now", not "no".
    static bool isRetryableStatus(int status);
    // Delay before retry number `retry` (0-based): uniform in [0, min(max, base * 2^retry)].
    std::chrono::milliseconds backoff(int retry) const;
    // How long to wait before repeating after `response`, or nothing when it must not be
    // repeated: a final status, no retries left, or a Retry-After longer than we will wait.
    std::optional<std::chrono::milliseconds> waitAfter(const HttpResponse& response, int retry,
                                                       const QDateTime& now) const;

    // Retry-After as delta-seconds or an HTTP date (RFC 9110); nothing when absent or garbled.
    static std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray& value,
                                                                    const QDateTime& now);

private:
    int m_maxRetries = 3;
    std::chrono::milliseconds m_baseBackoff{200};
    std::chrono::milliseconds m_maxBackoff{10'000};
    std::chrono::milliseconds m_maxRetryAfter{30'000};
};

} // namespace strongroom
