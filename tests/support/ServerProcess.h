#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QNetworkReply;

// What every test-server fixture (OpenBao dev and raft nodes, moto) does the same way: find its
// binary, pick a free loopback port, run the process with its output in a log file and tied to
// the test process's life, wait on a reply, stop it, and show the end of its log.
namespace testserver {

// A port nobody listens on right now. Another process may take it before the server binds it;
// fixtures retry on "address already in use".
quint16 freeLoopbackPort();

// Spins a local event loop until `reply` finishes or `timeoutMs` passes (then aborts it).
void waitFor(QNetworkReply* reply, int timeoutMs);

// An HTTP answer as the fixtures hand it to tests.
struct HttpReply {
    int status = 0; // 0 = no HTTP reply at all
    QJsonObject body;
    QByteArray raw;

    bool ok() const { return status >= 200 && status < 300; }
};

// The finished `reply`'s status, raw body and JSON object body; with neither a status nor a body
// (refused, timed out), the network error's text stands in `raw`.
HttpReply readReply(QNetworkReply* reply);

// Blocks on `reply` (waitFor), reads it (readReply) and deletes it later.
HttpReply awaitReply(QNetworkReply* reply, int timeoutMs);
void pause(int ms);

// The binary named by the environment variable `overrideVariable`, else
// $STRONGROOM_SOURCE_DIR/.venv/bin/<venvName>. Empty with the reason and `advice` in `why` when
// there is none: tests then fail, never skip.
QString venvBinary(const char* overrideVariable, const QString& venvName, const QString& advice,
                   QString* why);

// The test process's environment without variables starting with one of `dropPrefixes`, with
// HOME and TMPDIR pointing into the fixture's own temp dir.
QProcessEnvironment isolatedEnvironment(const QStringList& dropPrefixes, const QString& home,
                                        const QString& tmpDir);

// Starts `program`: stdout and stderr to `logPath` (a pipe nobody drains while a test blocks
// would stall the server), no stdin, killed when the test process dies. Null with the reason in
// `error` when it does not start.
std::unique_ptr<QProcess> startProcess(const QString& program, const QStringList& arguments,
                                       const QProcessEnvironment& environment,
                                       const QString& workingDirectory, const QString& logPath,
                                       QString* error);

// How a fixture starts its server on one port, checks it came up, shows its output and stops it.
struct ServerStartSteps {
    std::function<bool(quint16 port)> launch; // false: it did not start (reason already kept)
    std::function<bool()> waitUntilReady;     // false: not ready in time (reason already kept)
    std::function<QString(int lines)> outputTail;
    std::function<void()> stop;
};

// Starts the server on a free loopback port, and on another one when a different process took
// the port first ("address already in use"), up to 5 tries. False when it failed: `error` is set
// when the reason is ours (no port, every port taken), empty when a step already kept its own.
bool startOnFreePort(const QString& serverName, const ServerStartSteps& steps, QString* error);

// SIGTERM, then SIGKILL after 5 s; resets `process`. Safe on a null or finished process.
void stopProcess(std::unique_ptr<QProcess>& process);

// The last `lines` lines of `logPath`, or "(no output)".
QString logTail(const QString& logPath, int lines);

} // namespace testserver
