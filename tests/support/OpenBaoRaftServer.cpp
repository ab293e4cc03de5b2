#include "OpenBaoRaftServer.h"

#include "OpenBaoServer.h"
#include "ServerProcess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcessEnvironment>
#include <QTimer>

namespace {

constexpr int startTimeoutMs = 20000;
constexpr int launchAttempts = 5;

QString configFor(const QString& nodeId, const QString& dataDir, quint16 apiPort,
                  quint16 clusterPort, const QList<QUrl>& retryJoin) {
    QString joins;
    for (const auto& leader : retryJoin) {
        joins += QStringLiteral("  retry_join {\n    leader_api_addr = \"%1\"\n  }\n")
                     .arg(leader.toString());
    }
    return QStringLiteral("storage \"raft\" {\n"
                          "  path = \"%1\"\n"
                          "  node_id = \"%2\"\n"
                          "%3"
                          "}\n"
                          "listener \"tcp\" {\n"
                          "  address = \"127.0.0.1:%4\"\n"
                          "  cluster_address = \"127.0.0.1:%5\"\n"
                          "  tls_disable = true\n"
                          "  disable_unauthed_generate_root_endpoints = false\n"
                          "}\n"
                          "api_addr = \"http://127.0.0.1:%4\"\n"
                          "cluster_addr = \"http://127.0.0.1:%5\"\n"
                          "disable_mlock = true\n"
                          "log_level = \"info\"\n")
        .arg(dataDir, nodeId, joins)
        .arg(apiPort)
        .arg(clusterPort);
}

} // namespace

OpenBaoRaftServer::OpenBaoRaftServer(QString nodeId)
    : m_nodeId(std::move(nodeId)) {
    m_nam.setProxy(QNetworkProxy::NoProxy);
}

OpenBaoRaftServer::~OpenBaoRaftServer() {
    stop();
}

QString OpenBaoRaftServer::dataDir() const {
    return m_dir.filePath(QStringLiteral("raft"));
}

bool OpenBaoRaftServer::fail(const QString& why) {
    m_lastError = why;
    return false;
}

bool OpenBaoRaftServer::start(const QList<QUrl>& retryJoin) {
    if (isRunning()) {
        return true;
    }
    QString why;
    if (OpenBaoServer::binary(&why).isEmpty()) {
        return fail(why);
    }
    if (!m_dir.isValid()) {
        return fail(QStringLiteral("cannot create a temp dir: %1").arg(m_dir.errorString()));
    }
    for (int attempt = 0; attempt < launchAttempts; ++attempt) {
        const auto apiPort = testserver::freeLoopbackPort();
        auto clusterPort = testserver::freeLoopbackPort();
        while (clusterPort == apiPort) {
            clusterPort = testserver::freeLoopbackPort();
        }
        if (apiPort == 0 || clusterPort == 0) {
            return fail(QStringLiteral("cannot find free loopback ports"));
        }
        if (!launch(apiPort, clusterPort, retryJoin)) {
            return false;
        }
        if (waitUntilAnswering(startTimeoutMs)) {
            return true;
        }
        const bool portTaken = outputTail(200).contains(QLatin1String("address already in use"));
        stop();
        if (!portTaken) {
            return false;
        }
    }
    return fail(QStringLiteral("every free port was taken before bao could bind it"));
}

