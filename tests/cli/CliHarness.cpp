#include "CliHarness.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>

QStringList CliRun::outLines() const {
    QStringList lines = outText().split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty()) {
        lines.removeLast();
    }
    return lines;
}

QByteArray CliRun::describe() const {
    return "exit " + QByteArray::number(exitCode) + "; stdout: " + out.left(2000) +
           "; stderr: " + err.left(2000);
}

CliHarness::CliHarness()
    : m_env(QProcessEnvironment::systemEnvironment()) {
    m_env.insert(QStringLiteral("STRONGROOM_HOME"), m_home.path());
    // A developer's own passphrase file must never leak into a test run.
    m_env.remove(QStringLiteral("STRONGROOM_PASSPHRASE_FILE"));
}

QString CliHarness::binary() {
    return QStringLiteral(STRONGROOM_CLI_PATH);
}

CliRun CliHarness::run(const QStringList& arguments, const QByteArray& input) const {
    QProcess process;
    process.setProcessEnvironment(m_env);
    process.start(binary(), arguments + m_common);
    CliRun result;
    if (!process.waitForStarted(10000)) {
        result.err = "could not start " + binary().toUtf8();
        return result;
    }
    if (!input.isEmpty()) {
        process.write(input);
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        result.err = "timed out";
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QString CliHarness::writeFile(const QString& name, const QByteArray& contents) const {
    const QString path = m_home.path() + QLatin1Char('/') + name;
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        file.write(contents);
    }
    return path;
}

QByteArray CliHarness::allFileContents() const {
    QByteArray all;
    QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly)) {
            all += file.readAll();
        }
    }
    return all;
}

QList<QJsonObject> CliHarness::auditEntries() const {
    QList<QJsonObject> entries;
    QFile file(auditFile());
    if (!file.open(QIODevice::ReadOnly)) {
        return entries;
    }
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (!line.trimmed().isEmpty()) {
            entries.append(QJsonDocument::fromJson(line).object());
        }
    }
    return entries;
}

QList<QJsonObject> CliHarness::auditEntries(const QString& action) const {
    QList<QJsonObject> matching;
    for (const QJsonObject& entry : auditEntries()) {
        if (entry.value(QStringLiteral("action")).toString() == action) {
            matching.append(entry);
        }
    }
    return matching;
}
