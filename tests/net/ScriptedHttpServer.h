#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QQueue>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QUrl>

#include <optional>

class QTcpSocket;

// What the server does with the next request it reads.
struct ScriptedReply {
    QByteArray bytes;  // written as-is: a full reply, or a deliberately broken one
    bool hang = false; // read the request and never answer
};

// A request as it arrived on the wire.
struct RecordedRequest {
    QByteArray method;
    QByteArray target;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray& name) const;
    bool hasHeader(const QByteArray& name) const;
};

// A real HTTP/1.1 server on a loopback port that answers requests from a queue of scripted
// replies (and 500 once the queue is empty), optionally over TLS, recording every request. Each
// reply closes its connection, so every request is one connection.
class ScriptedHttpServer : public QTcpServer {
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;

    bool start(const QHostAddress& address = QHostAddress::LocalHost);
    void enableTls(const QSslConfiguration& tls);

    void enqueue(const ScriptedReply& reply) { m_script.enqueue(reply); }
    static ScriptedReply reply(int status, const QByteArray& body = {},
                               const QList<QPair<QByteArray, QByteArray>>& headers = {});
    static ScriptedReply raw(const QByteArray& bytes) { return {bytes, false}; }
    static ScriptedReply hangUp() { return {{}, true}; }

    QUrl url(const QString& path = QStringLiteral("/")) const;
    const QList<RecordedRequest>& requests() const { return m_requests; }
    int connectionCount() const { return m_connections; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void readFrom(QTcpSocket* socket);
    std::optional<RecordedRequest> takeRequest(QByteArray& buffer);

    QQueue<ScriptedReply> m_script;
    QList<RecordedRequest> m_requests;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    std::optional<QSslConfiguration> m_tls;
    int m_connections = 0;
};
