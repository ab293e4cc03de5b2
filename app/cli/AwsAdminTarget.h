#pragma once

#include "Result.h"
#include "SecretRef.h"
#include "SecretsManagerBackend.h"

#include <QCoroTask>
#include <QJsonObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <optional>

namespace strongroom::cli {

class CliSession;

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
    // `{"connection", "path", "action", "result": "ok"}` plus `extra`, for --json.
    static QJsonObject json(const QString& connectionId, const QString& path, const QString& action,
                            const QJsonObject& extra = {});

private:
    QPointer<SecretsManagerBackend> m_backend;
    QString m_connectionId;
};

} // namespace strongroom::cli
