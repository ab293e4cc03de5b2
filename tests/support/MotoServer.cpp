#include "MotoServer.h"

#include "ServerProcess.h"

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
