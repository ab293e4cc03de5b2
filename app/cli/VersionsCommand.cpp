#include "VersionsCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "SecretPath.h"
#include "SecretService.h"

#include <QJsonArray>
#include <QJsonObject>

namespace strongroom::cli {

QString VersionsCommand::summary() const {
    return QStringLiteral("List a secret's versions (id, created, marks)");
}

QCoro::Task<int> VersionsCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("<path>"),
                         QStringLiteral("Lists every version of a secret, oldest first: id, "
                                        "creation time (UTC) and marks (current, deleted, "
                                        "destroyed, ...)."));
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 1)) {
        co_return *exit;
    }
    const SecretRef ref{SecretPath::secret(parser.positional().at(0))};
    if (ref.path.isEmpty()) {
        co_return parser.usageError(out, QStringLiteral("the secret path is empty"));
    }
    auto connection = co_await session.openConnection();
    if (!connection) {
        co_return out.fail(connection.error());
    }
    const auto versions = co_await session.secrets().versions(connection.value(), ref);
    if (!versions) {
        co_return out.fail(versions.error(), ref.path);
    }
    if (session.options().json) {
        QJsonArray array;
        for (const VersionInfo& version : versions.value()) {
            QJsonObject row{
                {QStringLiteral("id"), version.id},
                {QStringLiteral("created"), version.created.toUTC().toString(Qt::ISODateWithMs)},
                {QStringLiteral("marks"), QJsonArray::fromStringList(markNames(version.marks))},
                {QStringLiteral("labels"), QJsonArray::fromStringList(version.labels)}};
            if (version.deletedAt.isValid()) {
                row.insert(QStringLiteral("deleted"),
                           version.deletedAt.toUTC().toString(Qt::ISODateWithMs));
            }
            array.append(row);
        }
        out.writeJson(array);
        co_return 0;
    }
    for (const VersionInfo& version : versions.value()) {
        const QStringList marks = markNames(version.marks) + version.labels;
        out.line(QStringLiteral("%1\t%2\t%3")
                     .arg(version.id, version.created.toUTC().toString(Qt::ISODate),
                          marks.isEmpty() ? QStringLiteral("-") : marks.join(QLatin1Char(','))));
    }
    co_return 0;
}

} // namespace strongroom::cli
