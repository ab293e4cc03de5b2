#pragma once

#include "ServerProcess.h"

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

// A real OpenBao dev server (`bao server -dev`, in memory, plain HTTP) on a free loopback port,
// for integration tests. It has its own temp dir and HOME, a random root token, and KV v2 at
// `secret/`. The process is stopped in the destructor (SIGTERM, then SIGKILL) and dies with the
// test process even when that crashes or is killed (PR_SET_PDEATHSIG).
//
// The seeding helpers block on a local event loop: fine in tests, never in application code.
// They return false / empty on failure and leave the reason in lastError().
//
// The binary: $STRONGROOM_BAO, else $STRONGROOM_SOURCE_DIR/.venv/bin/bao (`scripts/setup-deps
// test` installs it). A missing binary makes start() fail with that advice: tests fail, never skip.
class OpenBaoServer {
public:
    struct Reply : testserver::HttpReply {
        // The server's "errors" joined, or the raw body when it has none.
        QString errors() const;
    };
    struct AppRoleCredentials {
        QByteArray roleId;
        QByteArray secretId;
        bool isEmpty() const { return roleId.isEmpty() || secretId.isEmpty(); }
    };

    OpenBaoServer();
    ~OpenBaoServer();
    OpenBaoServer(const OpenBaoServer&) = delete;
    OpenBaoServer& operator=(const OpenBaoServer&) = delete;

    // Starts the server and waits until sys/health answers 200 (20 s at most). False with the
    // reason (and the server's last output lines) in lastError().
    bool start();
    // SIGTERM, then SIGKILL after 5 s. Safe to call twice.
    void stop();
    bool isRunning() const;
    qint64 processId() const;

    // The bao binary the fixture would run, or empty with the reason in `why`.
    static QString binary(QString* why = nullptr);

    QUrl address() const { return m_address; }
    QByteArray rootToken() const { return m_rootToken; }
    QString lastError() const { return m_lastError; }
    // The last `lines` lines the server wrote (stdout and stderr).
    QString outputTail(int lines = 30) const;

    // One HTTP API call: `method` ("GET", "POST", "LIST"...) on /v1/<path>, with `token` (the
    // root token when empty). Blocks until the reply (30 s at most).
    Reply api(const QByteArray& method, const QString& path, const QJsonObject& body = {},
              const QByteArray& token = {});

    bool writePolicy(const QString& name, const QString& hcl);
    // A new service token with these policies; empty on failure.
    QByteArray createToken(const QStringList& policies, const QString& ttl, bool renewable = true);
    // Enables userpass at auth/userpass (once) and creates or updates the user.
    bool enableUserpass(const QString& user, const QString& password, const QStringList& policies);
    // Enables approle at auth/approle (once), creates the role and one secret id.
    AppRoleCredentials enableAppRole(const QString& role, const QStringList& policies);
    // Mounts a KV engine of `version` (1 or 2) at `path`.
    bool mountKv(const QString& path, int version);
    // Writes `data` to a KV v2 secret; the new version, or 0 on failure.
    int putKv2(const QString& mount, const QString& path, const QJsonObject& data);
    // Writes `count` KV v2 secrets <folder>/key-00000... ({"value": "<n>"}), `inFlight` at a
    // time. Names are zero-padded so their sort order is their number order.
    bool bulkSeed(const QString& mount, const QString& folder, int count, int inFlight = 32);
    static QString bulkKeyName(int index);

    // Seals the server (root token) / unseals it with the dev server's unseal key.
    bool seal();
    bool unseal();

private:
    bool launch(quint16 port);
    bool waitUntilHealthy(int timeoutMs);
    QNetworkReply* send(QNetworkAccessManager& nam, const QByteArray& method, const QString& path,
                        const QJsonObject& body, const QByteArray& token);
    bool fail(const QString& why);
    bool authEnabled(const QString& path, const QString& type);

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QNetworkAccessManager m_nam;
    QUrl m_address;
    QByteArray m_rootToken;
    QString m_logPath;
    QString m_lastError;
};
