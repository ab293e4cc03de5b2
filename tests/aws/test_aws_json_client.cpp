// AwsJsonClient against a scripted loopback HTTP server: what goes on the wire (signed headers,
// the exact body), and the retry rules of the SDKs' standard mode: throttling and 5xx retried with
// a new signature each attempt and the same ClientRequestToken, quota errors not retried, clock
// skew corrected from the reply's Date, dropped connections retried only when repeating is safe,
// and malformed replies reported instead of crashing.
#include "Await.h"
#include "AwsJsonClient.h"
#include "ScriptedHttpServer.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>
#include <QTimer>
#include <QTimeZone>

#include <memory>

using namespace strongroom;
using namespace std::chrono_literals;
using Kind = BackendError::Kind;
using Safety = AwsJsonClient::Safety;
using json = nlohmann::json;

namespace {

QByteArray awsError(const char* type, const char* message) {
    return QByteArray("{\"__type\":\"") + type + "\",\"message\":\"" + message + "\"}";
}

ScriptedReply errorReply(int status, const char* type, const char* message = "nope",
                         QList<QPair<QByteArray, QByteArray>> headers = {}) {
    headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/x-amz-json-1.1")));
    return ScriptedHttpServer::reply(status, awsError(type, message), headers);
}

ScriptedReply okReply(const QByteArray& body = "{\"ok\":true}") {
    return ScriptedHttpServer::reply(200, body, {{"Content-Type", "application/x-amz-json-1.1"}});
}

QDateTime amzDate(const RecordedRequest& request) {
    auto date = QDateTime::fromString(QString::fromLatin1(request.header("X-Amz-Date")),
                                      QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    date.setTimeZone(QTimeZone::utc());
    return date;
}

// The error of a failed result, for QVERIFY2 (which evaluates its message even on success).
template <typename T> QString why(const Result<T>& result) {
    return result.ok() ? QString() : result.error().message();
}

} // namespace

class AwsJsonClientTest : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ScriptedHttpServer> m_server;
    std::unique_ptr<AwsJsonClient> m_client;

    ScriptedHttpServer& server() { return *m_server; }
    AwsJsonClient& client() { return *m_client; }

    Result<json> call(const char* operation, json params, Safety safety, const QString& key = {}) {
        return await(client().call(QString::fromLatin1(operation), std::move(params), safety, key));
    }

private Q_SLOTS:
    void init() {
        m_server = std::make_unique<ScriptedHttpServer>();
        QVERIFY(server().start());
        AwsEndpoint endpoint;
        endpoint.region = "eu-west-1";
        endpoint.secretsManagerUrl = server().url();
        m_client = std::make_unique<AwsJsonClient>(endpoint, "secretsmanager", "secretsmanager");
        client().setCredentials({QStringLiteral("AKIDEXAMPLE"),
                                 SecretBytes(std::string_view("wJalrXUtnFEMI/K7MDENG")),
                                 {}});
        client().setJitterSource([] { return 1.0; });
        client().setBackoff(1ms, 20ms);
    }

    void cleanup() {
        m_client.reset();
        m_server.reset();
    }

    void signsExactlyWhatIsSent() {
        server().enqueue(okReply("{\"SecretList\":[]}"));
        auto reply = call("ListSecrets", json{{"MaxResults", 5}}, Safety::Read);
        QVERIFY2(reply.ok(), qPrintable(why(reply)));
        QCOMPARE(server().requests().size(), 1);
        const auto& sent = server().requests().first();
        QCOMPARE(sent.method, QByteArray("POST"));
        QCOMPARE(sent.target, QByteArray("/"));
        QCOMPARE(sent.header("Host"), "127.0.0.1:" + QByteArray::number(server().serverPort()));
        QCOMPARE(sent.header("X-Amz-Target"), QByteArray("secretsmanager.ListSecrets"));
        QCOMPARE(sent.header("Content-Type"), QByteArray("application/x-amz-json-1.1"));
        QCOMPARE(sent.body, QByteArray("{\"MaxResults\":5}"));
        const auto authorization = sent.header("Authorization");
        QVERIFY2(authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"),
                 authorization.constData());
        QVERIFY(authorization.contains("/eu-west-1/secretsmanager/aws4_request"));
        QVERIFY(authorization.contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target,"));
        QVERIFY(!sent.hasHeader("X-Amz-Security-Token"));
        QVERIFY(qAbs(amzDate(sent).secsTo(QDateTime::currentDateTimeUtc())) < 60);
        QVERIFY(reply->value("SecretList", json()).is_array());
    }

    void sendsAndSignsTheSessionToken() {
        client().setCredentials({QStringLiteral("ASIATEMP"),
                                 SecretBytes(std::string_view("secret")),
                                 SecretBytes(std::string_view("session-token-value"))});
        server().enqueue(okReply());
        QVERIFY(call("ListSecrets", json::object(), Safety::Read).ok());
        const auto& sent = server().requests().first();
        QCOMPARE(sent.header("X-Amz-Security-Token"), QByteArray("session-token-value"));
        QVERIFY(sent.header("Authorization")
                    .contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;"
                              "x-amz-target,"));
    }

