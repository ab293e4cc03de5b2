#include "AwsCancelRotationCommand.h"

#include "AwsAdminTarget.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "SecretPath.h"
#include "SecretsManagerAdmin.h"

namespace strongroom::cli {

QString AwsCancelRotationCommand::summary() const {
    return QStringLiteral("Turn an AWS secret's automatic rotation off");
}

QCoro::Task<int> AwsCancelRotationCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("--connection <id> <path>"),
                         QStringLiteral("CancelRotateSecret: turns automatic rotation off. A "
                                        "rotation already under way may leave AWSPENDING on a "
                                        "version; see `aws rotation` and `aws clear-pending`."));
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
    auto cancelling = admin.cancelRotation(ref);
    const Status cancelled = co_await std::move(cancelling);
    auto auditing = AwsAdminTarget::audit(session, target->connectionId(), ref.path,
                                          QStringLiteral("aws-rotation-cancel"), cancelled, {});
    co_await std::move(auditing);
    if (!cancelled) {
        co_return out.fail(cancelled.error(), ref.path);
    }
    if (session.options().json) {
        out.writeJson(AwsAdminTarget::json(target->connectionId(), ref.path,
                                           QStringLiteral("cancel-rotation")));
    } else {
        out.line(QStringLiteral("automatic rotation of %1 is off").arg(ref.path));
    }
    co_return 0;
}

} // namespace strongroom::cli
