#include "SearchCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "Connection.h"
#include "SecretPath.h"
#include "SecretSearch.h"

#include <QJsonArray>
#include <QTimer>

#include <QCoroSignal>

namespace strongroom::cli {

QString SearchCommand::summary() const {
    return QStringLiteral("Find secrets by name anywhere below a folder (all words must match)");
}

QCoro::Task<int> SearchCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("<word>... [--under folder] [--concurrency n]"),
                         QStringLiteral("Crawls every folder below --under (the whole store by "
                                        "default) and prints each secret whose full path "
                                        "contains all the words, in any case. Folders the "
                                        "credential may not list are skipped and counted."));
    parser.addOption({QStringLiteral("under"), QStringLiteral("Folder to search below."),
                      QStringLiteral("folder")});
    parser.addOption({QStringLiteral("concurrency"),
                      QStringLiteral("Folders listed at once (1-64, default 8)."),
                      QStringLiteral("n")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 64)) {
        co_return *exit;
    }
    int concurrency = 8;
    if (parser.isSet(QStringLiteral("concurrency"))) {
        bool ok = false;
        concurrency = parser.value(QStringLiteral("concurrency")).toInt(&ok);
        if (!ok || concurrency < 1 || concurrency > 64) {
            co_return out.fail(ExitCode::Usage,
                               QStringLiteral("--concurrency takes a number from 1 to 64"));
        }
    }
    const QString under = parser.isSet(QStringLiteral("under"))
                              ? SecretPath::folder(parser.value(QStringLiteral("under")))
                              : QString();
    auto opening = session.openConnection();
    auto connection = co_await std::move(opening);
    if (!connection) {
        co_return out.fail(connection.error());
    }
    SecretSearch search;
    search.setConcurrency(concurrency);
    QStringList hits;
    QObject::connect(&search, &SecretSearch::found, [&](const QString& path) {
        hits << path;
        if (!session.options().json) {
            out.line(path);
        }
    });
    std::optional<Status> outcome;
    QObject::connect(&search, &SecretSearch::finished,
                     [&](const Status& status) { outcome = status; });
    search.start(connection.value()->backend(), parser.positional().join(QLatin1Char(' ')),
                 {under});
    while (!outcome) {
        auto finishing = qCoro(&search, &SecretSearch::finished);
        co_await std::move(finishing);
    }
    if (!outcome->ok()) {
        co_return out.fail(outcome->error(), under.isEmpty() ? QStringLiteral("/") : under);
    }
    if (session.options().json) {
        QJsonArray array;
        for (const auto& hit : std::as_const(hits)) {
            array.append(hit);
        }
        out.writeJson(array);
    }
    if (search.foldersSkipped() > 0) {
        out.note(QStringLiteral("%1 folder(s) could not be listed with this credential and "
                                "were skipped")
                     .arg(search.foldersSkipped()));
    }
    co_return hits.isEmpty() ? static_cast<int>(ExitCode::NotFound) : 0;
}

} // namespace strongroom::cli
