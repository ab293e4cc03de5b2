#include "ServerProcess.h"

#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTimer>

#include <algorithm>

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace testserver {

quint16 freeLoopbackPort() {
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) {
        return 0;
    }
    const auto port = probe.serverPort();
    probe.close();
    return port;
}

void waitFor(QNetworkReply* reply, int timeoutMs) {
    if (reply->isFinished()) {
        return;
    }
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, reply, &QNetworkReply::abort);
    timer.start(timeoutMs);
    loop.exec();
}

void pause(int ms) {
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

QString venvBinary(const char* overrideVariable, const QString& venvName, const QString& advice,
                   QString* why) {
    auto path = qEnvironmentVariable(overrideVariable);
    if (path.isEmpty()) {
        const auto source = qEnvironmentVariable("STRONGROOM_SOURCE_DIR");
        if (source.isEmpty()) {
            if (why) {
                *why = QStringLiteral("neither %1 nor STRONGROOM_SOURCE_DIR is set (run the test "
                                      "through ctest); ")
                           .arg(QLatin1String(overrideVariable)) +
                       advice;
            }
            return {};
        }
        path = source + QStringLiteral("/.venv/bin/") + venvName;
    }
    const QFileInfo info(path);
    if (!info.isFile() || !info.isExecutable()) {
        if (why) {
            *why = QStringLiteral("no %1 at %2; ").arg(venvName, path) + advice;
        }
        return {};
    }
    // Not canonicalised: a venv's launcher script finds its Python through this path.
    return info.absoluteFilePath();
}

QProcessEnvironment isolatedEnvironment(const QStringList& dropPrefixes, const QString& home,
                                        const QString& tmpDir) {
    auto env = QProcessEnvironment::systemEnvironment();
    for (const auto& key : env.keys()) {
        const bool drop =
            std::any_of(dropPrefixes.begin(), dropPrefixes.end(),
                        [&key](const QString& prefix) { return key.startsWith(prefix); });
        if (drop) {
            env.remove(key);
        }
    }
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("TMPDIR"), tmpDir);
    return env;
}

std::unique_ptr<QProcess> startProcess(const QString& program, const QStringList& arguments,
                                       const QProcessEnvironment& environment,
                                       const QString& workingDirectory, const QString& logPath,
                                       QString* error) {
    auto process = std::make_unique<QProcess>();
    process->setProgram(program);
    process->setArguments(arguments);
    process->setProcessEnvironment(environment);
    process->setWorkingDirectory(workingDirectory);
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->setStandardOutputFile(logPath);
    process->setStandardInputFile(QProcess::nullDevice());
    const auto parent = ::getpid();
    process->setChildProcessModifier([parent] {
        // Die with the test process, even when it crashes or a timeout kills it.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) {
            ::_exit(127);
        }
    });
    process->start();
    if (!process->waitForStarted(10000)) {
        if (error) {
            *error = QStringLiteral("cannot start %1: %2").arg(program, process->errorString());
        }
        return nullptr;
    }
    return process;
}

bool startOnFreePort(const QString& serverName, const ServerStartSteps& steps, QString* error) {
    constexpr int attempts = 5;
    for (int attempt = 0; attempt < attempts; ++attempt) {
        const auto port = freeLoopbackPort();
        if (port == 0) {
            *error = QStringLiteral("cannot find a free loopback port");
            return false;
        }
        if (!steps.launch(port)) {
            return false;
        }
        if (steps.waitUntilReady()) {
            return true;
        }
        const bool portTaken = steps.outputTail(200).contains(
            QLatin1String("address already in use"), Qt::CaseInsensitive);
        steps.stop();
        if (!portTaken) {
            return false;
        }
    }
    *error = QStringLiteral("every free port was taken before %1 could bind it (%2 tries)")
                 .arg(serverName)
                 .arg(attempts);
    return false;
}

void stopProcess(std::unique_ptr<QProcess>& process) {
    if (!process) {
        return;
    }
    if (process->state() != QProcess::NotRunning) {
        process->terminate();
        if (!process->waitForFinished(5000)) {
            process->kill();
            process->waitForFinished(5000);
        }
    }
    process.reset();
}

HttpReply readReply(QNetworkReply* reply) {
    HttpReply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.raw = reply->readAll();
    const auto document = QJsonDocument::fromJson(out.raw);
    if (document.isObject()) {
        out.body = document.object();
    }
    if (out.status == 0 && out.raw.isEmpty()) {
        out.raw = reply->errorString().toUtf8();
    }
    return out;
}

HttpReply awaitReply(QNetworkReply* reply, int timeoutMs) {
    waitFor(reply, timeoutMs);
    HttpReply out = readReply(reply);
    reply->deleteLater();
    return out;
}

QString logTail(const QString& logPath, int lines) {
    QFile log(logPath);
    if (logPath.isEmpty() || !log.open(QIODevice::ReadOnly)) {
        return QStringLiteral("(no output)");
    }
    const auto all = QString::fromUtf8(log.readAll()).split(QLatin1Char('\n'));
    return all.mid(std::max<qsizetype>(0, all.size() - lines)).join(QLatin1Char('\n'));
}

} // namespace testserver
