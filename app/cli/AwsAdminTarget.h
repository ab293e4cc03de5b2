#pragma once

#include "Result.h"
#include "SecretRef.h"
#include "SecretsManagerBackend.h"

#include <QCoroTask>
#include <QJsonObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace strongroom {
class SecretsManagerAdmin;
}

namespace strongroom::cli {

class CliSession;

// One SecretsManagerAdmin call on a secret, as a command runs it (see AwsAdminTarget::runCall).
struct AwsAdminCall {
    QString command;     // the command's name, for its usage line
    QString description; // its --help text
    QString auditAction; // e.g. "aws-restore"
    QString jsonAction;  // e.g. "restore"
    QString doneLine;    // printed when it went through; %1 is the path
    std::function<QCoro::Task<Status>(SecretsManagerAdmin&, SecretRef)> call;
};

// The AWS connection named by --connection, signed in, for the Secrets Manager commands
// (rotation and the deletion window), and their audit lines (never a value).
class AwsAdminTarget {
public:
    // NotFound / InvalidInput (not an AWS connection) / the sign-in's error.
    static QCoro::Task<Result<AwsAdminTarget>> open(CliSession& session);

    SecretsManagerBackend* backend() const { return m_backend.data(); }
    const QString& connectionId() const { return m_connectionId; }

    // One audit line for `action` on `path` with the outcome of `status`.
    static QCoro::Task<void> audit(CliSession& session, QString connectionId, QString path,
                                   QString action, const Status& status, QString detail,
                                   QStringList versions = {});
    // The whole of a `--connection <id> <path>` command making one admin call: parses
    // `arguments`, opens the target, runs `call.call`, audits it and prints the outcome.
    // Returns the exit code.
    static QCoro::Task<int> runCall(CliSession& session, QStringList arguments, AwsAdminCall call);
    // `{"connection", "path", "action", "result": "ok"}` plus `extra`, for --json.
    static QJsonObject json(const QString& connectionId, const QString& path, const QString& action,
                            const QJsonObject& extra = {});

private:
    QPointer<SecretsManagerBackend> m_backend;
    QString m_connectionId;
};

} // namespace strongroom::cli
