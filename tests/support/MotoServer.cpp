#include "MotoServer.h"

#include "ServerProcess.h"

#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcessEnvironment>
#include <QTimer>

namespace {

constexpr int startTimeoutMs = 20000;
constexpr int requestTimeoutMs = 30000;

// moto reads the region from the credential scope; the signature itself is not checked.
QByteArray fakeAuthorization(const QByteArray& service) {
    return QByteArrayLiteral("AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/") + service +
           QByteArrayLiteral("/aws4_request, SignedHeaders=host, Signature=00");
}

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

} // namespace

QString MotoServer::Reply::error() const {
    const auto type = body.value(QLatin1String("__type")).toString();
    auto message = body.value(QLatin1String("message")).toString();
    if (message.isEmpty()) {
        message = body.value(QLatin1String("Message")).toString();
    }
    if (type.isEmpty()) {
        return QStringLiteral("HTTP %1: %2").arg(status).arg(QString::fromUtf8(raw.left(500)));
    }
    return QStringLiteral("HTTP %1: %2: %3").arg(status).arg(type, message);
}

MotoServer::MotoServer() {
    m_nam.setProxy(QNetworkProxy::NoProxy);
}

MotoServer::~MotoServer() {
    stop();
}

QString MotoServer::binary(QString* why) {
    return testserver::venvBinary("STRONGROOM_MOTO_SERVER", QStringLiteral("moto_server"),
                                  QStringLiteral("run `scripts/setup-deps test` (it installs "
                                                 "moto[server] into <repo>/.venv) or point "
                                                 "STRONGROOM_MOTO_SERVER at a moto_server binary"),
                                  why);
}

bool MotoServer::fail(const QString& why) {
    m_lastError = why;
    return false;
}

bool MotoServer::start() {
    if (isRunning()) {
        return true;
    }
    QString why;
    if (binary(&why).isEmpty()) {
        return fail(why);
    }
    if (!m_dir.isValid()) {
        return fail(QStringLiteral("cannot create a temp dir: %1").arg(m_dir.errorString()));
    }
    const testserver::ServerStartSteps steps{
        [this](quint16 port) { return launch(port); },
        [this] { return waitUntilReady(startTimeoutMs); },
        [this](int lines) { return outputTail(lines); },
        [this] { stop(); },
    };
    QString error;
    if (testserver::startOnFreePort(QStringLiteral("moto"), steps, &error)) {
        return true;
    }
    return error.isEmpty() ? false : fail(error);
}

bool MotoServer::launch(quint16 port) {
    const auto program = binary();
    const auto home = m_dir.filePath(QStringLiteral("home"));
    QDir().mkpath(home);
    m_logPath = m_dir.filePath(QStringLiteral("moto-%1.log").arg(port));
    m_address = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port));

    auto env = testserver::isolatedEnvironment({QStringLiteral("AWS_"), QStringLiteral("MOTO_")},
                                               home, m_dir.path());
    env.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));

    const QStringList arguments{QStringLiteral("-H"), QStringLiteral("127.0.0.1"),
                                QStringLiteral("-p"), QString::number(port)};
    QString error;
    m_process = testserver::startProcess(program, arguments, env, m_dir.path(), m_logPath, &error);
    return m_process ? true : fail(error);
}

bool MotoServer::waitUntilReady(int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    Reply last;
    while (clock.elapsed() < timeoutMs) {
        if (!isRunning()) {
            return fail(QStringLiteral("moto_server exited before it was ready (exit code %1); "
                                       "its output ends with:\n%2")
                            .arg(m_process ? m_process->exitCode() : -1)
                            .arg(outputTail()));
        }
        last = exchange("/moto-api/reset", {}, {}, QStringLiteral("reset"));
        if (last.ok()) {
            return true;
        }
        testserver::pause(100);
    }
    return fail(QStringLiteral("moto_server did not answer within %1 s (last: %2); its output "
                               "ends with:\n%3")
                    .arg(timeoutMs / 1000)
                    .arg(last.error())
                    .arg(outputTail()));
}

void MotoServer::stop() {
    testserver::stopProcess(m_process);
}

