#include "DeletedCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "DeletionService.h"
#include "StoreVerbTarget.h"
#include "Workspace.h"

#include <QJsonArray>

namespace strongroom::cli {

namespace {
const QString kPrefix = QStringLiteral("prefix");
}

QString DeletedCommand::summary() const {
    return QStringLiteral("List the store's bin: deleted secrets that can still be restored");
}

QCoro::Task<int> DeletedCommand::runAs(CliSession& session, QStringList arguments,
                                       VerbInvocation invocation) {
    CliOutput& out = session.output();
    CommandParser parser(
        invocation.command, QStringLiteral("[--prefix P]"),
        QStringLiteral("Every secret in the store's bin, with the date it was deleted and the "
                       "date it goes for good; `restore` brings one back until then, `purge` "
                       "removes it now.\n"
                       "--json: [{\"path\", \"name\" (the same, under the name older scripts "
                       "read), \"deletedAt\": ISO time|null, \"purgeAt\": ISO "
                       "time|null}]"));
    parser.addOption({kPrefix, QStringLiteral("Only paths starting with P."), QStringLiteral("P")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 0, 0)) {
        co_return *exit;
    }
    auto opening = StoreVerbTarget::open(session, invocation, Capability::ListDeleted);
    auto target = co_await std::move(opening);
    if (target.exit) {
        co_return *target.exit;
    }
    auto listing =
        session.workspace().deletions()->deletedSecrets(target.connection, parser.value(kPrefix));
    auto listed = co_await std::move(listing);
    if (!listed) {
        co_return out.fail(listed.error());
    }
    if (session.options().json) {
        QJsonArray rows;
        for (const DeletedSecret& entry : listed.value()) {
            rows.append(QJsonObject{
                {QStringLiteral("path"), entry.path},
                {QStringLiteral("name"), entry.path},
                {QStringLiteral("deletedAt"), StoreVerbTarget::jsonTime(entry.deletedAt)},
                {QStringLiteral("purgeAt"), StoreVerbTarget::jsonTime(entry.purgeAt)}});
        }
        out.writeJson(rows);
        co_return 0;
    }
    for (const DeletedSecret& entry : listed.value()) {
        out.line(QStringLiteral("%1  deleted %2  goes %3")
                     .arg(entry.path, StoreVerbTarget::timeText(entry.deletedAt),
                          StoreVerbTarget::timeText(entry.purgeAt)));
    }
    co_return 0;
}

} // namespace strongroom::cli
