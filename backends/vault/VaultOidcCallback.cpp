#include "VaultOidcCallback.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>

namespace strongroom {

namespace {

// A browser's request line and headers are far below this; anything longer is not ours.
constexpr qsizetype maxRequestBytes = 16 * 1024;

} // namespace

VaultOidcCallback::VaultOidcCallback(QObject* parent)
    : QObject(parent)
    , m_server(new QTcpServer(this)) {
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] { finish(Outcome::TimedOut); });
    connect(m_server, &QTcpServer::newConnection, this, &VaultOidcCallback::onConnection);
}

VaultOidcCallback::~VaultOidcCallback() = default;

bool VaultOidcCallback::listen(std::chrono::milliseconds timeout) {
    if (!m_server->listen(QHostAddress::LocalHost, 0)) {
        finish(Outcome::ListenFailed);
        return false;
    }
    m_timeout.start(timeout);
    return true;
}

QUrl VaultOidcCallback::redirectUri() const {
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server->serverPort());
    url.setPath(callbackPath());
    return url;
}

void VaultOidcCallback::cancel() {
    finish(Outcome::Cancelled);
}

void VaultOidcCallback::finish(Outcome outcome) {
    if (m_outcome != Outcome::Pending) {
        return;
    }
    m_outcome = outcome;
    m_timeout.stop();
    m_server->close();
    Q_EMIT finished();
}

void VaultOidcCallback::onConnection() {
    while (auto* socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onRequest(socket); });
    }
}

void VaultOidcCallback::onRequest(QTcpSocket* socket) {
    auto buffer = socket->property("request").toByteArray() + socket->readAll();
    if (buffer.size() > maxRequestBytes) {
        socket->abort();
        return;
    }
    const auto lineEnd = buffer.indexOf("\r\n");
    if (lineEnd < 0 || !buffer.contains("\r\n\r\n")) {
        socket->setProperty("request", buffer);
        return;
    }
    const auto requestLine = buffer.left(lineEnd).split(' ');
    if (requestLine.size() != 3 || requestLine.at(0) != "GET") {
        answer(socket, 405, tr("Not here"), tr("This address only takes the sign-in redirect."));
        return;
    }
    const QUrl target(QString::fromLatin1(requestLine.at(1)), QUrl::StrictMode);
    if (m_outcome != Outcome::Pending || target.path() != callbackPath()) {
        // Browsers also ask for /favicon.ico; a late second redirect finds the door closed.
        answer(socket, 404, tr("Not found"), tr("Nothing here."));
        return;
    }
    const QUrlQuery query(target);
    m_code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    m_state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    const QString error = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
    if (!error.isEmpty() || m_code.isEmpty()) {
        const QString description =
            query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded);
        m_error = error.isEmpty() ? tr("the redirect carried no code") : error;
        if (!description.isEmpty()) {
            m_error += QStringLiteral(": ") + description;
        }
        answer(socket, 400, tr("Sign-in failed"),
               tr("The identity provider refused the sign-in (%1). You can close this tab and "
                  "try again in Strongroom.")
                   .arg(m_error.toHtmlEscaped()));
        finish(Outcome::ProviderError);
        return;
    }
    answer(socket, 200, tr("Signed in"),
           tr("Strongroom received the sign-in. You can close this tab."));
    finish(Outcome::Received);
}

void VaultOidcCallback::answer(QTcpSocket* socket, int status, const QString& title,
                               const QString& text) {
    const QByteArray page = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                                           "<title>%1</title></head><body style=\"font-family:"
                                           "sans-serif;margin:3em\"><h1>%1</h1><p>%2</p></body>"
                                           "</html>")
                                .arg(title.toHtmlEscaped(), text)
                                .toUtf8();
    const QByteArray reason = status == 200   ? "OK"
                              : status == 400 ? "Bad Request"
                              : status == 404 ? "Not Found"
                                              : "Method Not Allowed";
    QByteArray reply = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                       "\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store"
                       "\r\nConnection: close\r\nContent-Length: " +
                       QByteArray::number(page.size()) + "\r\n\r\n" + page;
    socket->write(reply);
    socket->disconnectFromHost();
}

} // namespace strongroom