    void noCredentialsSendsNothing() {
        client().clearCredentials();
        QVERIFY(!client().hasCredentials());
        auto reply = call("ListSecrets", json::object(), Safety::Read);
        QVERIFY(!reply.ok());
        QCOMPARE(reply.error().kind(), Kind::Unauthenticated);
        QCOMPARE(server().requests().size(), 0);
    }

    void throttlingRetriedWithNewSignatureAndSameToken() {
        // Long enough between attempts that each is signed in another second.
        client().setBackoff(1100ms, 5s);
        server().enqueue(errorReply(400, "ThrottlingException", "Rate exceeded"));
        server().enqueue(errorReply(400, "com.amazonaws#ThrottlingException", "Rate exceeded"));
        server().enqueue(okReply("{\"VersionId\":\"token-1234\"}"));
        const QString token = QStringLiteral("token-1234-aaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        auto reply = call("PutSecretValue",
                          json{{"SecretId", "app/db"},
                               {"ClientRequestToken", token.toStdString()},
                               {"SecretString", "s3cr3t"}},
                          Safety::Write, token);
        QVERIFY2(reply.ok(), qPrintable(why(reply)));
        QCOMPARE(server().requests().size(), 3);
        QSet<QByteArray> dates;
        QSet<QByteArray> signatures;
        for (const auto& sent : server().requests()) {
            dates.insert(sent.header("X-Amz-Date"));
            signatures.insert(sent.header("Authorization"));
            QCOMPARE(sent.body, server().requests().first().body);
            QVERIFY(sent.body.contains(token.toUtf8()));
        }
        QCOMPARE(dates.size(), 3);
        QCOMPARE(signatures.size(), 3);
    }

    void throttlingGivesUpAfterThreeAttempts() {
        for (int i = 0; i < 4; ++i) {
            server().enqueue(errorReply(400, "ThrottlingException", "Rate exceeded"));
        }
        auto reply = call("ListSecrets", json::object(), Safety::Read);
        QVERIFY(!reply.ok());
        QCOMPARE(reply.error().kind(), Kind::Throttled);
        QVERIFY(reply.error().message().contains(QLatin1String("Rate exceeded")));
        QCOMPARE(server().requests().size(), 3);
        QVERIFY(reply.error().retryAfter() > 0ms);
    }

    void cancelledDuringBackoff() {
        client().setBackoff(5s, 20s);
        server().enqueue(errorReply(400, "ThrottlingException", "Rate exceeded"));
        server().enqueue(okReply());
        CancelToken cancel;
        QTimer::singleShot(300ms, [cancel] { cancel.cancel(); });
        QElapsedTimer clock;
        clock.start();
        auto reply = await(
            client().call(QStringLiteral("ListSecrets"), json::object(), Safety::Read, {}, cancel));
        QVERIFY(!reply.ok());
        QCOMPARE(reply.error().kind(), Kind::Cancelled);
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(server().requests().size(), 1);
    }

    void quotaErrorNotRetried() {
        server().enqueue(errorReply(400, "LimitExceededException", "too many versions"));
        server().enqueue(okReply());
        auto reply = call("PutSecretValue", json{{"ClientRequestToken", "k"}}, Safety::Write,
                          QStringLiteral("k"));
        QVERIFY(!reply.ok());
        QVERIFY(reply.error().message().contains(QLatin1String("LimitExceededException")));
        QCOMPARE(server().requests().size(), 1);
    }

    void serverErrorRetried() {
        server().enqueue(errorReply(500, "InternalServiceError", "oops"));
        server().enqueue(okReply());
        auto reply = call("DescribeSecret", json{{"SecretId", "x"}}, Safety::Read);
        QVERIFY2(reply.ok(), qPrintable(why(reply)));
        QCOMPARE(server().requests().size(), 2);
    }

    void serverErrorOfUnkeyedWriteNotRetried() {
        // It may have been applied: repeating an UpdateSecretVersionStage is not harmless.
        server().enqueue(errorReply(500, "InternalServiceError", "oops"));
        server().enqueue(okReply());
        auto reply = call("UpdateSecretVersionStage", json{{"SecretId", "x"}}, Safety::Write);
        QVERIFY(!reply.ok());
        QCOMPARE(reply.error().kind(), Kind::Network);
        QCOMPARE(server().requests().size(), 1);
    }

    void clientErrorNotRetried() {
        server().enqueue(errorReply(400, "ResourceNotFoundException", "can't find the secret"));
        auto reply = call("DescribeSecret", json{{"SecretId", "x"}}, Safety::Read);
        QVERIFY(!reply.ok());
        QCOMPARE(reply.error().kind(), Kind::NotFound);
        QCOMPARE(server().requests().size(), 1);
    }

