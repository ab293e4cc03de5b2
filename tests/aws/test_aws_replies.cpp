#include "AwsErrorReply.h"
#include "StsAssumeRoleReply.h"

#include <QFile>
#include <QTest>

using namespace strongroom;
using Kind = BackendError::Kind;

// AWS error replies (JSON 1.1) and the STS AssumeRole reply (XML), from the files in
// tests/aws/data/replies (written from the documented shapes; see the README there).
class TestAwsReplies : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jsonErrors_data();
    void jsonErrors();
    void codeSanitising_data();
    void codeSanitising();
    void headerWinsOverBody();
    void notJsonFallsBackToStatus();
    void longAndControlCharacterMessages();
    void assumeRoleCredentials();
    void assumeRoleErrors_data();
    void assumeRoleErrors();
    void assumeRoleRefusesBrokenReplies_data();
    void assumeRoleRefusesBrokenReplies();
};

namespace {

QByteArray reply(const QString& name) {
    QFile file(QStringLiteral(STRONGROOM_AWS_REPLIES "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing reply file");
    return file.readAll();
}

} // namespace

void TestAwsReplies::jsonErrors_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("retryable");
    QTest::addColumn<QString>("inMessage");
    const auto row = [](const char* file, int status, const char* code, Kind kind, bool retryable,
                        const char* inMessage) {
        QTest::newRow(file) << QString::fromLatin1(file) << status << QString::fromLatin1(code)
                            << int(kind) << retryable << QString::fromUtf8(inMessage);
    };
    row("sm-resource-not-found.json", 400, "ResourceNotFoundException", Kind::NotFound, false,
        "can't find the specified secret");
    row("sm-access-denied-prefixed.json", 400, "AccessDeniedException", Kind::PermissionDenied,
        false, "is not authorized to perform: secretsmanager:GetSecretValue");
    row("sm-expired-token.json", 400, "ExpiredTokenException", Kind::Unauthenticated, false,
        "is expired");
    row("sm-unrecognized-client.json", 400, "UnrecognizedClientException", Kind::Unauthenticated,
        false, "is invalid");
    row("sm-invalid-signature.json", 400, "InvalidSignatureException", Kind::Unauthenticated, false,
        "this computer's clock");
    row("sm-throttling.json", 400, "ThrottlingException", Kind::Throttled, true, "Rate exceeded");
    row("sm-decryption-failure.json", 400, "DecryptionFailure", Kind::PermissionDenied, false,
        "KMS key");
    row("sm-limit-exceeded.json", 400, "LimitExceededException", Kind::InvalidInput, false,
        "maximum number of secret versions");
    row("sm-resource-exists.json", 400, "ResourceExistsException", Kind::Conflict, false,
        "already exists");
    row("sm-invalid-request-suffixed.json", 400, "InvalidRequestException", Kind::InvalidInput,
        false, "marked for deletion");
    row("sm-internal-service-error.json", 500, "InternalServiceError", Kind::Network, true,
        "server side");
    row("sm-no-type.json", 404, "", Kind::NotFound, false, "HTTP 404");
}

void TestAwsReplies::jsonErrors() {
    QFETCH(QString, file);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(int, kind);
    QFETCH(bool, retryable);
    QFETCH(QString, inMessage);
    const AwsErrorReply parsed = AwsErrorReply::fromJson(status, {}, reply(file));
    QCOMPARE(parsed.code, code);
    const BackendError error = parsed.toError();
    QCOMPARE(int(error.kind()), kind);
    QCOMPARE(parsed.isRetryable(), retryable);
    QVERIFY2(error.detail().contains(inMessage), qPrintable(error.detail()));
    if (!code.isEmpty())
        QVERIFY(error.detail().startsWith(code + QStringLiteral(": ")));
}

void TestAwsReplies::codeSanitising_data() {
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("code");
    QTest::newRow("plain") << "ThrottlingException"
                           << "ThrottlingException";
    QTest::newRow("prefix") << "com.amazonaws.secretsmanager#ResourceNotFoundException"
                            << "ResourceNotFoundException";
    QTest::newRow("two hashes") << "a#b#AccessDeniedException"
                                << "AccessDeniedException";
    QTest::newRow("suffix") << "ExpiredTokenException:http://internal.amazon.com/coral/x/"
                            << "ExpiredTokenException";
    QTest::newRow("both") << "aws.x#Throttling:http://a/b#c"
                          << "Throttling";
    QTest::newRow("several") << "ThrottlingException,AccessDenied"
                             << "ThrottlingException";
    QTest::newRow("spaces") << "  DecryptionFailure \n"
                            << "DecryptionFailure";
    QTest::newRow("garbage") << "<html>"
                             << "";
    QTest::newRow("empty") << ""
                           << "";
}

void TestAwsReplies::codeSanitising() {
    QFETCH(QString, raw);
    QFETCH(QString, code);
    QCOMPARE(AwsErrorReply::sanitizeCode(raw), code);
}

void TestAwsReplies::headerWinsOverBody() {
    const AwsErrorReply parsed = AwsErrorReply::fromJson(
        400, "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/",
        reply(QStringLiteral("sm-resource-not-found.json")));
    QCOMPARE(parsed.code, QStringLiteral("ThrottlingException"));
    QCOMPARE(parsed.toError().kind(), Kind::Throttled);
    QVERIFY(parsed.isRetryable());
}

