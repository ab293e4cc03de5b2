#include "AwsAdminTarget.h"

#include "AuditLog.h"
#include "CliSession.h"
#include "Connection.h"
#include "SecretsManagerBackend.h"
#include "Workspace.h"

namespace strongroom::cli {

QCoro::Task<Result<AwsAdminTarget>> AwsAdminTarget::open(CliSession& session) {
    const QString id = session.options().connection;
    if (id == Workspace::localConnectionId()) {
        co_return BackendError(BackendError::Kind::InvalidInput,
                               QStringLiteral("this command needs an AWS connection: give "
                                              "--connection <id> (see: strongroom-cli "
                                              "connections)"));
    }
    auto opening = session.openConnection();
    auto opened = co_await std::move(opening);
    if (!opened) {
        co_return opened.error();
    }
    auto* backend = qobject_cast<SecretsManagerBackend*>(opened.value()->backend());
    if (!backend) {
        co_return BackendError(BackendError::Kind::InvalidInput,
                               QStringLiteral("connection '%1' is not an AWS connection (%2)")
                                   .arg(id, opened.value()->providerId()));
    }
    AwsAdminTarget target;
    target.m_backend = backend;
    target.m_connectionId = id;
    co_return target;
}

QCoro::Task<void> AwsAdminTarget::audit(CliSession& session, QString connectionId, QString path,
                                        QString action, const Status& status, QString detail,
                                        QStringList versions) {
    AuditRecord record;
    record.connection = std::move(connectionId);
    record.path = std::move(path);
    record.action = std::move(action);
    record.versions = std::move(versions);
    record.result = status ? QStringLiteral("ok") : BackendError::kindName(status.error().kind());
    record.detail =
        status ? std::move(detail)
               : (detail.isEmpty() ? status.error().detail()
                                   : detail + QStringLiteral(": ") + status.error().detail());
    auto appending = session.workspace().auditLog()->append(std::move(record));
    co_await std::move(appending);
}

QJsonObject AwsAdminTarget::json(const QString& connectionId, const QString& path,
                                 const QString& action, const QJsonObject& extra) {
    QJsonObject object{{QStringLiteral("connection"), connectionId},
                       {QStringLiteral("path"), path},
                       {QStringLiteral("action"), action},
                       {QStringLiteral("result"), QStringLiteral("ok")}};
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        object.insert(it.key(), it.value());
    }
    return object;
}

} // namespace strongroom::cli
