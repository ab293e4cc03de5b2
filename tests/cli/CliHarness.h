#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

// Runs the real strongroom-cli binary as a child process with STRONGROOM_HOME pointing at a
// fresh temporary directory, so every suite exercises exactly what an operator's shell would:
// argument parsing, exit codes, stdout/stderr separation and the files left on disk.
struct CliRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString outText() const { return QString::fromUtf8(out); }
    QString errText() const { return QString::fromUtf8(err); }
    // stdout split into lines, without the trailing empty one.
    QStringList outLines() const;
    // A one-line diagnostic for QVERIFY2 when an expectation fails.
    QByteArray describe() const;
};

class CliHarness {
public:
    CliHarness();

    QString home() const { return m_home.path(); }
    QString storeFile() const { return m_home.path() + QStringLiteral("/local.strongroom"); }
    QString auditFile() const { return m_home.path() + QStringLiteral("/audit.jsonl"); }

    // Extra environment for every later run (e.g. STRONGROOM_PASSPHRASE_FILE).
    void setEnv(const QString& name, const QString& value) { m_env.insert(name, value); }
    void unsetEnv(const QString& name) { m_env.remove(name); }
    // Arguments appended to every later run (e.g. --passphrase-file F).
    void setCommonArguments(QStringList arguments) { m_common = std::move(arguments); }

    // Runs `strongroom-cli <arguments> <common arguments>` with `input` on stdin (then closed).
    CliRun run(const QStringList& arguments, const QByteArray& input = {}) const;

    // Writes `contents` to a file under the temporary home and returns its path.
    QString writeFile(const QString& name, const QByteArray& contents) const;
    // Every file under the home, concatenated (to search for leaked values).
    QByteArray allFileContents() const;
    // The audit log's entries, oldest first (empty when there is no log yet).
    QList<QJsonObject> auditEntries() const;
    // The entries with `action`, oldest first.
    QList<QJsonObject> auditEntries(const QString& action) const;

    static QString binary();

private:
    QTemporaryDir m_home;
    QProcessEnvironment m_env;
    QStringList m_common;
};
