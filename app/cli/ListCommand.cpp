#include "ListCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "SecretPath.h"
#include "SecretService.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>

namespace strongroom::cli {

QString ListCommand::summary() const {
    return QStringLiteral("List the folders and secrets in a folder (-r: everything below it)");
}

QCoro::Task<Status> ListCommand::collect(SecretService& secrets, Connection* connection,
                                         QString folder, bool recursive, QList<Entry>& entries) {
    QPointer<Connection> alive(connection);
    PageRequest page;
    while (true) {
        auto listed = co_await secrets.list(connection, folder, page);
        if (!alive) {
            co_return BackendError(BackendError::Kind::Cancelled,
                                   QStringLiteral("the connection closed"));
        }
        if (!listed) {
            co_return listed.error();
        }
        for (const Entry& entry : listed->entries) {
            entries.append(entry);
            if (recursive && entry.isFolder()) {
                const Status below =
                    co_await collect(secrets, connection, entry.path, true, entries);
                if (!below) {
                    co_return below;
                }
            }
        }
        if (listed->isLast()) {
            co_return Done{};
        }
        page.cursor = listed->nextCursor;
    }
}

QCoro::Task<int> ListCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("[folder] [-r]"),
                         QStringLiteral("Lists one folder of the store (the root by default): "
                                        "sub-folders end with '/'. With -r, everything below "
                                        "it, one full path per line."));
    parser.addOption({{QStringLiteral("r"), QStringLiteral("recursive")},
                      QStringLiteral("Descend into sub-folders.")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 0, 1)) {
        co_return *exit;
    }
    const QString folder =
        parser.positional().isEmpty() ? QString() : SecretPath::folder(parser.positional().first());
    const bool recursive = parser.isSet(QStringLiteral("recursive"));
    auto connection = co_await session.openConnection();
    if (!connection) {
        co_return out.fail(connection.error());
    }
    QList<Entry> entries;
    const Status listed =
        co_await collect(session.secrets(), connection.value(), folder, recursive, entries);
    if (!listed) {
        co_return out.fail(listed.error(), folder.isEmpty() ? QStringLiteral("/") : folder);
    }
    if (entries.isEmpty() && !folder.isEmpty()) {
        co_return out.fail(ExitCode::NotFound, QStringLiteral("no folder %1").arg(folder));
    }
    if (session.options().json) {
        QJsonArray array;
        for (const Entry& entry : entries) {
            array.append(
                QJsonObject{{QStringLiteral("path"), entry.path},
                            {QStringLiteral("name"), entry.name},
                            {QStringLiteral("kind"), entry.isFolder() ? QStringLiteral("folder")
                                                                      : QStringLiteral("secret")}});
        }
        out.writeJson(array);
    } else {
        for (const Entry& entry : entries) {
            // Without -r the folder is implied, as with ls(1); with -r full paths are needed.
            out.line(recursive ? entry.path
                               : entry.name + (entry.isFolder() ? QStringLiteral("/") : QString()));
        }
    }
    co_return 0;
}

} // namespace strongroom::cli