bool OpenBaoRaftServer::launch(quint16 apiPort, quint16 clusterPort, const QList<QUrl>& retryJoin) {
    m_apiPort = apiPort;
    m_clusterPort = clusterPort;
    m_retryJoin = retryJoin;
    const auto program = OpenBaoServer::binary();
    const auto home = m_dir.filePath(QStringLiteral("home"));
    QDir().mkpath(home);
    QDir().mkpath(dataDir());
    m_address = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(apiPort));
    m_logPath = m_dir.filePath(QStringLiteral("bao-%1.log").arg(apiPort));
    const auto configPath = m_dir.filePath(QStringLiteral("config-%1.hcl").arg(apiPort));
    QFile config(configPath);
    if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return fail(QStringLiteral("cannot write %1").arg(configPath));
    }
    config.write(configFor(m_nodeId, dataDir(), apiPort, clusterPort, retryJoin).toUtf8());
    config.close();

    auto env = testserver::isolatedEnvironment({QStringLiteral("VAULT_"), QStringLiteral("BAO_")},
                                               home, m_dir.path());

    const QStringList arguments{QStringLiteral("server"), QStringLiteral("-config"), configPath};
    QString error;
    m_process = testserver::startProcess(program, arguments, env, m_dir.path(), m_logPath, &error);
    return m_process ? true : fail(error);
}

int OpenBaoRaftServer::probe(const QString& path) {
    QNetworkRequest request(QUrl(m_address.toString() + QStringLiteral("/v1/") + path));
    auto* reply = m_nam.get(request);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, reply, &QNetworkReply::abort);
    timer.start(2000);
    if (!reply->isFinished()) {
        loop.exec();
    }
    const auto status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

bool OpenBaoRaftServer::waitUntilAnswering(int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (!isRunning()) {
            return fail(QStringLiteral("bao exited before it was ready (exit code %1); its "
                                       "output ends with:\n%2")
                            .arg(m_process ? m_process->exitCode() : -1)
                            .arg(outputTail()));
        }
        if (probe(QStringLiteral("sys/seal-status")) == 200) {
            return true;
        }
        testserver::pause(100);
    }
    return fail(QStringLiteral("bao did not answer sys/seal-status within %1 s; its output ends "
                               "with:\n%2")
                    .arg(timeoutMs / 1000)
                    .arg(outputTail()));
}

void OpenBaoRaftServer::stop() {
    testserver::stopProcess(m_process);
}

bool OpenBaoRaftServer::restart() {
    if (m_apiPort == 0) {
        return fail(QStringLiteral("the node was never started"));
    }
    stop();
    // The old process's ports may linger for a moment.
    for (int attempt = 0; attempt < 20; ++attempt) {
        if (!launch(m_apiPort, m_clusterPort, m_retryJoin)) {
            return false;
        }
        if (waitUntilAnswering(startTimeoutMs)) {
            return true;
        }
        const bool portTaken = outputTail(200).contains(QLatin1String("address already in use"));
        stop();
        if (!portTaken) {
            return false;
        }
        testserver::pause(250);
    }
    return fail(QStringLiteral("the node's ports stayed taken after a restart"));
}

bool OpenBaoRaftServer::waitUntilActive(int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (probe(QStringLiteral("sys/health")) == 200) {
            return true;
        }
        testserver::pause(100);
    }
    return fail(QStringLiteral("the node did not become active within %1 s; its output ends "
                               "with:\n%2")
                    .arg(timeoutMs / 1000)
                    .arg(outputTail()));
}

bool OpenBaoRaftServer::isRunning() const {
    return m_process && m_process->state() == QProcess::Running;
}

QString OpenBaoRaftServer::outputTail(int lines) const {
    return testserver::logTail(m_logPath, lines);
}

std::vector<std::unique_ptr<OpenBaoRaftServer>> OpenBaoRaftServer::startCluster(int count,
                                                                                QString* why) {
    std::vector<std::unique_ptr<OpenBaoRaftServer>> nodes;
    for (int i = 0; i < count; ++i) {
        auto node = std::make_unique<OpenBaoRaftServer>(QStringLiteral("node%1").arg(i + 1));
        QList<QUrl> join;
        if (i > 0) {
            join << nodes.front()->address();
        }
        if (!node->start(join)) {
            if (why) {
                *why = QStringLiteral("%1: %2").arg(node->nodeId(), node->lastError());
            }
            return {};
        }
        nodes.push_back(std::move(node));
    }
    return nodes;
}
