#include "AwsRestoreCommand.h"

#include "AwsAdminTarget.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "SecretPath.h"
#include "SecretsManagerAdmin.h"

namespace strongroom::cli {

QString AwsRestoreCommand::summary() const {
    return QStringLiteral("Cancel an AWS secret's scheduled deletion");
}

QCoro::Task<int> AwsRestoreCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("--connection <id> <path>"),
                         QStringLiteral("RestoreSecret: a secret scheduled for deletion (see "
                                        "`aws deleted`) becomes usable again, with all its "
                                        "versions."));
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 1)) {
        co_return *exit;
    }
    const SecretRef ref{SecretPath::secret(parser.positional().first())};
    auto opening = AwsAdminTarget::open(session);
    auto target = co_await std::move(opening);
    if (!target) {
        co_return out.fail(target.error());
    }
    SecretsManagerAdmin admin(target->backend());
    auto restoring = admin.restore(ref);
    const Status restored = co_await std::move(restoring);
    auto auditing = AwsAdminTarget::audit(session, target->connectionId(), ref.path,
                                          QStringLiteral("aws-restore"), restored, {});
    co_await std::move(auditing);
    if (!restored) {
        co_return out.fail(restored.error(), ref.path);
    }
    if (session.options().json) {
        out.writeJson(
            AwsAdminTarget::json(target->connectionId(), ref.path, QStringLiteral("restore")));
    } else {
        out.line(QStringLiteral("%1 restored").arg(ref.path));
    }
    co_return 0;
}

} // namespace strongroom::cli
