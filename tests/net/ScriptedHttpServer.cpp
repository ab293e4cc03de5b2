#include "ScriptedHttpServer.h"

#include <QSslSocket>

QByteArray RecordedRequest::header(const QByteArray& name) const {
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

bool RecordedRequest::hasHeader(const QByteArray& name) const {
    for (const auto& entry : headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

bool ScriptedHttpServer::start(const QHostAddress& address) {
    return listen(address, 0);
}

void ScriptedHttpServer::enableTls(const QSslConfiguration& tls) {
    m_tls = tls;
}

ScriptedReply ScriptedHttpServer::reply(int status, const QByteArray& body,
                                        const QList<QPair<QByteArray, QByteArray>>& headers) {
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(status) + " Scripted\r\n";
    for (const auto& [name, value] : headers) {
        bytes += name + ": " + value + "\r\n";
    }
    bytes += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    bytes += "Connection: close\r\n\r\n" + body;
    return {bytes, false};
}

QUrl ScriptedHttpServer::url(const QString& path) const {
    QUrl result;
    result.setScheme(m_tls ? QStringLiteral("https") : QStringLiteral("http"));
    result.setHost(serverAddress() == QHostAddress::Any || serverAddress() == QHostAddress::AnyIPv4
                       ? QStringLiteral("127.0.0.1")
                       : serverAddress().toString());
    result.setPort(serverPort());
    result.setPath(path);
    return result;
}

void ScriptedHttpServer::incomingConnection(qintptr descriptor) {
    ++m_connections;
    QTcpSocket* socket = nullptr;
    if (m_tls) {
        auto* secure = new QSslSocket(this);
        secure->setSocketDescriptor(descriptor);
        secure->setSslConfiguration(*m_tls);
        secure->startServerEncryption();
        socket = secure;
    } else {
        socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
    }
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readFrom(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        m_buffers.remove(socket);
        socket->deleteLater();
    });
}

std::optional<RecordedRequest> ScriptedHttpServer::takeRequest(QByteArray& buffer) {
    const auto headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        return std::nullopt;
    }
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    RecordedRequest request;
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.target = requestLine.value(1);
    qsizetype length = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const auto colon = lines[i].indexOf(':');
        if (colon > 0) {
            request.headers.append(
                {lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
        }
    }
    length = request.header("Content-Length").toLongLong();
    if (buffer.size() < headerEnd + 4 + length) {
        return std::nullopt;
    }
    request.body = buffer.mid(headerEnd + 4, length);
    buffer.remove(0, headerEnd + 4 + length);
    return request;
}

void ScriptedHttpServer::readFrom(QTcpSocket* socket) {
    QByteArray& buffer = m_buffers[socket];
    buffer += socket->readAll();
    auto request = takeRequest(buffer);
    if (!request) {
        return;
    }
    m_requests.append(*request);
    const ScriptedReply next =
        m_script.isEmpty() ? reply(500, "script exhausted") : m_script.dequeue();
    if (next.hang) {
        return;
    }
    socket->write(next.bytes);
    socket->disconnectFromHost();
}
