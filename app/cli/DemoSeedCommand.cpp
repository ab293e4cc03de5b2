#include "DemoSeedCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "DemoSeeder.h"
#include "Workspace.h"

#include <QJsonObject>

namespace strongroom::cli {

QString DemoSeedCommand::summary() const {
    return QStringLiteral("Fill an empty store with fake example secrets that have history");
}

QCoro::Task<int> DemoSeedCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QString(),
                         QStringLiteral("Writes a few obviously fake secrets with several "
                                        "versions (payments/stripe, db/postgres/primary, "
                                        "ci/deploy-token), audited as 'seed'. Does nothing if "
                                        "the store already holds anything."));
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 0, 0)) {
        co_return *exit;
    }
    auto connection = co_await session.openConnection();
    if (!connection) {
        co_return out.fail(connection.error());
    }
    const auto seeded = co_await session.workspace().demoSeeder()->seedIfEmpty(connection.value());
    if (!seeded) {
        co_return out.fail(seeded.error(), QStringLiteral("demo seed"));
    }
    if (session.options().json) {
        out.writeJson(QJsonObject{{QStringLiteral("seeded"), seeded.value()}});
    } else if (seeded.value()) {
        out.line(QStringLiteral("Seeded example secrets (try: strongroom-cli ls -r)"));
    } else {
        out.note(QStringLiteral("The store is not empty: nothing was seeded"));
    }
    co_return 0;
}

} // namespace strongroom::cli
