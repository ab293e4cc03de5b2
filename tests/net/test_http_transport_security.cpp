// HttpClient's transport rules against real sockets: TLS verification with and without a custom
// CA, bad CA files, no downgrade on redirect, and plain HTTP refused off loopback.
#include "Await.h"
#include "HttpClient.h"
#include "ScriptedHttpServer.h"
#include "TestCertificates.h"

#include <QFile>
#include <QNetworkInterface>
#include <QTest>

using namespace strongroom;
using namespace std::chrono_literals;
using Kind = BackendError::Kind;

namespace {

HttpRequest get(const QUrl& url) {
    HttpRequest request;
    request.url = url;
    return request;
}

HttpClientConfig quickConfig() {
    HttpClientConfig config;
    config.requestTimeout = 10s;
    config.baseBackoff = 1ms;
    return config;
}

// An address of this machine that is not loopback, or a null address when there is none.
QHostAddress nonLoopbackAddress() {
    for (const QHostAddress& address : QNetworkInterface::allAddresses()) {
        if (!address.isLoopback() && address.protocol() == QAbstractSocket::IPv4Protocol) {
            return address;
        }
    }
    return {};
}

} // namespace

class HttpTransportSecurityTest : public QObject {
    Q_OBJECT
private:
    TestCertificates m_certificates;

private Q_SLOTS:
    void initTestCase() {
        const QString problem = m_certificates.generate();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void unknownCertificateAuthorityIsTlsError() {
        ScriptedHttpServer server;
        server.enableTls(m_certificates.serverConfiguration());
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::reply(200, "should not be read"));
        HttpClient client(quickConfig());
        const auto result = await(client.send(get(server.url())));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Kind::Tls);
        QVERIFY2(result.error().detail().contains(QStringLiteral("TLS handshake")),
                 qPrintable(result.error().detail()));
        QCOMPARE(server.requests().size(), 0);
    }

    void customCertificateAuthorityIsTrusted() {
        ScriptedHttpServer server;
        server.enableTls(m_certificates.serverConfiguration());
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::reply(200, "over tls"));
        HttpClientConfig config = quickConfig();
        config.caFile = m_certificates.caFile();
        HttpClient client(config);
        QVERIFY(client.configurationStatus().ok());
        const auto result = await(client.send(get(server.url(QStringLiteral("/v1/sys/health")))));
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message()));
        QCOMPARE(result->status, 200);
        QCOMPARE(result->body.view(), std::string_view("over tls"));
        QCOMPARE(server.requests().size(), 1);
    }

    void missingCaFileIsClearError() {
        ScriptedHttpServer server;
        server.enableTls(m_certificates.serverConfiguration());
        QVERIFY(server.start());
        HttpClientConfig config = quickConfig();
        config.caFile = m_certificates.path(QStringLiteral("no-such-ca.pem"));
        HttpClient client(config);
        QCOMPARE(client.configurationStatus().error().kind(), Kind::InvalidInput);
        const auto result = await(client.send(get(server.url())));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Kind::InvalidInput);
        QVERIFY2(result.error().detail().contains(config.caFile) &&
                     result.error().detail().contains(QStringLiteral("does not exist")),
                 qPrintable(result.error().detail()));
        QTest::qWait(100);
        QCOMPARE(server.connectionCount(), 0);
    }

    void caFileWithoutCertificateIsClearError() {
        const QString garbage = m_certificates.path(QStringLiteral("garbage.pem"));
        QFile file(garbage);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is not a certificate\n");
        file.close();
        HttpClientConfig config = quickConfig();
        config.caFile = garbage;
        HttpClient client(config);
        const auto status = client.configurationStatus();
        QVERIFY(!status.ok());
        QCOMPARE(status.error().kind(), Kind::InvalidInput);
        QVERIFY(status.error().detail().contains(QStringLiteral("holds no PEM certificate")));
    }

    void redirectFromHttpsToHttpIsRefused() {
        ScriptedHttpServer plain;
        QVERIFY(plain.start());
        ScriptedHttpServer secure;
        secure.enableTls(m_certificates.serverConfiguration());
        QVERIFY(secure.start());
        secure.enqueue(ScriptedHttpServer::reply(307, {}, {{"Location", plain.url().toEncoded()}}));
        HttpClientConfig config = quickConfig();
        config.caFile = m_certificates.caFile();
        HttpClient client(config);
        const auto result = await(client.send(get(secure.url())));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Kind::Tls);
        QVERIFY(result.error().detail().contains(QStringLiteral("from https")));
        QCOMPARE(secure.requests().size(), 1);
        QCOMPARE(plain.connectionCount(), 0);
    }

    void plainHttpToNonLoopbackIsRefusedWithoutTraffic() {
        const QHostAddress address = nonLoopbackAddress();
        if (address.isNull()) {
            QSKIP("this machine has no non-loopback IPv4 address to aim at");
        }
        ScriptedHttpServer server;
        QVERIFY(server.start(QHostAddress::AnyIPv4));
        server.enqueue(ScriptedHttpServer::reply(200, "reachable"));
        QUrl url;
        url.setScheme(QStringLiteral("http"));
        url.setHost(address.toString());
        url.setPort(server.serverPort());
        url.setPath(QStringLiteral("/"));

        HttpClient strict(quickConfig());
        const auto refused = await(strict.send(get(url)));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind(), Kind::InvalidInput);
        QVERIFY(refused.error().detail().contains(
            QStringLiteral("plain HTTP to a non-loopback address is refused")));
        QTest::qWait(100);
        QCOMPARE(server.connectionCount(), 0);

        // The same address is reachable once the operator allows plain HTTP for it, so the
        // refusal above came from the policy and not from the network.
        HttpClientConfig permissive = quickConfig();
        permissive.allowInsecureHttp = true;
        HttpClient lenient(permissive);
        const auto allowed = await(lenient.send(get(url)));
        QVERIFY2(allowed.ok(), qPrintable(allowed.ok() ? QString() : allowed.error().message()));
        QCOMPARE(allowed->status, 200);
        QCOMPARE(server.connectionCount(), 1);
    }

    void plainHttpToLoopbackNamesIsAllowed() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::reply(200));
        QUrl url = server.url();
        url.setHost(QStringLiteral("localhost"));
        HttpClient client(quickConfig());
        const auto result = await(client.send(get(url)));
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message()));
        QCOMPARE(result->status, 200);
    }
};

QTEST_GUILESS_MAIN(HttpTransportSecurityTest)
#include "test_http_transport_security.moc"