    void clockSkewCorrectedFromDate() {
        const QDateTime serverNow = QDateTime::currentDateTimeUtc().addSecs(2 * 3600);
        const QByteArray date =
            QLocale::c()
                .toString(serverNow, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
                .toLatin1();
        server().enqueue(
            errorReply(400, "InvalidSignatureException",
                       "Signature expired: 20260101T000000Z is now earlier than 20260101T020000Z",
                       {{"Date", date}}));
        server().enqueue(okReply());
        auto reply = call("ListSecrets", json::object(), Safety::Read);
        QVERIFY2(reply.ok(), qPrintable(why(reply)));
        QCOMPARE(server().requests().size(), 2);
        QVERIFY(qAbs(client().clockOffset().count() - 7200) < 60);
        const auto second = amzDate(server().requests().at(1));
        QVERIFY2(qAbs(second.secsTo(serverNow)) < 60, qPrintable(second.toString(Qt::ISODate)));
    }

    void clockSkewCorrectedOnlyOnce() {
        const QByteArray date = "Tue, 01 Dec 2099 10:00:00 GMT";
        for (int i = 0; i < 3; ++i) {
            server().enqueue(errorReply(400, "InvalidSignatureException",
                                        "Signature not yet current: 1 is still later than 2",
                                        {{"Date", date}}));
        }
        auto reply = call("ListSecrets", json::object(), Safety::Read);
        QVERIFY(!reply.ok());
        QCOMPARE(reply.error().kind(), Kind::Unauthenticated);
        QVERIFY(reply.error().message().contains(QLatin1String("clock")));
        QCOMPARE(server().requests().size(), 2);
    }

    void signatureErrorWithoutSkewNotRetried() {
        server().enqueue(errorReply(400, "InvalidSignatureException",
                                    "The request signature we calculated does not match",
                                    {{"Date", "Tue, 01 Dec 2099 10:00:00 GMT"}}));
        auto reply = call("ListSecrets", json::object(), Safety::Read);
        QVERIFY(!reply.ok());
        QCOMPARE(reply.error().kind(), Kind::Unauthenticated);
        QCOMPARE(server().requests().size(), 1);
        QCOMPARE(client().clockOffset().count(), 0);
    }

    void malformedJsonIsInvalidResponse_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("truncated") << QByteArray("{\"SecretList\": [");
        QTest::newRow("html") << QByteArray("<html>gateway</html>");
        QTest::newRow("array") << QByteArray("[1,2]");
        QTest::newRow("string") << QByteArray("\"x\"");
    }
    void malformedJsonIsInvalidResponse() {
        QFETCH(QByteArray, body);
        server().enqueue(okReply(body));
        auto reply = call("ListSecrets", json::object(), Safety::Read);
        QVERIFY(!reply.ok());
        QCOMPARE(reply.error().kind(), Kind::InvalidResponse);
        QVERIFY2(reply.error().message().contains(QLatin1String("ListSecrets")),
                 qPrintable(why(reply)));
        QCOMPARE(server().requests().size(), 1);
    }

    void droppedConnectionRetriedForRead() {
        server().enqueue(ScriptedHttpServer::raw({}));
        server().enqueue(ScriptedHttpServer::raw({}));
        server().enqueue(okReply());
        auto reply = call("GetSecretValue", json{{"SecretId", "x"}}, Safety::Read);
        QVERIFY2(reply.ok(), qPrintable(why(reply)));
        QCOMPARE(server().requests().size(), 3);
    }

    void droppedConnectionRetriedForKeyedWrite() {
        server().enqueue(ScriptedHttpServer::raw({}));
        server().enqueue(okReply("{\"VersionId\":\"k\"}"));
        auto reply = call("PutSecretValue", json{{"ClientRequestToken", "k"}}, Safety::Write,
                          QStringLiteral("k"));
        QVERIFY2(reply.ok(), qPrintable(why(reply)));
        QCOMPARE(server().requests().size(), 2);
        QCOMPARE(server().requests().at(0).body, server().requests().at(1).body);
    }

    void droppedConnectionNotRetriedForUnkeyedWrite() {
        server().enqueue(ScriptedHttpServer::raw({}));
        server().enqueue(okReply());
        auto reply = call("DeleteSecret", json{{"SecretId", "x"}}, Safety::Write);
        QVERIFY(!reply.ok());
        QCOMPARE(reply.error().kind(), Kind::Network);
        QCOMPARE(server().requests().size(), 1);
    }

    void cancelledBeforeSendingSendsNothing() {
        CancelToken cancel;
        cancel.cancel();
        auto reply = await(
            client().call(QStringLiteral("ListSecrets"), json::object(), Safety::Read, {}, cancel));
        QVERIFY(!reply.ok());
        QCOMPARE(reply.error().kind(), Kind::Cancelled);
        QCOMPARE(server().requests().size(), 0);
    }
};

QTEST_GUILESS_MAIN(AwsJsonClientTest)
#include "test_aws_json_client.moc"
