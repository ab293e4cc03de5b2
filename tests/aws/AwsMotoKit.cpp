#include "AwsMotoKit.h"

#include "AwsJsonClient.h"

#include <QBuffer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

using namespace std::chrono_literals;

namespace awstest {

namespace {

// A zip archive holding index.py with a handler that does nothing, built by hand (stored, no
// compression) so the tests need no zip library. moto only keeps it.
QByteArray doNothingLambdaZip() {
    const QByteArray name = "index.py";
    const QByteArray content = "def handler(event, context):\n    return None\n";
    QByteArray zip;
    QBuffer out(&zip);
    out.open(QIODevice::WriteOnly);
    const auto u16 = [&out](quint16 v) {
        const char b[2] = {char(v & 0xff), char(v >> 8)};
        out.write(b, 2);
    };
    const auto u32 = [&out](quint32 v) {
        const char b[4] = {char(v & 0xff), char((v >> 8) & 0xff), char((v >> 16) & 0xff),
                           char(v >> 24)};
        out.write(b, 4);
    };
    // CRC-32 (IEEE) of the content.
    quint32 crc = 0xffffffffu;
    for (const char c : content) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    crc ^= 0xffffffffu;
    const auto size = quint32(content.size());
    u32(0x04034b50); // local file header
    u16(20), u16(0), u16(0), u16(0), u16(0), u32(crc), u32(size), u32(size);
    u16(quint16(name.size())), u16(0);
    out.write(name);
    out.write(content);
    const auto centralAt = quint32(zip.size());
    u32(0x02014b50); // central directory
    u16(20), u16(20), u16(0), u16(0), u16(0), u16(0), u32(crc), u32(size), u32(size);
    u16(quint16(name.size())), u16(0), u16(0), u16(0), u16(0), u32(0), u32(0);
    out.write(name);
    const auto centralSize = quint32(zip.size()) - centralAt;
    u32(0x06054b50); // end of central directory
    u16(0), u16(0), u16(1), u16(1), u32(centralSize), u32(centralAt), u16(0);
    return zip;
}

// A POST to one of moto's own paths (REST Lambda API, moto-api), blocking like the fixture.
int rawPost(MotoServer& moto, const QString& path, const QByteArray& service,
            const QByteArray& body) {
    QNetworkAccessManager nam;
    QUrl url = moto.address();
    url.setPath(path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setRawHeader("Authorization",
                         "AWS4-HMAC-SHA256 Credential=testing/20261201/us-east-1/" + service +
                             "/aws4_request, SignedHeaders=host, Signature=00");
    QNetworkReply* reply = nam.post(request, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(20s, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status < 200 || status >= 300)
        qWarning("POST %s: %d %s", qPrintable(path), status, reply->readAll().constData());
    delete reply;
    return status;
}

} // namespace

std::unique_ptr<SecretsManagerBackend> backendFor(MotoServer& moto) {
    AwsEndpoint endpoint;
    endpoint.region = MotoServer::region();
    endpoint.secretsManagerUrl = moto.address();
    endpoint.stsUrl = moto.address();
    endpoint.http.requestTimeout = 20s;
    auto backend = std::make_unique<SecretsManagerBackend>(endpoint);
    backend->client()->setBackoff(1ms, 5ms);
    AwsCredentials credentials;
    credentials.accessKeyId = MotoServer::accessKeyId();
    const QByteArray secret = MotoServer::secretAccessKey();
    credentials.secretAccessKey = SecretBytes(secret.constData(), std::size_t(secret.size()));
    backend->setCredentials(std::move(credentials));
    return backend;
}

QString createSecret(MotoServer& moto, const QString& name, const QString& value) {
    const auto reply = moto.secretsManager(
        QStringLiteral("CreateSecret"),
        {{QStringLiteral("Name"), name}, {QStringLiteral("SecretString"), value}});
    if (!reply.ok())
        qWarning("CreateSecret %s: %s", qPrintable(name), qPrintable(reply.error()));
    return reply.body.value(QStringLiteral("VersionId")).toString();
}

QString putVersion(MotoServer& moto, const QString& name, const QString& value,
                   const QStringList& stages) {
    QJsonObject body{{QStringLiteral("SecretId"), name}, {QStringLiteral("SecretString"), value}};
    if (!stages.isEmpty())
        body.insert(QStringLiteral("VersionStages"), QJsonArray::fromStringList(stages));
    const auto reply = moto.secretsManager(QStringLiteral("PutSecretValue"), body);
    if (!reply.ok())
        qWarning("PutSecretValue %s: %s", qPrintable(name), qPrintable(reply.error()));
    return reply.body.value(QStringLiteral("VersionId")).toString();
}

bool stageLabel(MotoServer& moto, const QString& name, const QString& label, const QString& moveTo,
                const QString& removeFrom) {
    QJsonObject body{{QStringLiteral("SecretId"), name}, {QStringLiteral("VersionStage"), label}};
    if (!moveTo.isEmpty())
        body.insert(QStringLiteral("MoveToVersionId"), moveTo);
    if (!removeFrom.isEmpty())
        body.insert(QStringLiteral("RemoveFromVersionId"), removeFrom);
    const auto reply = moto.secretsManager(QStringLiteral("UpdateSecretVersionStage"), body);
    if (!reply.ok())
        qWarning("UpdateSecretVersionStage %s: %s", qPrintable(name), qPrintable(reply.error()));
    return reply.ok();
}

QJsonObject describeRaw(MotoServer& moto, const QString& name) {
    return moto
        .secretsManager(QStringLiteral("DescribeSecret"), {{QStringLiteral("SecretId"), name}})
        .body;
}

QStringList stagesOf(const QJsonObject& described, const QString& version) {
    QStringList out;
    for (const auto& stage :
         described.value(QStringLiteral("VersionIdsToStages")).toObject().value(version).toArray())
        out << stage.toString();
    return out;
}

QString versionHolding(const QJsonObject& described, const QString& stage) {
    const QJsonObject versions = described.value(QStringLiteral("VersionIdsToStages")).toObject();
    for (auto it = versions.begin(); it != versions.end(); ++it) {
        for (const auto& held : it.value().toArray()) {
            if (held.toString() == stage)
                return it.key();
        }
    }
    return {};
}

bool createRotationLambda(MotoServer& moto) {
    if (rawPost(moto, QStringLiteral("/moto-api/config"), "moto",
                R"({"lambda":{"use_docker":false}})") != 201)
        return false;
    QUrlQuery role;
    role.addQueryItem(QStringLiteral("Action"), QStringLiteral("CreateRole"));
    role.addQueryItem(QStringLiteral("Version"), QStringLiteral("2010-05-08"));
    role.addQueryItem(QStringLiteral("RoleName"), QStringLiteral("rotator"));
    role.addQueryItem(QStringLiteral("AssumeRolePolicyDocument"),
                      QStringLiteral(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
                                     R"("Principal":{"Service":"lambda.amazonaws.com"},)"
                                     R"("Action":"sts:AssumeRole"}]})"));
    if (!moto.query("iam", role).ok())
        return false;
    const QJsonObject function{
        {QStringLiteral("FunctionName"), QStringLiteral("rotate-db")},
        {QStringLiteral("Runtime"), QStringLiteral("python3.11")},
        {QStringLiteral("Role"), QStringLiteral("arn:aws:iam::123456789012:role/rotator")},
        {QStringLiteral("Handler"), QStringLiteral("index.handler")},
        {QStringLiteral("Code"),
         QJsonObject{
             {QStringLiteral("ZipFile"), QString::fromLatin1(doNothingLambdaZip().toBase64())}}}};
    return rawPost(moto, QStringLiteral("/2015-03-31/functions"), "lambda",
                   QJsonDocument(function).toJson(QJsonDocument::Compact)) == 201;
}

} // namespace awstest