void TestAwsReplies::notJsonFallsBackToStatus() {
    const QList<std::tuple<int, Kind, bool>> cases = {{403, Kind::PermissionDenied, false},
                                                      {429, Kind::Throttled, false},
                                                      {502, Kind::Network, true},
                                                      {503, Kind::Network, true},
                                                      {418, Kind::InvalidResponse, false}};
    for (const auto& [status, kind, retryable] : cases) {
        const AwsErrorReply parsed =
            AwsErrorReply::fromJson(status, {}, "<html><body>Bad Gateway</body></html>");
        QVERIFY(parsed.code.isEmpty());
        QCOMPARE(parsed.toError().kind(), kind);
        QCOMPARE(parsed.isRetryable(), retryable);
        QCOMPARE(parsed.toError().detail(), QStringLiteral("HTTP %1").arg(status));
    }
    // An unknown code still maps by status.
    const AwsErrorReply unknown =
        AwsErrorReply::fromJson(404, {}, R"({"__type":"SomethingNewException"})");
    QCOMPARE(unknown.toError().kind(), Kind::NotFound);
}

void TestAwsReplies::longAndControlCharacterMessages() {
    const QByteArray body = R"({"__type":"ValidationException","message":"line1\nline2\u0007)" +
                            QByteArray(2000, 'x') + R"("})";
    const AwsErrorReply parsed = AwsErrorReply::fromJson(400, {}, body);
    QVERIFY(parsed.message.startsWith(QStringLiteral("line1 line2 ")));
    QVERIFY(parsed.message.size() <= 401);
    QCOMPARE(parsed.toError().kind(), Kind::InvalidInput);
}

void TestAwsReplies::assumeRoleCredentials() {
    QByteArray body = reply(QStringLiteral("sts-assume-role.xml"));
    const auto parsed = StsAssumeRoleReply::parse(200, body);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message()));
    QCOMPARE(parsed->credentials.accessKeyId, QStringLiteral("ASIAIOSFODNN7EXAMPLE"));
    QCOMPARE(parsed->credentials.secretAccessKey.view(),
             std::string_view("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"));
    QVERIFY(parsed->credentials.sessionToken.view().starts_with("AQoDYXdzEPT//////////wEXAMPLE"));
    QVERIFY(parsed->credentials.sessionToken.view().ends_with("CCR/oLxBA=="));
    QCOMPARE(parsed->expiration, QDateTime(QDate(2019, 11, 9), QTime(13, 34, 41), Qt::UTC));
    QCOMPARE(parsed->assumedRoleArn,
             QStringLiteral("arn:aws:sts::123456789012:assumed-role/demo/TestAR"));
    QCOMPARE(parsed->assumedRoleId, QStringLiteral("ARO123EXAMPLE123:TestAR"));
    QVERIFY(body.count('\0') == body.size()); // the reply with the secrets was wiped
}

void TestAwsReplies::assumeRoleErrors_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("detail");
    QTest::newRow("access denied") << "sts-access-denied.xml" << 403 << int(Kind::PermissionDenied)
                                   << "AccessDenied: User: arn:aws:iam::123456789012:user/alice "
                                      "is not authorized to perform: sts:AssumeRole";
    QTest::newRow("expired token") << "sts-expired-token.xml" << 400 << int(Kind::Unauthenticated)
                                   << "ExpiredToken: The security token included in the request "
                                      "is expired";
}

void TestAwsReplies::assumeRoleErrors() {
    QFETCH(QString, file);
    QFETCH(int, status);
    QFETCH(int, kind);
    QFETCH(QString, detail);
    QByteArray body = reply(file);
    const auto parsed = StsAssumeRoleReply::parse(status, body);
    QVERIFY(!parsed);
    QCOMPARE(int(parsed.error().kind()), kind);
    QVERIFY2(parsed.error().detail().startsWith(detail), qPrintable(parsed.error().detail()));
    // An ErrorResponse is the same error even under a 200.
    body = reply(file);
    const auto under200 = StsAssumeRoleReply::parse(200, body);
    QVERIFY(!under200);
    QCOMPARE(int(under200.error().kind()), kind);
    QVERIFY(under200.error().detail().startsWith(detail));
}

void TestAwsReplies::assumeRoleRefusesBrokenReplies_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("detail");
    QTest::newRow("no session token")
        << reply(QStringLiteral("sts-missing-session-token.xml")) << "the reply lacks SessionToken";
    QByteArray badDate = reply(QStringLiteral("sts-assume-role.xml"));
    badDate.replace("2019-11-09T13:34:41Z", "next tuesday");
    QTest::newRow("bad expiration") << badDate << "unreadable Expiration";
    QTest::newRow("empty") << QByteArray() << "";
    QTest::newRow("not xml") << QByteArray("{\"Credentials\":{}}") << "";
    QTest::newRow("truncated") << reply(QStringLiteral("sts-assume-role.xml")).left(400)
                               << "malformed XML";
    QTest::newRow("dtd") << QByteArray("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]>"
                                       "<AssumeRoleResponse><AssumeRoleResult><Credentials>"
                                       "<AccessKeyId>&a;</AccessKeyId></Credentials>"
                                       "</AssumeRoleResult></AssumeRoleResponse>")
                         << "DTD";
    QTest::newRow("nested leaf") << QByteArray("<AssumeRoleResponse><AssumeRoleResult><Credentials>"
                                               "<AccessKeyId><b>x</b></AccessKeyId></Credentials>"
                                               "</AssumeRoleResult></AssumeRoleResponse>")
                                 << "malformed XML";
}

void TestAwsReplies::assumeRoleRefusesBrokenReplies() {
    QFETCH(QByteArray, body);
    QFETCH(QString, detail);
    const auto parsed = StsAssumeRoleReply::parse(200, body);
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().kind(), Kind::InvalidResponse);
    QVERIFY2(parsed.error().detail().contains(detail), qPrintable(parsed.error().detail()));
}

QTEST_GUILESS_MAIN(TestAwsReplies)
#include "test_aws_replies.moc"
