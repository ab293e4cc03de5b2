#include "HttpRetryPolicy.h"

#include "HttpResponse.h"

#include <QLocale>
#include <QRandomGenerator>

#include <algorithm>

namespace strongroom {

HttpRetryPolicy::HttpRetryPolicy(int maxRetries, std::chrono::milliseconds baseBackoff,
                                 std::chrono::milliseconds maxBackoff,
                                 std::chrono::milliseconds maxRetryAfter)
    : m_maxRetries(std::max(0, maxRetries))
    , m_baseBackoff(std::max(baseBackoff, std::chrono::milliseconds{0}))
    , m_maxBackoff(std::max(maxBackoff, std::chrono::milliseconds{0}))
    , m_maxRetryAfter(std::max(maxRetryAfter, std::chrono::milliseconds{0})) {}

bool HttpRetryPolicy::isRetryableStatus(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
}

std::chrono::milliseconds HttpRetryPolicy::backoff(int retry) const {
    // Doubling stops at 2^20 so the multiplication cannot overflow; the cap applies anyway.
    const qint64 factor = qint64{1} << std::clamp(retry, 0, 20);
    const qint64 ceiling = std::min<qint64>(m_maxBackoff.count(), m_baseBackoff.count() * factor);
    if (ceiling <= 0) {
        return std::chrono::milliseconds{0};
    }
    // Full jitter: clients that failed together do not come back together.
    return std::chrono::milliseconds{QRandomGenerator::global()->bounded(ceiling + 1)};
}

std::optional<std::chrono::milliseconds>
HttpRetryPolicy::waitAfter(const HttpResponse& response, int retry, const QDateTime& now) const {
    if (!isRetryableStatus(response.status) || retry >= m_maxRetries) {
        return std::nullopt;
    }
    if (const auto asked = parseRetryAfter(response.header("Retry-After"), now)) {
        if (*asked > m_maxRetryAfter) {
            return std::nullopt; // the caller gets the Throttled answer with the wait in it
        }
        return *asked;
    }
    return backoff(retry);
}

std::optional<std::chrono::milliseconds> HttpRetryPolicy::parseRetryAfter(const QByteArray& value,
                                                                          const QDateTime& now) {
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty()) {
        return std::nullopt;
    }
    bool isNumber = false;
    const qint64 seconds = trimmed.toLongLong(&isNumber);
    if (isNumber) {
        if (seconds < 0) {
            return std::nullopt;
        }
        return std::chrono::milliseconds{std::min<qint64>(seconds, 86'400 * 7) * 1000};
    }
    // IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT"; HTTP dates are always English and GMT.
    const QString text = QString::fromLatin1(trimmed);
    QDateTime when =
        QLocale::c().toDateTime(text, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid()) {
        return std::nullopt;
    }
    when.setTimeSpec(Qt::UTC);
    return std::chrono::milliseconds{std::max<qint64>(0, now.msecsTo(when))};
}

} // namespace strongroom
