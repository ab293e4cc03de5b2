#pragma once

#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <chrono>

class QTcpServer;
class QTcpSocket;

namespace strongroom {

// The loopback end of an OIDC sign-in (RFC 8252 §7.3): listens on 127.0.0.1 on a free port for
// the browser's redirect to /oidc/callback?code=...&state=..., answers the browser with a short
// "you can close this tab" page and reports what came back. Ends on the first callback, a
// timeout or cancel(); finished() is emitted exactly once.
class VaultOidcCallback : public QObject {
    Q_OBJECT
public:
    enum class Outcome { Pending, Received, ProviderError, TimedOut, Cancelled, ListenFailed };

    explicit VaultOidcCallback(QObject* parent = nullptr);
    ~VaultOidcCallback() override;

    // Starts listening; false (Outcome ListenFailed) when no loopback port could be opened.
    bool listen(std::chrono::milliseconds timeout);
    // http://127.0.0.1:<port>/oidc/callback
    QUrl redirectUri() const;
    void cancel();

    Outcome outcome() const { return m_outcome; }
    QString code() const { return m_code; }
    QString state() const { return m_state; }
    // The provider's error and description when it refused (error=access_denied...).
    QString providerError() const { return m_error; }

    static QString callbackPath() { return QStringLiteral("/oidc/callback"); }

Q_SIGNALS:
    void finished();

private:
    void onConnection();
    void onRequest(QTcpSocket* socket);
    void finish(Outcome outcome);
    static void answer(QTcpSocket* socket, int status, const QString& title, const QString& text);

    QTcpServer* m_server;
    QTimer m_timeout;
    Outcome m_outcome = Outcome::Pending;
    QString m_code;
    QString m_state;
    QString m_error;
};

} // namespace strongroom
