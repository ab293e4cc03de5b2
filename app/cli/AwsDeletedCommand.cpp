#include "AwsDeletedCommand.h"

#include "AwsAdminTarget.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "SecretsManagerAdmin.h"

#include <QJsonArray>

namespace strongroom::cli {

namespace {
const QString kPrefix = QStringLiteral("prefix");

QString when(const QDateTime& time) {
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QStringLiteral("-");
}
} // namespace

QString AwsDeletedCommand::summary() const {
    return QStringLiteral("List AWS secrets scheduled for deletion (restorable)");
}

QCoro::Task<int> AwsDeletedCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("--connection <id> [--prefix P]"),
                         QStringLiteral("Every secret waiting for its deletion date, with the "
                                        "date it was deleted and the date it goes for good; "
                                        "`aws restore` brings one back until then."));
    parser.addOption({kPrefix, QStringLiteral("Only names starting with P."), QStringLiteral("P")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 0, 0)) {
        co_return *exit;
    }
    auto opening = AwsAdminTarget::open(session);
    auto target = co_await std::move(opening);
    if (!target) {
        co_return out.fail(target.error());
    }
    SecretsManagerAdmin admin(target->backend());
    auto listing = admin.scheduledDeletions(parser.value(kPrefix));
    auto listed = co_await std::move(listing);
    const Status status = listed ? Status(Done{}) : Status(listed.error());
    auto auditing = AwsAdminTarget::audit(session, target->connectionId(), parser.value(kPrefix),
                                          QStringLiteral("aws-list-deleted"), status, {});
    co_await std::move(auditing);
    if (!listed) {
        co_return out.fail(listed.error());
    }
    if (session.options().json) {
        QJsonArray rows;
        for (const AwsScheduledDeletion& entry : listed.value()) {
            rows.append(
                QJsonObject{{QStringLiteral("name"), entry.name},
                            {QStringLiteral("deletedDate"), when(entry.deletedDate)},
                            {QStringLiteral("deletionDate"),
                             entry.deletionDate.isValid() ? QJsonValue(when(entry.deletionDate))
                                                          : QJsonValue()}});
        }
        out.writeJson(rows);
        co_return 0;
    }
    for (const AwsScheduledDeletion& entry : listed.value()) {
        out.line(QStringLiteral("%1  deleted %2  goes %3")
                     .arg(entry.name, when(entry.deletedDate), when(entry.deletionDate)));
    }
    co_return 0;
}

} // namespace strongroom::cli
