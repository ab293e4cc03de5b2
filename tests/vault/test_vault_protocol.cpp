// How the Vault session copes with what real deployments answer besides a clean 200: HA standby
// redirects, sealed nodes, rate limits, proxies' HTML pages, truncated and dropped replies, and a
// 403 that means "token gone" rather than "policy says no". A loopback HTTP server plays the part
// of a load balancer or a node in these states; the KV behaviour itself is tested against a real
// OpenBao in test_vault_kv.
#include "Await.h"
#include "ScriptedHttpServer.h"
#include "VaultBackend.h"
#include "VaultSession.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace strongroom;
using namespace std::chrono_literals;
using Kind = BackendError::Kind;

namespace {

VaultEndpoint endpointFor(const ScriptedHttpServer& server, QString nameSpace = {}) {
    VaultEndpoint endpoint;
    endpoint.address = server.url(QStringLiteral("/"));
    endpoint.nameSpace = std::move(nameSpace);
    endpoint.http.baseBackoff = 1ms;
    endpoint.http.maxBackoff = 5ms;
    endpoint.http.requestTimeout = 5s;
    return endpoint;
}

SecretBytes bytes(const char* text) {
    return SecretBytes(std::string_view(text));
}

const QByteArray sealedBody = R"({"errors":["Vault is sealed"]})";

} // namespace

class VaultProtocolTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void standbyRedirectIsFollowedWithTheSameMethodBodyAndToken() {
        ScriptedHttpServer standby;
        ScriptedHttpServer active;
        QVERIFY(standby.start());
        QVERIFY(active.start());
        standby.enqueue(ScriptedHttpServer::reply(
            307, {},
            {{"Location", active.url(QStringLiteral("/v1/secret/data/app")).toEncoded()}}));
        active.enqueue(ScriptedHttpServer::reply(200, R"({"data":{"version":4}})"));
        VaultSession session(endpointFor(standby, QStringLiteral("team-a/")));
        session.setToken(bytes("s.token"));
        auto reply = await(session.call(
            VaultCall::post(QStringLiteral("secret/data/app"), bytes(R"({"data":{"k":"v"}})"))));
        QVERIFY2(reply.ok(), qPrintable(reply.ok() ? QString() : reply.error().message()));
        QCOMPARE(reply.value()["data"]["version"].get<int>(), 4);
        QCOMPARE(active.requests().size(), 1);
        const auto& seen = active.requests().first();
        QCOMPARE(seen.method, QByteArray("POST"));
        QCOMPARE(seen.body, QByteArray(R"({"data":{"k":"v"}})"));
        QCOMPARE(seen.header("X-Vault-Token"), QByteArray("s.token"));
        QCOMPARE(seen.header("X-Vault-Namespace"), QByteArray("team-a/"));
    }

    void aSealedNodeSaysSoAndTheBackendShowsIt() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        for (int i = 0; i < 4; ++i) {
            server.enqueue(ScriptedHttpServer::reply(503, sealedBody));
        }
        VaultBackend backend(endpointFor(server));
        backend.session()->setToken(bytes("s.token"));
        QSignalSpy states(&backend, &SecretBackend::stateChanged);
        auto info = await(backend.connectToServer());
        QVERIFY(!info.ok());
        QCOMPARE(info.error().kind(), Kind::Sealed);
        QVERIFY(info.error().message().contains(QLatin1String("sealed")));
        QCOMPARE(backend.state(), ConnectionState::Sealed);
        QVERIFY(!states.isEmpty());
    }

    void aRateLimitIsWaitedOutAsTheServerAsks() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::reply(429, R"({"errors":["rate limit quota exceeded"]})",
                                                 {{"Retry-After", "1"}}));
        server.enqueue(ScriptedHttpServer::reply(200, R"({"data":{"keys":["a"]}})"));
        VaultSession session(endpointFor(server));
        session.setToken(bytes("s.token"));
        QElapsedTimer clock;
        clock.start();
        auto reply = await(session.call(VaultCall::list(QStringLiteral("secret/metadata/"))));
        QVERIFY(reply.ok());
        QVERIFY2(clock.elapsed() >= 900, "the Retry-After wait was not honoured");
        QCOMPARE(server.requests().size(), 2);
    }

    void aLongRateLimitComesBackAsThrottledWithTheWait() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::reply(429, R"({"errors":["rate limit quota exceeded"]})",
                                                 {{"Retry-After", "3600"}}));
        VaultSession session(endpointFor(server));
        session.setToken(bytes("s.token"));
        auto reply = await(session.call(VaultCall::get(QStringLiteral("secret/data/a"))));
        QVERIFY(!reply.ok());
        QCOMPARE(reply.error().kind(), Kind::Throttled);
        QCOMPARE(reply.error().retryAfter(), std::chrono::milliseconds(3600s));
        QVERIFY(reply.error().detail().contains(QLatin1String("rate limit quota exceeded")));
    }

    void aProxysHtmlPageIsNamedAsSuch() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::reply(200, "<!DOCTYPE html><html>Sign in</html>"));
        VaultSession session(endpointFor(server));
        session.setToken(bytes("s.token"));
        auto reply = await(session.call(VaultCall::get(QStringLiteral("secret/data/a"))));
        QVERIFY(!reply.ok());
        QCOMPARE(reply.error().kind(), Kind::InvalidResponse);
        QVERIFY(reply.error().detail().contains(QLatin1String("HTML")));
    }

    void aTruncatedReplyIsAnErrorNotAValue() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        for (int i = 0; i < 4; ++i) {
            server.enqueue(ScriptedHttpServer::raw(
                "HTTP/1.1 200 OK\r\nContent-Length: 400\r\nConnection: close\r\n\r\n"
                "{\"data\":{\"data\":{\"password\":\"s3"));
        }
        VaultSession session(endpointFor(server));
        session.setToken(bytes("s.token"));
        auto reply = await(session.call(VaultCall::get(QStringLiteral("secret/data/a"))));
        QVERIFY(!reply.ok());
        QVERIFY2(reply.error().kind() == Kind::Network ||
                     reply.error().kind() == Kind::InvalidResponse,
                 qPrintable(reply.error().message()));
    }

    void aDroppedConnectionIsANetworkError() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        for (int i = 0; i < 4; ++i) {
            server.enqueue(ScriptedHttpServer::raw({}));
        }
        VaultSession session(endpointFor(server));
        session.setToken(bytes("s.token"));
        auto reply = await(session.call(VaultCall::get(QStringLiteral("secret/data/a"))));
        QVERIFY(!reply.ok());
        QCOMPARE(reply.error().kind(), Kind::Network);
    }

    void aRefusedTokenIsToldApartFromAPolicyRefusal() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        // Policy refusal: the lookup-self check succeeds.
        server.enqueue(ScriptedHttpServer::reply(
            403, R"({"errors":["1 error occurred:\n\t* permission denied\n\n"]})"));
        server.enqueue(ScriptedHttpServer::reply(200, R"({"data":{"ttl":60,"id":"s.token"}})"));
        // Token gone: lookup-self is refused too.
        server.enqueue(ScriptedHttpServer::reply(403, R"({"errors":["permission denied"]})"));
        server.enqueue(ScriptedHttpServer::reply(403, R"({"errors":["permission denied"]})"));
        VaultSession session(endpointFor(server));
        session.setToken(bytes("s.token"));
        QSignalSpy rejected(&session, &VaultSession::tokenRejected);
        auto policy = await(session.call(VaultCall::get(QStringLiteral("secret/data/a"))));
        QVERIFY(!policy.ok());
        QCOMPARE(policy.error().kind(), Kind::PermissionDenied);
        QCOMPARE(policy.error().detail().left(17), QStringLiteral("permission denied"));
        QCOMPARE(rejected.count(), 0);
        auto gone = await(session.call(VaultCall::get(QStringLiteral("secret/data/a"))));
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().kind(), Kind::Unauthenticated);
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(server.requests().at(1).target, QByteArray("/v1/auth/token/lookup-self"));
    }

    void noTokenMeansNoRequest() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        VaultSession session(endpointFor(server));
        auto reply = await(session.call(VaultCall::get(QStringLiteral("secret/data/a"))));
        QVERIFY(!reply.ok());
        QCOMPARE(reply.error().kind(), Kind::Unauthenticated);
        QCOMPARE(server.requests().size(), 0);
    }

    void aWriteIsNeverRepeatedAfterAFailedAttempt() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::reply(502, "bad gateway"));
        server.enqueue(ScriptedHttpServer::reply(200, R"({"data":{"version":2}})"));
        VaultSession session(endpointFor(server));
        session.setToken(bytes("s.token"));
        auto reply = await(session.call(
            VaultCall::post(QStringLiteral("secret/data/a"), bytes(R"({"data":{}})"))));
        QVERIFY(!reply.ok());
        QCOMPARE(server.requests().size(), 1);
    }
};

QTEST_GUILESS_MAIN(VaultProtocolTest)
#include "test_vault_protocol.moc"
