#include "AwsClearPendingCommand.h"

#include "AwsAdminTarget.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "SecretPath.h"
#include "SecretsManagerAdmin.h"

namespace strongroom::cli {

namespace {
const QString kVersion = QStringLiteral("version");
}

QString AwsClearPendingCommand::summary() const {
    return QStringLiteral("Remove a stuck AWSPENDING label from an AWS secret's version");
}

QCoro::Task<int> AwsClearPendingCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("--connection <id> <path> --version <id>"),
                         QStringLiteral("Removes AWSPENDING from the version a failed rotation "
                                        "left it on, so the next rotation can start. Refused when "
                                        "that version is AWSCURRENT or the labels moved since "
                                        "`aws rotation` showed them. No value changes."));
    parser.addOption(
        {kVersion, QStringLiteral("The version holding AWSPENDING."), QStringLiteral("id")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 1)) {
        co_return *exit;
    }
    const QString version = parser.value(kVersion).trimmed();
    if (version.isEmpty()) {
        co_return parser.usageError(out, QStringLiteral("--version is needed"));
    }
    const SecretRef ref{SecretPath::secret(parser.positional().first())};
    auto opening = AwsAdminTarget::open(session);
    auto target = co_await std::move(opening);
    if (!target) {
        co_return out.fail(target.error());
    }
    SecretsManagerAdmin admin(target->backend());
    auto clearing = admin.clearPending(ref, version);
    const Status cleared = co_await std::move(clearing);
    auto auditing =
        AwsAdminTarget::audit(session, target->connectionId(), ref.path,
                              QStringLiteral("aws-clear-pending"), cleared, {}, {version});
    co_await std::move(auditing);
    if (!cleared) {
        co_return out.fail(cleared.error(), ref.path);
    }
    if (session.options().json) {
        out.writeJson(AwsAdminTarget::json(target->connectionId(), ref.path,
                                           QStringLiteral("clear-pending"),
                                           {{QStringLiteral("version"), version}}));
    } else {
        out.line(QStringLiteral("AWSPENDING removed from %1 version %2").arg(ref.path, version));
    }
    co_return 0;
}

} // namespace strongroom::cli
