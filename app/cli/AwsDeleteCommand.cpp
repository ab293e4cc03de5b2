#include "AwsDeleteCommand.h"

#include "AwsAdminTarget.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "SecretPath.h"
#include "SecretsManagerAdmin.h"
#include "SecretsManagerBackend.h"
#include "TerminalPrompt.h"

namespace strongroom::cli {

namespace {
const QString kRecoveryDays = QStringLiteral("recovery-days");
const QString kForce = QStringLiteral("force");
const QString kConfirm = QStringLiteral("confirm");
} // namespace

QString AwsDeleteCommand::summary() const {
    return QStringLiteral("Delete an AWS secret: --recovery-days N, or --force --confirm <name>");
}

QCoro::Task<int> AwsDeleteCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(
        name(),
        QStringLiteral("--connection <id> <path> (--recovery-days N | --force --confirm "
                       "<name>)"),
        QStringLiteral("DeleteSecret. With --recovery-days (7 to 30) the secret can be restored "
                       "until its deletion date (`aws restore`). --force deletes it at once with "
                       "every version, which cannot be undone: --confirm must repeat the secret's "
                       "full name; at a terminal it can be typed when asked instead."));
    parser.addOption(
        {kRecoveryDays, QStringLiteral("Days it stays restorable (7..30)."), QStringLiteral("n")});
    parser.addOption({kForce, QStringLiteral("Delete without recovery (irreversible).")});
    parser.addOption({kConfirm, QStringLiteral("The secret's full name, to confirm --force."),
                      QStringLiteral("name")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 1)) {
        co_return *exit;
    }
    const SecretRef ref{SecretPath::secret(parser.positional().first())};
    if (ref.path.isEmpty()) {
        co_return parser.usageError(out, QStringLiteral("the secret path is empty"));
    }
    const bool force = parser.isSet(kForce);
    if (force == parser.isSet(kRecoveryDays)) {
        co_return parser.usageError(out, QStringLiteral("give --recovery-days N or --force"));
    }
    int days = 0;
    if (!force) {
        const auto parsed = CommandParser::toCount(parser.value(kRecoveryDays));
        if (!parsed || !SecretsManagerAdmin::isValidRecoveryWindow(*parsed)) {
            co_return parser.usageError(out, QStringLiteral("--recovery-days needs 7 to 30"));
        }
        days = *parsed;
    } else if (!parser.isSet(kConfirm) && !TerminalPrompt::isInteractive()) {
        co_return parser.usageError(
            out, QStringLiteral("stdin is not a terminal: pass --confirm %1").arg(ref.path));
    }
    auto opening = AwsAdminTarget::open(session);
    auto target = co_await std::move(opening);
    if (!target) {
        co_return out.fail(target.error());
    }
    const QString id = target->connectionId();
    SecretsManagerAdmin admin(target->backend());
    if (!force) {
        auto scheduling = admin.scheduleDeletion(ref, days);
        auto scheduled = co_await std::move(scheduling);
        const Status status = scheduled ? Status(Done{}) : Status(scheduled.error());
        auto auditing =
            AwsAdminTarget::audit(session, id, ref.path, QStringLiteral("aws-delete"), status,
                                  QStringLiteral("recovery window %1 days").arg(days));
        co_await std::move(auditing);
        if (!scheduled) {
            co_return out.fail(scheduled.error(), ref.path);
        }
        const QString date = scheduled->toUTC().toString(Qt::ISODate);
        if (session.options().json) {
            out.writeJson(AwsAdminTarget::json(
                id, ref.path, QStringLiteral("delete"),
                {{QStringLiteral("deletionDate"), date}, {QStringLiteral("recoveryDays"), days}}));
        } else {
            out.line(QStringLiteral("%1 scheduled for deletion on %2 (restore until then with: "
                                    "strongroom-cli aws restore --connection %3 %1)")
                         .arg(ref.path, date, id));
        }
        co_return 0;
    }
    // An unknown secret is reported as such before anyone is asked to type its name.
    auto describing = target->backend()->describe(ref);
    auto described = co_await std::move(describing);
    if (!described) {
        co_return out.fail(described.error(), ref.path);
    }
    QString typed = parser.value(kConfirm);
    if (!parser.isSet(kConfirm)) {
        auto asking = TerminalPrompt::ask(
            QStringLiteral("Deleting %1 without recovery removes every version for good. Type "
                           "the secret's name (%1) to confirm: ")
                .arg(ref.path));
        auto answer = co_await std::move(asking);
        if (!answer) {
            co_return out.fail(answer.error());
        }
        typed = answer->trimmed();
    }
    if (typed != ref.path) {
        co_return parser.usageError(out, QStringLiteral("the confirmation does not match the "
                                                        "secret's name '%1'; nothing was deleted")
                                             .arg(ref.path));
    }
    if (!target->backend()) {
        co_return out.fail(ExitCode::Failure, QStringLiteral("the connection closed"));
    }
    auto deleting = admin.forceDelete(ref);
    const Status deleted = co_await std::move(deleting);
    auto auditing = AwsAdminTarget::audit(session, id, ref.path, QStringLiteral("aws-force-delete"),
                                          deleted, QStringLiteral("without recovery"));
    co_await std::move(auditing);
    if (!deleted) {
        co_return out.fail(deleted.error(), ref.path);
    }
    if (session.options().json) {
        out.writeJson(AwsAdminTarget::json(id, ref.path, QStringLiteral("force-delete")));
    } else {
        out.line(QStringLiteral("%1 deleted for good").arg(ref.path));
    }
    co_return 0;
}

} // namespace strongroom::cli
