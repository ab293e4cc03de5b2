#include "DeleteSecretCommand.h"

#include "AuditActions.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "DeletionService.h"
#include "NameConfirmation.h"
#include "SecretPath.h"
#include "SecretService.h"
#include "StoreVerbTarget.h"
#include "Workspace.h"

namespace strongroom::cli {

namespace {
const QString kRecoveryDays = QStringLiteral("recovery-days");
const QString kForce = QStringLiteral("force");

// When the secret goes for good, as the bin lists it; invalid when the store does not say.
QCoro::Task<QDateTime> purgeDate(CliSession& session, Connection* connection, QString path) {
    auto listing = session.workspace().deletions()->deletedSecrets(connection, path);
    auto listed = co_await std::move(listing);
    if (listed) {
        for (const DeletedSecret& deleted : listed.value()) {
            if (deleted.path == path) {
                co_return deleted.purgeAt;
            }
        }
    }
    co_return QDateTime();
}
} // namespace

QString DeleteSecretCommand::summary() const {
    return QStringLiteral("Delete a whole secret: into the store's bin, or for good (--force)");
}

QCoro::Task<int> DeleteSecretCommand::runAs(CliSession& session, QStringList arguments,
                                            VerbInvocation invocation) {
    CliOutput& out = session.output();
    CommandParser parser(
        invocation.command,
        QStringLiteral("<path> [--recovery-days N | --force] [--confirm <path>]"),
        QStringLiteral(
            "Deletes the secret with every version. A store with a bin keeps it restorable "
            "(`restore`) for its default window, or N days (checked against the store's range "
            "before anything is sent); --force deletes it at once. A store without a bin removes "
            "it at once. What cannot be undone asks for the secret's path again: --confirm "
            "<path>, or typed when asked at a terminal.\n"
            "--json: {\"connection\", \"path\", \"action\": \"delete-secret\", \"result\": "
            "\"ok\", \"recoverable\": bool, \"recoveryDays\": n|null, \"purgeAt\": ISO "
            "time|null}"));
    parser.addOption({kRecoveryDays,
                      QStringLiteral("Days it stays restorable (the store's range)."),
                      QStringLiteral("n")});
    parser.addOption({kForce, QStringLiteral("Delete now without recovery (irreversible).")});
    NameConfirmation::addOption(parser);
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
    DeleteOptions options;
    options.force = parser.isSet(kForce);
    if (options.force && parser.isSet(kRecoveryDays)) {
        co_return parser.usageError(out,
                                    QStringLiteral("give --recovery-days N or --force, not both"));
    }
    if (parser.isSet(kRecoveryDays)) {
        const auto days = CommandParser::toCount(parser.value(kRecoveryDays));
        if (!days || *days == 0) {
            co_return parser.usageError(out,
                                        QStringLiteral("--recovery-days needs a number of days"));
        }
        options.recoveryDays = *days;
    }
    auto opening = StoreVerbTarget::open(session, invocation, Capability::DeleteSecret);
    auto target = co_await std::move(opening);
    if (target.exit) {
        co_return *target.exit;
    }
    Connection* connection = target.connection;
    const DeletionRules rules = DeletionService::rulesOf(connection);
    const Capabilities store = connection->backend()->storeCapabilities();
    const bool bin = rules.hasBin && store.can(Capability::RecoverableDelete);
    if (options.recoveryDays != 0) {
        if (!bin) {
            co_return StoreVerbTarget::refuse(out, *connection, Capability::RecoverableDelete,
                                              rules.note);
        }
        if (!rules.windowChosenPerDelete) {
            co_return parser.usageError(
                out, QStringLiteral("%1 sets the recovery window itself%2; delete without "
                                    "--recovery-days")
                         .arg(StoreVerbTarget::storeName(*connection),
                              rules.note.isEmpty() ? QString()
                                                   : QStringLiteral(" (%1)").arg(rules.note)));
        }
        if (!rules.acceptsWindow(options.recoveryDays)) {
            co_return parser.usageError(out, QStringLiteral("--recovery-days needs %1 to %2 for %3")
                                                 .arg(rules.minRecoveryDays)
                                                 .arg(rules.maxRecoveryDays)
                                                 .arg(StoreVerbTarget::storeName(*connection)));
        }
    }
    if (options.force && bin) {
        if (auto exit = StoreVerbTarget::refuseUnless(out, *connection, Capability::PurgeSecret)) {
            co_return *exit;
        }
    }
    const bool forGood = options.force || !bin;
    if (forGood) {
        if (auto exit = NameConfirmation::requireSource(parser, out, ref.path)) {
            co_return *exit;
        }
        // An unknown secret is reported as such before anyone is asked to type its path.
        auto describing = session.secrets().metadata(connection, ref);
        auto described = co_await std::move(describing);
        if (!described) {
            co_return out.fail(described.error(), ref.path);
        }
        auto confirming = NameConfirmation::confirm(
            parser, out, ref.path,
            QStringLiteral("Deleting %1 removes every version for good.").arg(ref.path),
            QStringLiteral("nothing was deleted"));
        if (auto exit = co_await std::move(confirming)) {
            co_return *exit;
        }
        if (!target.connection) {
            co_return out.fail(ExitCode::Failure, QStringLiteral("the connection closed"));
        }
    }
    const QString id = connection->id();
    auto deleting = session.workspace().deletions()->deleteSecret(connection, ref, options);
    const Status deleted = co_await std::move(deleting);
    if (!deleted) {
        co_return out.fail(deleted.error(), ref.path);
    }
    const int days = options.recoveryDays != 0 ? options.recoveryDays : rules.defaultRecoveryDays;
    QDateTime purgeAt;
    if (!forGood && target.connection && store.can(Capability::ListDeleted)) {
        auto looking = purgeDate(session, target.connection, ref.path);
        purgeAt = co_await std::move(looking);
    }
    if (session.options().json) {
        out.writeJson(StoreVerbTarget::json(
            id, ref.path, actions::deleteSecret(),
            {{QStringLiteral("recoverable"), !forGood},
             {QStringLiteral("recoveryDays"),
              !forGood && days > 0 ? QJsonValue(days) : QJsonValue()},
             {QStringLiteral("purgeAt"), StoreVerbTarget::jsonTime(purgeAt)}}));
        co_return 0;
    }
    if (forGood) {
        out.line(QStringLiteral("%1 deleted for good").arg(ref.path));
        co_return 0;
    }
    QString when = QStringLiteral("at the end of the store's recovery window");
    if (purgeAt.isValid()) {
        when = QStringLiteral("on %1").arg(StoreVerbTarget::timeText(purgeAt));
    } else if (days > 0) {
        when = QStringLiteral("in %1 days").arg(days);
    }
    out.line(QStringLiteral("%1 scheduled for deletion %2 (restore until then with: "
                            "strongroom-cli restore --connection %3 %1)")
                 .arg(ref.path, when, id));
    co_return 0;
}

} // namespace strongroom::cli
