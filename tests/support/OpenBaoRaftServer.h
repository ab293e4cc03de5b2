#pragma once

#include <QList>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>
#include <vector>

// A real OpenBao server in production mode (`bao server -config`), not dev mode: raft storage in
// its own temp dir, plain HTTP on free loopback ports, uninitialized and sealed after start. The
// listener re-enables the unauthenticated sys/generate-root endpoints
// (disable_unauthed_generate_root_endpoints = false), which OpenBao >= 2.5.3 turns off by
// default. The process dies with the test (PR_SET_PDEATHSIG) and is stopped in the destructor.
//
// Blocks on a local event loop while waiting: tests only. Same binary lookup as OpenBaoServer.
class OpenBaoRaftServer {
public:
    explicit OpenBaoRaftServer(QString nodeId = QStringLiteral("node1"));
    ~OpenBaoRaftServer();
    OpenBaoRaftServer(const OpenBaoRaftServer&) = delete;
    OpenBaoRaftServer& operator=(const OpenBaoRaftServer&) = delete;

    // Starts the node (joining the raft cluster of `retryJoin` leaders when given) and waits until
    // sys/seal-status answers (20 s at most). False with the reason in lastError().
    bool start(const QList<QUrl>& retryJoin = {});
    void stop();
    // Stops and starts the node again on the same ports and data: it comes back sealed.
    bool restart();
    bool isRunning() const;
    // After init and unseal, raft takes a moment to elect this node leader: waits until
    // sys/health says it is the active node (200).
    bool waitUntilActive(int timeoutMs = 30000);

    QUrl address() const { return m_address; }
    QString nodeId() const { return m_nodeId; }
    QString dataDir() const;
    QString lastError() const { return m_lastError; }
    QString outputTail(int lines = 30) const;
    // The HTTP status of an unauthenticated GET of /v1/<path> (0 = no reply).
    int probe(const QString& path);

    // Three (or `count`) nodes: the first plain, the others with retry_join to the first. Empty
    // with the reason in `why` when one does not start.
    static std::vector<std::unique_ptr<OpenBaoRaftServer>> startCluster(int count, QString* why);

private:
    bool launch(quint16 apiPort, quint16 clusterPort, const QList<QUrl>& retryJoin);
    bool waitUntilAnswering(int timeoutMs);
    bool fail(const QString& why);

    QString m_nodeId;
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QNetworkAccessManager m_nam;
    QUrl m_address;
    quint16 m_apiPort = 0;
    quint16 m_clusterPort = 0;
    QList<QUrl> m_retryJoin;
    QString m_logPath;
    QString m_lastError;
};
