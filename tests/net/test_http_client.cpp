// HttpClient against a real HTTP/1.1 server on a loopback port: retries, redirects, broken
// replies, timeouts and cancellation.
#include "Await.h"
#include "HttpClient.h"
#include "HttpUrlPolicy.h"
#include "ScriptedHttpServer.h"

#include <QElapsedTimer>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace strongroom;
using namespace std::chrono_literals;
using Kind = BackendError::Kind;

namespace {

HttpClientConfig fastConfig() {
    HttpClientConfig config;
    config.baseBackoff = 1ms; // the waits under test come from Retry-After, not from backoff
    config.maxBackoff = 5ms;
    config.requestTimeout = 5s;
    return config;
}

HttpRequest request(const QByteArray& method, const QUrl& url, const QByteArray& body = {}) {
    HttpRequest result;
    result.method = method;
    result.url = url;
    result.body = SecretBytes(std::string_view(body.constData(), body.size()));
    return result;
}

} // namespace

class HttpClientTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void deliversRequestAndReturnsResponse() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::reply(200, R"({"data":"s3cr3t"})", {{"X-Seen", "yes"}}));
        HttpClient client(fastConfig());
        HttpRequest put = request("PUT", server.url(QStringLiteral("/v1/kv/app")), R"({"a":"b"})");
        put.setCredentialHeader("X-Vault-Token", SecretBytes(std::string_view("hvs.token")));
        const auto result = await(client.send(std::move(put)));
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message()));
        QCOMPARE(result->status, 200);
        QCOMPARE(QByteArray(result->body.data(), qsizetype(result->body.size())),
                 QByteArray(R"({"data":"s3cr3t"})"));
        QCOMPARE(result->header("x-seen"), QByteArray("yes"));
        QCOMPARE(server.requests().size(), 1);
        const RecordedRequest& seen = server.requests().first();
        QCOMPARE(seen.method, QByteArray("PUT"));
        QCOMPARE(seen.target, QByteArray("/v1/kv/app"));
        QCOMPARE(seen.body, QByteArray(R"({"a":"b"})"));
        QCOMPARE(seen.header("X-Vault-Token"), QByteArray("hvs.token"));
        QCOMPARE(seen.header("Content-Type"), QByteArray("application/json"));
    }

    void errorStatusIsReturnedAsResponse() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::reply(403, R"({"errors":["permission denied"]})"));
        HttpClient client(fastConfig());
        const auto result = await(client.send(request("GET", server.url())));
        QVERIFY(result.ok());
        QCOMPARE(result->status, 403);
        QCOMPARE(errorFromStatus(result.value()).kind(), Kind::PermissionDenied);
        QCOMPARE(HttpClient::requireSuccess(result).error().kind(), Kind::PermissionDenied);
    }

    void retriesAfter429HonouringRetryAfter() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::reply(429, {}, {{"Retry-After", "1"}}));
        server.enqueue(ScriptedHttpServer::reply(200, "ok"));
        HttpClient client(fastConfig());
        QElapsedTimer clock;
        clock.start();
        const auto result = await(client.send(request("GET", server.url())));
        QVERIFY(result.ok());
        QCOMPARE(result->status, 200);
        QCOMPARE(result->attempts, 2);
        QCOMPARE(server.requests().size(), 2);
        QVERIFY2(clock.elapsed() >= 950, qPrintable(QString::number(clock.elapsed())));
    }

    void tooLongRetryAfterIsNotWaitedOut() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::reply(429, {}, {{"Retry-After", "3600"}}));
        HttpClient client(fastConfig());
        const auto result = await(client.send(request("GET", server.url())));
        QVERIFY(result.ok());
        QCOMPARE(result->status, 429);
        QCOMPARE(server.requests().size(), 1);
        const BackendError error = errorFromStatus(result.value());
        QCOMPARE(error.kind(), Kind::Throttled);
        QCOMPARE(error.retryAfter(), std::chrono::milliseconds(3600s));
    }

    void givesUpAfterMaxRetriesOn503() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        for (int i = 0; i < 5; ++i) {
            server.enqueue(ScriptedHttpServer::reply(503, "busy"));
        }
        HttpClientConfig config = fastConfig();
        config.maxRetries = 2;
        HttpClient client(config);
        const auto result = await(client.send(request("GET", server.url())));
        QVERIFY(result.ok());
        QCOMPARE(result->status, 503);
        QCOMPARE(result->attempts, 3);
        QCOMPARE(server.requests().size(), 3);
        QCOMPARE(HttpClient::requireSuccess(result).error().kind(), Kind::Throttled);
    }

    void postIsNotRetried() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::reply(503));
        server.enqueue(ScriptedHttpServer::reply(200));
        HttpClient client(fastConfig());
        const auto result = await(client.send(request("POST", server.url(), "{}")));
        QVERIFY(result.ok());
        QCOMPARE(result->status, 503);
        QCOMPARE(server.requests().size(), 1);
    }

    void putMarkedNonIdempotentIsNotRetried() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::reply(502));
        server.enqueue(ScriptedHttpServer::reply(200));
        HttpClient client(fastConfig());
        HttpRequest put = request("PUT", server.url(), "{}");
        put.idempotent = false;
        const auto result = await(client.send(std::move(put)));
        QVERIFY(result.ok());
        QCOMPARE(result->status, 502);
        QCOMPARE(server.requests().size(), 1);
    }

    void postWithIdempotencyKeyIsRetried() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::reply(503));
        server.enqueue(ScriptedHttpServer::reply(200, "created"));
        HttpClient client(fastConfig());
        HttpRequest post = request("POST", server.url(), R"({"v":1})");
        post.idempotencyKey = QStringLiteral("key-123");
        post.idempotencyHeader = "Idempotency-Key";
        const auto result = await(client.send(std::move(post)));
        QVERIFY(result.ok());
        QCOMPARE(result->status, 200);
        QCOMPARE(server.requests().size(), 2);
        for (const auto& seen : server.requests()) {
            QCOMPARE(seen.header("Idempotency-Key"), QByteArray("key-123"));
            QCOMPARE(seen.body, QByteArray(R"({"v":1})"));
        }
    }

    void temporaryRedirectToAnotherPortKeepsMethodAndBody() {
        ScriptedHttpServer standby;
        ScriptedHttpServer active;
        QVERIFY(standby.start());
        QVERIFY(active.start());
        standby.enqueue(ScriptedHttpServer::reply(
            307, {}, {{"Location", active.url(QStringLiteral("/v1/kv/moved")).toEncoded()}}));
        active.enqueue(ScriptedHttpServer::reply(204));
        HttpClient client(fastConfig());
        HttpRequest put = request("PUT", standby.url(QStringLiteral("/v1/kv/app")), "payload");
        put.setHeader("X-Request-Tag", "kept");
        put.setHeader("Authorization", "Bearer plain-header-credential");
        put.setCredentialHeader("X-Vault-Token", SecretBytes(std::string_view("hvs.token")));
        const auto result = await(client.send(std::move(put)));
        QVERIFY(result.ok());
        QCOMPARE(result->status, 204);
        QCOMPARE(result->url.port(), int(active.serverPort()));
        QCOMPARE(active.requests().size(), 1);
        const RecordedRequest& seen = active.requests().first();
        QCOMPARE(seen.method, QByteArray("PUT"));
        QCOMPARE(seen.target, QByteArray("/v1/kv/moved"));
        QCOMPARE(seen.body, QByteArray("payload"));
        QCOMPARE(seen.header("X-Request-Tag"), QByteArray("kept"));
        // Another origin: credentials stay behind.
        QVERIFY(!seen.hasHeader("X-Vault-Token"));
        QVERIFY(!seen.hasHeader("Authorization"));
    }

    void clusterRedirectKeepsCredentialsWhenAllowed() {
        ScriptedHttpServer standby;
        ScriptedHttpServer active;
        QVERIFY(standby.start());
        QVERIFY(active.start());
        standby.enqueue(
            ScriptedHttpServer::reply(308, {}, {{"Location", active.url().toEncoded()}}));
        active.enqueue(ScriptedHttpServer::reply(200));
        HttpClientConfig config = fastConfig();
        config.credentialsFollowRedirects = true;
        HttpClient client(config);
        HttpRequest post = request("POST", standby.url(), "body");
        post.setCredentialHeader("X-Vault-Token", SecretBytes(std::string_view("hvs.token")));
        const auto result = await(client.send(std::move(post)));
        QVERIFY(result.ok());
        QCOMPARE(active.requests().size(), 1);
        QCOMPARE(active.requests().first().method, QByteArray("POST"));
        QCOMPARE(active.requests().first().header("X-Vault-Token"), QByteArray("hvs.token"));
    }

    void redirectLoopStops() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        for (int i = 0; i < 10; ++i) {
            server.enqueue(ScriptedHttpServer::reply(307, {}, {{"Location", "/again"}}));
        }
        HttpClient client(fastConfig());
        const auto result = await(client.send(request("GET", server.url())));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Kind::InvalidResponse);
        QVERIFY(result.error().detail().contains(QStringLiteral("redirects")));
        QCOMPARE(server.requests().size(), 1 + HttpUrlPolicy::maxRedirects);
    }

    void droppedConnectionMidBodyIsNetworkError() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.enqueue(
            ScriptedHttpServer::raw("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: "
                                    "close\r\n\r\nonly-twenty-bytes..."));
        HttpClient client(fastConfig());
        const auto result = await(client.send(request("GET", server.url())));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Kind::Network);
        QVERIFY2(result.error().detail().contains(QStringLiteral("middle of the reply")),
                 qPrintable(result.error().detail()));
        // Bytes of the reply arrived, so the request was delivered: not repeated.
        QCOMPARE(server.requests().size(), 1);
    }

    void malformedReplyIsNetworkError() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        // Qt's HTTP layer resends an idempotent request a few times on its own when the reply
        // is unusable, so every attempt it makes gets the same garbage.
        for (int i = 0; i < 8; ++i) {
            server.enqueue(ScriptedHttpServer::raw("THIS IS NOT HTTP\r\n\r\n"));
        }
        HttpClient client(fastConfig());
        const auto result = await(client.send(request("GET", server.url())));
        QVERIFY(!result.ok());
        // Qt's parser treats an unreadable status line like a dropped connection.
        QCOMPARE(result.error().kind(), Kind::Network);
        QVERIFY2(result.error().detail().contains(QStringLiteral("without a valid HTTP reply")),
                 qPrintable(result.error().detail()));
    }

    void truncatedHeadersAreNetworkError() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        for (int i = 0; i < 8; ++i) {
            server.enqueue(ScriptedHttpServer::raw("HTTP/1.1 200 OK\r\nContent-Le"));
        }
        HttpClient client(fastConfig());
        const auto result = await(client.send(request("GET", server.url())));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Kind::Network);
        QVERIFY2(result.error().detail().contains(QStringLiteral("closed the connection")),
                 qPrintable(result.error().detail()));
    }

    void postWithBrokenReplyIsSentOnce() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        for (int i = 0; i < 3; ++i) {
            server.enqueue(ScriptedHttpServer::raw("HTTP/1.1 200 OK\r\nContent-Le"));
        }
        HttpClient client(fastConfig());
        const auto result = await(client.send(request("POST", server.url(), "{}")));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Kind::Network);
        QVERIFY2(result.error().detail().contains(QStringLiteral("closed the connection")),
                 qPrintable(result.error().detail()));
        // Qt's HTTP layer resends on such a drop by itself; the one-shot body stops it for a
        // request that is not safe to repeat.
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests().first().body, QByteArray("{}"));
    }

    void silentServerTimesOut() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::hangUp());
        HttpClientConfig config = fastConfig();
        config.requestTimeout = 300ms;
        HttpClient client(config);
        QElapsedTimer clock;
        clock.start();
        const auto result = await(client.send(request("GET", server.url())));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Kind::Network);
        QVERIFY2(result.error().detail().contains(QStringLiteral("did not answer within 300 ms")),
                 qPrintable(result.error().detail()));
        QVERIFY(clock.elapsed() >= 290);
        QVERIFY(clock.elapsed() < 3000);
        QCOMPARE(server.requests().size(), 1);
    }

    void cancellationAbortsRunningRequest() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::hangUp());
        HttpClient client(fastConfig());
        CancelToken cancel;
        QTimer::singleShot(200ms, this, [cancel] { cancel.cancel(); });
        QElapsedTimer clock;
        clock.start();
        const auto result = await(client.send(request("GET", server.url()), cancel));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Kind::Cancelled);
        QVERIFY(clock.elapsed() >= 190);
        QVERIFY(clock.elapsed() < 2000);
    }

    void cancellationStopsBackoffWait() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::reply(503, {}, {{"Retry-After", "20"}}));
        HttpClient client(fastConfig());
        CancelToken cancel;
        QTimer::singleShot(200ms, this, [cancel] { cancel.cancel(); });
        QElapsedTimer clock;
        clock.start();
        const auto result = await(client.send(request("GET", server.url()), cancel));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Kind::Cancelled);
        QVERIFY(clock.elapsed() < 2000);
        QCOMPARE(server.requests().size(), 1);
    }

    void destroyingClientEndsRunningRequest() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::hangUp());
        auto* client = new HttpClient(fastConfig());
        QTimer::singleShot(150ms, this, [client] { delete client; });
        const auto result = await(client->send(request("GET", server.url())));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Kind::Cancelled);
    }

    void refusedConnectionIsNetworkError() {
        quint16 closedPort = 0;
        {
            ScriptedHttpServer probe;
            QVERIFY(probe.start());
            closedPort = probe.serverPort();
        }
        HttpClient client(fastConfig());
        QUrl url(QStringLiteral("http://127.0.0.1/"));
        url.setPort(closedPort);
        const auto result = await(client.send(request("GET", url)));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Kind::Network);
        QVERIFY2(result.error().detail().contains(QStringLiteral("refused")),
                 qPrintable(result.error().detail()));
    }
};

QTEST_GUILESS_MAIN(HttpClientTest)
#include "test_http_client.moc"
