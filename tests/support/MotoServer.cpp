#include "MotoServer.h"

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
#include <QTcpServer>
#include <QTimer>

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace {

constexpr int startTimeoutMs = 20000;
constexpr int requestTimeoutMs = 30000;
constexpr int launchAttempts = 5;

quint16 freeLoopbackPort() {
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) {
        return 0;
    }
    const auto port = probe.serverPort();
    probe.close();
    return port;
}

void waitFor(QNetworkReply* reply, int timeoutMs) {
    if (reply->isFinished()) {
        return;
    }
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, reply, &QNetworkReply::abort);
    timer.start(timeoutMs);
    loop.exec();
}

void pause(int ms) {
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

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
    const auto advice = QStringLiteral("run `scripts/setup-deps test` (it installs moto[server] "
                                       "into <repo>/.venv) or point STRONGROOM_MOTO_SERVER at a "
                                       "moto_server binary");
    auto path = qEnvironmentVariable("STRONGROOM_MOTO_SERVER");
    if (path.isEmpty()) {
        const auto source = qEnvironmentVariable("STRONGROOM_SOURCE_DIR");
        if (source.isEmpty()) {
            if (why) {
                *why = QStringLiteral("neither STRONGROOM_MOTO_SERVER nor STRONGROOM_SOURCE_DIR "
                                      "is set (run the test through ctest); ") +
                       advice;
            }
            return {};
        }
        path = source + QStringLiteral("/.venv/bin/moto_server");
    }
    const QFileInfo info(path);
    if (!info.isFile() || !info.isExecutable()) {
        if (why) {
            *why = QStringLiteral("no moto_server at %1; ").arg(path) + advice;
        }
        return {};
    }
    // Not canonicalised: the venv's launcher script finds its Python through this path.
    return info.absoluteFilePath();
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
    for (int attempt = 0; attempt < launchAttempts; ++attempt) {
        const auto port = freeLoopbackPort();
        if (port == 0) {
            return fail(QStringLiteral("cannot find a free loopback port"));
        }
        if (!launch(port)) {
            return false;
        }
        if (waitUntilReady(startTimeoutMs)) {
            return true;
        }
        const bool portTaken =
            outputTail(200).contains(QLatin1String("Address already in use"), Qt::CaseInsensitive);
        stop();
        if (!portTaken) {
            return false;
        }
    }
    return fail(QStringLiteral("every free port was taken before moto could bind it (%1 tries)")
                    .arg(launchAttempts));
}

bool MotoServer::launch(quint16 port) {
    const auto program = binary();
    const auto home = m_dir.filePath(QStringLiteral("home"));
    QDir().mkpath(home);
    m_logPath = m_dir.filePath(QStringLiteral("moto-%1.log").arg(port));
    m_address = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port));

    auto env = QProcessEnvironment::systemEnvironment();
    for (const auto& key : env.keys()) {
        if (key.startsWith(QLatin1String("AWS_")) || key.startsWith(QLatin1String("MOTO_"))) {
            env.remove(key);
        }
    }
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("TMPDIR"), m_dir.path());
    env.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));

    m_process = std::make_unique<QProcess>();
    m_process->setProgram(program);
    m_process->setArguments({QStringLiteral("-H"), QStringLiteral("127.0.0.1"),
                             QStringLiteral("-p"), QString::number(port)});
    m_process->setProcessEnvironment(env);
    m_process->setWorkingDirectory(m_dir.path());
    // To a file, not a pipe: a pipe nobody drains while a test blocks elsewhere would stall moto.
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(m_logPath);
    m_process->setStandardInputFile(QProcess::nullDevice());
    const auto parent = ::getpid();
    m_process->setChildProcessModifier([parent] {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) {
            ::_exit(127);
        }
    });
    m_process->start();
    if (!m_process->waitForStarted(10000)) {
        const auto error = m_process->errorString();
        m_process.reset();
        return fail(QStringLiteral("cannot start %1: %2").arg(program, error));
    }
    return true;
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
        pause(100);
    }
    return fail(QStringLiteral("moto_server did not answer within %1 s (last: %2); its output "
                               "ends with:\n%3")
                    .arg(timeoutMs / 1000)
                    .arg(last.error())
                    .arg(outputTail()));
}

void MotoServer::stop() {
    if (!m_process) {
        return;
    }
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

bool MotoServer::isRunning() const {
    return m_process && m_process->state() == QProcess::Running;
}

QString MotoServer::outputTail(int lines) const {
    QFile log(m_logPath);
    if (m_logPath.isEmpty() || !log.open(QIODevice::ReadOnly)) {
        return QStringLiteral("(no output)");
    }
    const auto all = QString::fromUtf8(log.readAll()).split(QLatin1Char('\n'));
    return all.mid(std::max<qsizetype>(0, all.size() - lines)).join(QLatin1Char('\n'));
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
    Reply out;
    if (m_address.isEmpty()) {
        fail(QStringLiteral("the server was never started"));
        return out;
    }
    QUrl url = m_address;
    url.setPath(QString::fromLatin1(path));
    QNetworkRequest request(url);
    for (const auto& [name, value] : headers) {
        request.setRawHeader(name, value);
    }
    auto* reply = m_nam.post(request, body);
    waitFor(reply, requestTimeoutMs);
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.raw = reply->readAll();
    const auto document = QJsonDocument::fromJson(out.raw);
    if (document.isObject()) {
        out.body = document.object();
    }
    if (out.status == 0 && out.raw.isEmpty()) {
        out.raw = reply->errorString().toUtf8();
    }
    reply->deleteLater();
    if (!out.ok()) {
        m_lastError = QStringLiteral("%1: %2").arg(what, out.error());
    }
    return out;
}
