// StsClient against moto (AssumeRole credentials that then work for Secrets Manager,
// GetCallerIdentity) and against a scripted server (the exact form body with MFA fields, the
// signing scope, STS error replies); malformed requests are refused before anything is sent.
#include "Await.h"
#include "MotoServer.h"
#include "ScriptedHttpServer.h"
#include "SecretsManagerBackend.h"
#include "StsCallerIdentityReply.h"
#include "StsClient.h"

#include <QTest>
#include <QUrlQuery>

using namespace strongroom;
using Kind = BackendError::Kind;

namespace {

template <typename T> QString why(const Result<T>& result) {
    return result.ok() ? QString() : result.error().message();
}

AwsCredentials sourceKeys() {
    return {
        MotoServer::accessKeyId(), SecretBytes(MotoServer::secretAccessKey().toStdString()), {}};
}

const QString roleArn = QStringLiteral("arn:aws:iam::123456789012:role/breakglass");

} // namespace

class StsTest : public QObject {
    Q_OBJECT
private:
    MotoServer m_moto;

    AwsEndpoint motoEndpoint() const {
        AwsEndpoint endpoint;
        endpoint.secretsManagerUrl = m_moto.address();
        endpoint.stsUrl = m_moto.address();
        return endpoint;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_moto.start(), qPrintable(m_moto.lastError())); }

    void endpointUrls() {
        AwsEndpoint endpoint;
        endpoint.region = "eu-central-1";
        QCOMPARE(endpoint.urlFor("sts"),
                 QUrl(QStringLiteral("https://sts.eu-central-1.amazonaws.com/")));
        QCOMPARE(endpoint.urlFor("secretsmanager"),
                 QUrl(QStringLiteral("https://secretsmanager.eu-central-1.amazonaws.com/")));
        endpoint.stsUrl = QUrl(QStringLiteral("http://127.0.0.1:9/"));
        QCOMPARE(endpoint.urlFor("sts"), endpoint.stsUrl);
    }

    void assumedRoleWorksForSecretsManager() {
        StsClient sts(motoEndpoint());
        AssumeRoleRequest request;
        request.roleArn = roleArn;
        request.roleSessionName = QStringLiteral("test-session");
        request.durationSeconds = 900;
        auto assumed = await(sts.assumeRole(sourceKeys(), request));
        QVERIFY2(assumed.ok(), qPrintable(why(assumed)));
        QVERIFY(!assumed->credentials.accessKeyId.isEmpty());
        QVERIFY(!assumed->credentials.sessionToken.isEmpty());
        QVERIFY(assumed->expiration > QDateTime::currentDateTimeUtc());
        QVERIFY2(assumed->assumedRoleArn.contains(QLatin1String("breakglass/test-session")),
                 qPrintable(assumed->assumedRoleArn));

        auto identity = await(sts.callerIdentity(assumed->credentials));
        QVERIFY2(identity.ok(), qPrintable(why(identity)));
        QVERIFY(identity->startsWith(QLatin1String("arn:aws:")));

        SecretsManagerBackend backend(motoEndpoint());
        backend.setCredentials(assumed->credentials, assumed->expiration);
        QCOMPARE(backend.credentialsExpire(), assumed->expiration);
        auto written =
            await(backend.write(WriteRequest{SecretRef{QStringLiteral("bg/secret")},
                                             SecretValue::text(SecretBytes(std::string_view("v"))),
                                             {},
                                             {}}));
        QVERIFY2(written.ok(), qPrintable(why(written)));
        QVERIFY(m_moto.secretsManager(QStringLiteral("DescribeSecret"), {{"SecretId", "bg/secret"}})
                    .ok());
    }

    void invalidRequestsSendNothing_data() {
        QTest::addColumn<QString>("arn");
        QTest::addColumn<QString>("serial");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("duration");
        QTest::newRow("no role") << QString() << QString() << QString() << 0;
        QTest::newRow("not an arn") << "breakglass" << QString() << QString() << 0;
        QTest::newRow("short code") << roleArn << "arn:aws:iam::123456789012:mfa/op"
                                    << "12345" << 0;
        QTest::newRow("letters") << roleArn << "arn:aws:iam::123456789012:mfa/op"
                                 << "12a456" << 0;
        QTest::newRow("code without device") << roleArn << QString() << "123456" << 0;
        QTest::newRow("too short") << roleArn << QString() << QString() << 899;
        QTest::newRow("too long") << roleArn << QString() << QString() << 43201;
    }
    void invalidRequestsSendNothing() {
        QFETCH(QString, arn);
        QFETCH(QString, serial);
        QFETCH(QString, code);
        QFETCH(int, duration);
        ScriptedHttpServer server;
        QVERIFY(server.start());
        AwsEndpoint endpoint;
        endpoint.stsUrl = server.url();
        StsClient sts(endpoint);
        AssumeRoleRequest request{arn, {}, {}, serial, code, {}};
        if (duration) {
            request.durationSeconds = duration;
        }
        QVERIFY(!StsClient::validate(request).isEmpty());
        auto assumed = await(sts.assumeRole(sourceKeys(), request));
        QVERIFY(!assumed.ok());
        QCOMPARE(assumed.error().kind(), Kind::InvalidInput);
        QCOMPARE(server.requests().size(), 0);
    }

    void sendsTheFormSignedForSts() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::reply(
            403,
            "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>MultiFactor"
            "Authentication failed with invalid MFA one time pass code.</Message></Error>"
            "</ErrorResponse>",
            {{"Content-Type", "text/xml"}}));
        AwsEndpoint endpoint;
        endpoint.region = "eu-west-1";
        endpoint.stsUrl = server.url();
        StsClient sts(endpoint);
        AssumeRoleRequest request{roleArn,
                                  QStringLiteral("op-1"),
                                  QStringLiteral("ext-id"),
                                  QStringLiteral("arn:aws:iam::123456789012:mfa/op"),
                                  QStringLiteral("123456"),
                                  3600};
        auto assumed = await(sts.assumeRole(sourceKeys(), request));
        QVERIFY(!assumed.ok());
        QCOMPARE(assumed.error().kind(), Kind::PermissionDenied);
        QVERIFY(assumed.error().message().contains(QLatin1String("MFA one time pass code")));
        QCOMPARE(server.requests().size(), 1); // a refusal is not retried
        const auto& sent = server.requests().first();
        QCOMPARE(sent.header("Content-Type"),
                 QByteArray("application/x-www-form-urlencoded; charset=utf-8"));
        QVERIFY(sent.header("Authorization").contains("/eu-west-1/sts/aws4_request"));
        const QUrlQuery form(QString::fromUtf8(sent.body));
        QCOMPARE(form.queryItemValue("Action"), QStringLiteral("AssumeRole"));
        QCOMPARE(form.queryItemValue("Version"), QStringLiteral("2011-06-15"));
        QCOMPARE(form.queryItemValue("RoleArn", QUrl::FullyDecoded), roleArn);
        QCOMPARE(form.queryItemValue("RoleSessionName"), QStringLiteral("op-1"));
        QCOMPARE(form.queryItemValue("ExternalId"), QStringLiteral("ext-id"));
        QCOMPARE(form.queryItemValue("SerialNumber", QUrl::FullyDecoded),
                 QStringLiteral("arn:aws:iam::123456789012:mfa/op"));
        QCOMPARE(form.queryItemValue("TokenCode"), QStringLiteral("123456"));
        QCOMPARE(form.queryItemValue("DurationSeconds"), QStringLiteral("3600"));
    }

    void throttledThenAnswered() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::reply(
            400, "<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message>"
                 "</Error></ErrorResponse>"));
        server.enqueue(ScriptedHttpServer::reply(
            200, "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::1:user/op"
                 "</Arn></GetCallerIdentityResult></GetCallerIdentityResponse>"));
        AwsEndpoint endpoint;
        endpoint.stsUrl = server.url();
        StsClient sts(endpoint);
        auto identity = await(sts.callerIdentity(sourceKeys()));
        QVERIFY2(identity.ok(), qPrintable(why(identity)));
        QCOMPARE(identity.value(), QStringLiteral("arn:aws:iam::1:user/op"));
        QCOMPARE(server.requests().size(), 2);
        QVERIFY(server.requests().at(1).body.contains("Action=GetCallerIdentity"));
    }

    void callerIdentityReplies() {
        auto dtd = StsCallerIdentityReply::parse(
            200,
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><GetCallerIdentityResponse>"
            "<GetCallerIdentityResult><Arn>&a;</Arn></GetCallerIdentityResult>"
            "</GetCallerIdentityResponse>");
        QVERIFY(!dtd.ok());
        QCOMPARE(dtd.error().kind(), Kind::InvalidResponse);
        auto empty = StsCallerIdentityReply::parse(200, "<GetCallerIdentityResponse/>");
        QCOMPARE(empty.error().kind(), Kind::InvalidResponse);
        auto expired = StsCallerIdentityReply::parse(
            400, "<ErrorResponse><Error><Code>ExpiredToken</Code><Message>The security token "
                 "included in the request is expired</Message></Error></ErrorResponse>");
        QCOMPARE(expired.error().kind(), Kind::Unauthenticated);
        auto garbage = StsCallerIdentityReply::parse(200, "<<<");
        QCOMPARE(garbage.error().kind(), Kind::InvalidResponse);
    }

    void noSourceCredentialsSendNothing() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        AwsEndpoint endpoint;
        endpoint.stsUrl = server.url();
        StsClient sts(endpoint);
        auto identity = await(sts.callerIdentity(AwsCredentials{}));
        QVERIFY(!identity.ok());
        QCOMPARE(identity.error().kind(), Kind::Unauthenticated);
        QCOMPARE(server.requests().size(), 0);
    }
};

QTEST_GUILESS_MAIN(StsTest)
#include "test_sts.moc"
