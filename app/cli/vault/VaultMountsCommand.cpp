#include "VaultMountsCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "VaultBackend.h"
#include "VaultCliSession.h"
#include "VaultConnector.h"

#include <QJsonArray>
#include <QJsonObject>

namespace strongroom::cli {

QString VaultMountsCommand::summary() const {
    return QStringLiteral("List the KV mounts a Vault connection's token can see");
}

QCoro::Task<int> VaultMountsCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("<id>"),
                         QStringLiteral("Lists the KV secrets engines of <id> "
                                        "(sys/internal/ui/mounts): path, KV version, "
                                        "description."));
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 1)) {
        co_return *exit;
    }
    const QString id = parser.positional().first();
    auto reconnecting = VaultCliSession::open(session, id);
    auto opened = co_await std::move(reconnecting);
    if (!opened) {
        co_return out.fail(opened.error(), QStringLiteral("vault mounts %1").arg(id));
    }
    auto* backend = VaultCliSession::connector(session).backend(id);
    if (!backend) {
        co_return out.fail(ExitCode::Failure, QStringLiteral("connection '%1' closed").arg(id));
    }
    auto listing = backend->mounts();
    auto mounts = co_await std::move(listing);
    if (!mounts) {
        co_return out.fail(mounts.error(), QStringLiteral("vault mounts %1").arg(id));
    }
    if (session.options().json) {
        QJsonArray array;
        for (const auto& mount : mounts.value()) {
            array.append(QJsonObject{{QStringLiteral("path"), mount.path},
                                     {QStringLiteral("type"), mount.type},
                                     {QStringLiteral("kv_version"), mount.kvVersion},
                                     {QStringLiteral("description"), mount.description}});
        }
        out.writeJson(array);
    } else {
        for (const auto& mount : mounts.value()) {
            out.line(QStringLiteral("%1\tkv v%2\t%3")
                         .arg(mount.path)
                         .arg(mount.kvVersion)
                         .arg(mount.description));
        }
    }
    co_return 0;
}

} // namespace strongroom::cli