bool MotoServer::isRunning() const {
    return m_process && m_process->state() == QProcess::Running;
}

QString MotoServer::outputTail(int lines) const {
    return testserver::logTail(m_logPath, lines);
}

bool MotoServer::reset() {
    const auto reply = exchange("/moto-api/reset", {}, {}, QStringLiteral("reset"));
    return reply.ok();
}

MotoServer::Reply MotoServer::secretsManager(const QString& operation, const QJsonObject& body) {
    return exchange("/",
                    {{"Content-Type", "application/x-amz-json-1.1"},
                     {"X-Amz-Target", "secretsmanager." + operation.toLatin1()},
                     {"Authorization", fakeAuthorization("secretsmanager")}},
                    QJsonDocument(body).toJson(QJsonDocument::Compact), operation);
}

MotoServer::Reply MotoServer::query(const QByteArray& service, const QUrlQuery& form) {
    const auto action = form.queryItemValue(QStringLiteral("Action"));
    return exchange("/",
                    {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
                     {"Authorization", fakeAuthorization(service)}},
                    form.toString(QUrl::FullyEncoded).toUtf8(), action);
}

MotoServer::Reply MotoServer::postJson(const QString& path, const QByteArray& service,
                                       const QJsonObject& body) {
    return exchange(
        path.toLatin1(),
        {{"Content-Type", "application/json"}, {"Authorization", fakeAuthorization(service)}},
        QJsonDocument(body).toJson(QJsonDocument::Compact), path);
}

QString MotoServer::createRotationLambda(const QString& functionName) {
    if (!postJson(QStringLiteral("/moto-api/config"), "moto",
                  {{"lambda", QJsonObject{{"use_docker", false}}}})
             .ok()) {
        return {};
    }
    const QString roleName = QStringLiteral("rotator");
    QUrlQuery role;
    role.addQueryItem(QStringLiteral("Action"), QStringLiteral("CreateRole"));
    role.addQueryItem(QStringLiteral("Version"), QStringLiteral("2010-05-08"));
    role.addQueryItem(QStringLiteral("RoleName"), roleName);
    role.addQueryItem(QStringLiteral("AssumeRolePolicyDocument"),
                      QStringLiteral(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
                                     R"("Principal":{"Service":"lambda.amazonaws.com"},)"
                                     R"("Action":"sts:AssumeRole"}]})"));
    const auto created = query("iam", role);
    // A second function after the same reset reuses the role.
    if (!created.ok() && !created.raw.contains("EntityAlreadyExists")) {
        return {};
    }
    const QJsonObject function{
        {QStringLiteral("FunctionName"), functionName},
        {QStringLiteral("Runtime"), QStringLiteral("python3.11")},
        {QStringLiteral("Role"), QStringLiteral("arn:aws:iam::123456789012:role/") + roleName},
        {QStringLiteral("Handler"), QStringLiteral("index.handler")},
        {QStringLiteral("Code"),
         QJsonObject{
             {QStringLiteral("ZipFile"), QString::fromLatin1(doNothingLambdaZip().toBase64())}}}};
    const auto made = postJson(QStringLiteral("/2015-03-31/functions"), "lambda", function);
    if (made.status != 201) {
        m_lastError = QStringLiteral("CreateFunction: %1").arg(made.error());
        return {};
    }
    return made.body.value(QLatin1String("FunctionArn")).toString();
}

MotoServer::Reply MotoServer::exchange(const QByteArray& path,
                                       const QList<QPair<QByteArray, QByteArray>>& headers,
                                       const QByteArray& body, const QString& what) {
    if (m_address.isEmpty()) {
        fail(QStringLiteral("the server was never started"));
        return {};
    }
    QUrl url = m_address;
    url.setPath(QString::fromLatin1(path));
    QNetworkRequest request(url);
    for (const auto& [name, value] : headers) {
        request.setRawHeader(name, value);
    }
    Reply out{testserver::awaitReply(m_nam.post(request, body), requestTimeoutMs)};
    if (!out.ok()) {
        m_lastError = QStringLiteral("%1: %2").arg(what, out.error());
    }
    return out;
}
