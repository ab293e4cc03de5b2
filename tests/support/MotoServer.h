#pragma once

#include "ServerProcess.h"

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

// A real moto server (`moto_server`, the AWS mock: Secrets Manager, STS, IAM...) on a free
// loopback port, for integration tests of the AWS backend. Plain HTTP, region us-east-1; it
// accepts any credentials and does not check signatures (SigV4 is tested against the official
// vectors instead). The process has its own temp dir and HOME, no AWS_* variables, is stopped in
// the destructor (SIGTERM, then SIGKILL) and dies with the test process (PR_SET_PDEATHSIG).
//
// Typical use:
//     MotoServer moto;
//     QVERIFY2(moto.start(), qPrintable(moto.lastError()));
//     AwsEndpoint endpoint;                       // backends/aws
//     endpoint.secretsManagerUrl = moto.address();
//     endpoint.stsUrl = moto.address();
//     ... credentials MotoServer::accessKeyId() / secretAccessKey() ...
//     QVERIFY(moto.reset());                      // between test functions
//
// The seeding helpers block on a local event loop: fine in tests, never in application code.
// They return a Reply with status 0 when no HTTP reply came, and leave the reason in lastError().
//
// The binary: $STRONGROOM_MOTO_SERVER, else $STRONGROOM_SOURCE_DIR/.venv/bin/moto_server
// (`scripts/setup-deps test` installs it). A missing binary makes start() fail with that advice:
// tests fail, never skip.
class MotoServer {
public:
    struct Reply : testserver::HttpReply {
        // "HTTP <status>: <__type>: <message>" or the raw body.
        QString error() const;
    };

    MotoServer();
    ~MotoServer();
    MotoServer(const MotoServer&) = delete;
    MotoServer& operator=(const MotoServer&) = delete;

    // Starts the server and waits until it answers (20 s at most). False with the reason (and
    // the server's last output lines) in lastError().
    bool start();
    // SIGTERM, then SIGKILL after 5 s. Safe to call twice.
    void stop();
    bool isRunning() const;

    // The moto_server binary the fixture would run, or empty with the reason in `why`.
    static QString binary(QString* why = nullptr);

    // "http://127.0.0.1:<port>/": the endpoint override for every service.
    QUrl address() const { return m_address; }
    static QByteArray region() { return QByteArrayLiteral("us-east-1"); }
    // Any credentials work; these are the conventional moto ones.
    static QString accessKeyId() { return QStringLiteral("testing"); }
    static QByteArray secretAccessKey() { return QByteArrayLiteral("testing"); }

    // Forgets every resource of every service (POST /moto-api/reset).
    bool reset();

    // One unsigned Secrets Manager JSON 1.1 call, e.g. secretsManager("CreateSecret",
    // {{"Name", "app/db"}, {"SecretString", "x"}}), to seed or inspect state behind the backend's
    // back.
    Reply secretsManager(const QString& operation, const QJsonObject& body = {});
    // One unsigned query-protocol call (form POST) to `service` ("iam", "sts"), e.g.
    // query("iam", {{"Action", "CreateRole"}, ...}). The reply is XML: read `raw`.
    Reply query(const QByteArray& service, const QUrlQuery& form);
    // One unsigned JSON POST to one of moto's REST paths ("/2015-03-31/functions" for Lambda,
    // "/moto-api/config"), with the credential scope of `service`.
    Reply postJson(const QString& path, const QByteArray& service, const QJsonObject& body);

    // A rotation function Secrets Manager can be configured with: an IAM role and a Lambda
    // `functionName` whose handler does nothing, run by moto's simple Lambda backend (no
    // Docker). moto only accepts a rotation Lambda that exists. Its ARN, or empty with the
    // reason in lastError(). Call it again after reset().
    QString createRotationLambda(const QString& functionName);

    QString lastError() const { return m_lastError; }
    // The last `lines` lines the server wrote (stdout and stderr).
    QString outputTail(int lines = 30) const;

private:
    bool launch(quint16 port);
    bool waitUntilReady(int timeoutMs);
    Reply exchange(const QByteArray& path, const QList<QPair<QByteArray, QByteArray>>& headers,
                   const QByteArray& body, const QString& what);
    bool fail(const QString& why);

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QNetworkAccessManager m_nam;
    QUrl m_address;
    QString m_logPath;
    QString m_lastError;
};
