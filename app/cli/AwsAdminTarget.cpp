#include "AwsAdminTarget.h"

#include "AuditLog.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "Connection.h"
#include "SecretPath.h"
#include "SecretsManagerAdmin.h"
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

QCoro::Task<int> AwsAdminTarget::runCall(CliSession& session, QStringList arguments,
                                         AwsAdminCall call) {
    CliOutput& out = session.output();
    CommandParser parser(call.command, QStringLiteral("--connection <id> <path>"),
                         call.description);
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 1)) {
        co_return *exit;
    }
    const SecretRef ref{SecretPath::secret(parser.positional().first())};
    auto opening = open(session);
    auto target = co_await std::move(opening);
    if (!target) {
        co_return out.fail(target.error());
    }
    SecretsManagerAdmin admin(target->backend());
    auto calling = call.call(admin, ref);
    const Status done = co_await std::move(calling);
    auto auditing = audit(session, target->connectionId(), ref.path, call.auditAction, done, {});
    co_await std::move(auditing);
    if (!done) {
        co_return out.fail(done.error(), ref.path);
    }
    if (session.options().json) {
        out.writeJson(json(target->connectionId(), ref.path, call.jsonAction));
    } else {
        out.line(call.doneLine.arg(ref.path));
    }
    co_return 0;
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
