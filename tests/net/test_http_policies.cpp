// The HTTP client's rules without a network: retry timing, Retry-After parsing, which URLs are
// allowed, what a redirect keeps, and the generic status mapping.
#include "HttpRequest.h"
#include "HttpResponse.h"
#include "HttpRetryPolicy.h"
#include "HttpUrlPolicy.h"

#include <QTest>

using namespace strongroom;
using namespace std::chrono_literals;
using Kind = BackendError::Kind;

namespace {

HttpResponse responseWith(int status, QList<QPair<QByteArray, QByteArray>> headers = {}) {
    HttpResponse response;
    response.status = status;
    response.headers = std::move(headers);
    response.url = QUrl(QStringLiteral("https://vault.example:8200/v1/x"));
    return response;
}

} // namespace

class HttpPoliciesTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void retryAfterSeconds() {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QCOMPARE(HttpRetryPolicy::parseRetryAfter("7", now), std::optional(7000ms));
        QCOMPARE(HttpRetryPolicy::parseRetryAfter(" 0 ", now), std::optional(0ms));
        QVERIFY(!HttpRetryPolicy::parseRetryAfter("-3", now));
        QVERIFY(!HttpRetryPolicy::parseRetryAfter("soon", now));
        QVERIFY(!HttpRetryPolicy::parseRetryAfter({}, now));
    }

    void retryAfterHttpDate() {
        const QDateTime now(QDate(2015, 10, 21), QTime(7, 27, 30), Qt::UTC);
        QCOMPARE(HttpRetryPolicy::parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now),
                 std::optional(30000ms));
        // A date in the past means "now", not a negative wait.
        QCOMPARE(HttpRetryPolicy::parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now),
                 std::optional(0ms));
    }

    void backoffIsJitteredBelowTheExponentialCeiling() {
        const HttpRetryPolicy policy(5, 100ms, 10s, 30s);
        bool sawLow = false;
        bool sawHigh = false;
        for (int i = 0; i < 300; ++i) {
            const auto wait = policy.backoff(3); // ceiling 100 ms * 2^3
            QVERIFY(wait >= 0ms && wait <= 800ms);
            sawLow = sawLow || wait < 400ms;
            sawHigh = sawHigh || wait > 400ms;
        }
        QVERIFY(sawLow && sawHigh);
        const HttpRetryPolicy capped(5, 100ms, 250ms, 30s);
        for (int i = 0; i < 100; ++i) {
            QVERIFY(capped.backoff(10) <= 250ms);
        }
    }

    void onlyThrottlingStatusesAreRetried() {
        const HttpRetryPolicy policy(2, 1ms, 1ms, 30s);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (int status : {429, 502, 503, 504}) {
            QVERIFY2(policy.waitAfter(responseWith(status), 0, now).has_value(),
                     qPrintable(QString::number(status)));
        }
        for (int status : {200, 400, 401, 404, 409, 500, 501}) {
            QVERIFY2(!policy.waitAfter(responseWith(status), 0, now).has_value(),
                     qPrintable(QString::number(status)));
        }
        QVERIFY(!policy.waitAfter(responseWith(503), 2, now).has_value());
        QCOMPARE(policy.waitAfter(responseWith(429, {{"Retry-After", "2"}}), 0, now),
                 std::optional(2000ms));
        QVERIFY(!policy.waitAfter(responseWith(429, {{"Retry-After", "31"}}), 0, now));
    }

    void retrySafetyFollowsMethodAndKey() {
        HttpRequest request;
        for (const char* method : {"GET", "HEAD", "PUT", "DELETE", "get"}) {
            request.method = method;
            QVERIFY2(request.isRetrySafe(), method);
        }
        for (const char* method : {"POST", "PATCH"}) {
            request.method = method;
            QVERIFY2(!request.isRetrySafe(), method);
        }
        request.method = "POST";
        request.idempotencyKey = QStringLiteral("token-1");
        QVERIFY(request.isRetrySafe());
        request.idempotencyKey.clear();
        request.method = "DELETE";
        request.idempotent = false;
        QVERIFY(!request.isRetrySafe());
    }

    void loopbackHosts() {
        for (const char* host : {"127.0.0.1", "127.8.9.10", "::1", "localhost", "LocalHost"}) {
            QVERIFY2(HttpUrlPolicy::isLoopbackHost(QString::fromLatin1(host)), host);
        }
        for (const char* host : {"128.0.0.1", "10.0.0.1", "192.0.2.2", "localhost.example.com",
                                 "127.0.0.1.nip.io", "::2", "vault"}) {
            QVERIFY2(!HttpUrlPolicy::isLoopbackHost(QString::fromLatin1(host)), host);
        }
    }

    void targetsAllowedByScheme() {
        QVERIFY(HttpUrlPolicy::checkTarget(QUrl(QStringLiteral("https://vault.example")), false));
        QVERIFY(HttpUrlPolicy::checkTarget(QUrl(QStringLiteral("http://127.0.0.1:8200")), false));
        QVERIFY(HttpUrlPolicy::checkTarget(QUrl(QStringLiteral("http://[::1]:8200")), false));
        const auto refused =
            HttpUrlPolicy::checkTarget(QUrl(QStringLiteral("http://10.1.2.3")), false);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind(), Kind::InvalidInput);
        QVERIFY(HttpUrlPolicy::checkTarget(QUrl(QStringLiteral("http://10.1.2.3")), true));
        QVERIFY(!HttpUrlPolicy::checkTarget(QUrl(QStringLiteral("ftp://127.0.0.1/")), true));
        QVERIFY(!HttpUrlPolicy::checkTarget(QUrl(QStringLiteral("https://")), true));
    }

    void redirectWithinOriginKeepsCredentials() {
        HttpRequest request;
        request.url = QUrl(QStringLiteral("https://vault.example:8200/v1/a"));
        request.setHeader("Authorization", "Bearer x");
        request.setCredentialHeader("X-Vault-Token", SecretBytes(std::string_view("t")));
        const auto status = HttpUrlPolicy::followRedirect(
            request, responseWith(307, {{"Location", "/v1/b?x=1"}}), false, false);
        QVERIFY(status);
        QCOMPARE(request.url, QUrl(QStringLiteral("https://vault.example:8200/v1/b?x=1")));
        QCOMPARE(request.credentialHeaders.size(), std::size_t(1));
        QCOMPARE(request.headers.size(), 1);
    }

    void redirectToAnotherOriginDropsCredentials() {
        HttpRequest request;
        request.url = QUrl(QStringLiteral("https://vault-1.example:8200/v1/a"));
        request.setHeader("Authorization", "Bearer x");
        request.setHeader("X-Goog-Api-Key", "k");
        request.setHeader("Content-Type", "application/json");
        request.setCredentialHeader("X-Vault-Token", SecretBytes(std::string_view("t")));
        const auto status = HttpUrlPolicy::followRedirect(
            request, responseWith(307, {{"Location", "https://vault-2.example:8200/v1/a"}}), false,
            false);
        QVERIFY(status);
        QCOMPARE(request.url.host(), QStringLiteral("vault-2.example"));
        QVERIFY(request.credentialHeaders.empty());
        QCOMPARE(request.headers.size(), 1);
        QCOMPARE(request.headers.first().first, QByteArray("Content-Type"));
    }

    void redirectToAnotherOriginKeepsCredentialsWhenAllowed() {
        HttpRequest request;
        request.url = QUrl(QStringLiteral("https://vault-1.example:8200/v1/a"));
        request.setCredentialHeader("X-Vault-Token", SecretBytes(std::string_view("t")));
        QVERIFY(HttpUrlPolicy::followRedirect(
            request, responseWith(308, {{"Location", "https://vault-2.example:8200/v1/a"}}), true,
            false));
        QCOMPARE(request.credentialHeaders.size(), std::size_t(1));
    }

    void redirectDowngradeAndMissingLocationAreRefused() {
        HttpRequest request;
        request.url = QUrl(QStringLiteral("https://127.0.0.1:8200/v1/a"));
        const auto downgrade = HttpUrlPolicy::followRedirect(
            request, responseWith(307, {{"Location", "http://127.0.0.1:8200/v1/a"}}), true, true);
        QVERIFY(!downgrade);
        QCOMPARE(downgrade.error().kind(), Kind::Tls);
        QCOMPARE(request.url.scheme(), QStringLiteral("https"));
        const auto nowhere = HttpUrlPolicy::followRedirect(request, responseWith(307), true, true);
        QVERIFY(!nowhere);
        QCOMPARE(nowhere.error().kind(), Kind::InvalidResponse);
    }

    void statusMapping_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("kind");
        QTest::newRow("401") << 401 << int(Kind::Unauthenticated);
        QTest::newRow("403") << 403 << int(Kind::PermissionDenied);
        QTest::newRow("404") << 404 << int(Kind::NotFound);
        QTest::newRow("409") << 409 << int(Kind::Conflict);
        QTest::newRow("412") << 412 << int(Kind::Conflict);
        QTest::newRow("429") << 429 << int(Kind::Throttled);
        QTest::newRow("503") << 503 << int(Kind::Throttled);
        QTest::newRow("500") << 500 << int(Kind::Network);
        QTest::newRow("400") << 400 << int(Kind::InvalidInput);
    }

    void statusMapping() {
        QFETCH(int, status);
        QFETCH(int, kind);
        const BackendError error = errorFromStatus(responseWith(status));
        QCOMPARE(int(error.kind()), kind);
        QVERIFY(error.detail().contains(QString::number(status)));
        QVERIFY(error.detail().contains(QStringLiteral("vault.example")));
    }

    void throttledCarriesRetryAfter() {
        const BackendError error = errorFromStatus(responseWith(429, {{"Retry-After", "12"}}));
        QCOMPARE(error.kind(), Kind::Throttled);
        QCOMPARE(error.retryAfter(), 12000ms);
    }
};

QTEST_GUILESS_MAIN(HttpPoliciesTest)
#include "test_http_policies.moc"
