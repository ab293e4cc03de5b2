#include "OpenBaoRaftServer.h"

#include "OpenBaoServer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
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

void pause(int ms) {
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

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
        const auto apiPort = freeLoopbackPort();
        auto clusterPort = freeLoopbackPort();
        while (clusterPort == apiPort) {
            clusterPort = freeLoopbackPort();
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

    auto env = QProcessEnvironment::systemEnvironment();
    for (const auto& key : env.keys()) {
        if (key.startsWith(QLatin1String("VAULT_")) || key.startsWith(QLatin1String("BAO_"))) {
            env.remove(key);
        }
    }
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("TMPDIR"), m_dir.path());

    m_process = std::make_unique<QProcess>();
    m_process->setProgram(program);
    m_process->setArguments({QStringLiteral("server"), QStringLiteral("-config"), configPath});
    m_process->setProcessEnvironment(env);
    m_process->setWorkingDirectory(m_dir.path());
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
        pause(100);
    }
    return fail(QStringLiteral("bao did not answer sys/seal-status within %1 s; its output ends "
                               "with:\n%2")
                    .arg(timeoutMs / 1000)
                    .arg(outputTail()));
}

void OpenBaoRaftServer::stop() {
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
        pause(250);
    }
    return fail(QStringLiteral("the node's ports stayed taken after a restart"));
}

bool OpenBaoRaftServer::isRunning() const {
    return m_process && m_process->state() == QProcess::Running;
}

QString OpenBaoRaftServer::outputTail(int lines) const {
    QFile log(m_logPath);
    if (m_logPath.isEmpty() || !log.open(QIODevice::ReadOnly)) {
        return QStringLiteral("(no output)");
    }
    const auto all = QString::fromUtf8(log.readAll()).split(QLatin1Char('\n'));
    return all.mid(std::max<qsizetype>(0, all.size() - lines)).join(QLatin1Char('\n'));
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
