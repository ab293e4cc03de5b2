#include "SealStatusCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "SealTarget.h"
#include "VaultOperator.h"
#include "VaultSession.h"

#include <QJsonObject>

namespace strongroom::cli {

QString SealStatusCommand::summary() const {
    return QStringLiteral("Show whether a Vault/OpenBao node is initialized and sealed");
}

QCoro::Task<int> SealStatusCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("--address URL"),
                         QStringLiteral("Reads sys/seal-status (no token needed)."));
    SealTarget::addOptions(parser);
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    QString why;
    auto endpoint = SealTarget::endpoint(parser, &why);
    if (!endpoint) {
        co_return parser.usageError(out, why);
    }
    VaultSession vault(*endpoint);
    VaultOperator node(&vault);
    auto reading = node.sealStatus();
    auto status = co_await std::move(reading);
    if (!status) {
        co_return out.fail(status.error(), QStringLiteral("seal-status"));
    }
    const auto& s = status.value();
    if (session.options().json) {
        out.writeJson(QJsonObject{{QStringLiteral("initialized"), s.initialized},
                                  {QStringLiteral("sealed"), s.sealed},
                                  {QStringLiteral("threshold"), s.threshold},
                                  {QStringLiteral("shares"), s.shares},
                                  {QStringLiteral("progress"), s.progress},
                                  {QStringLiteral("nonce"), s.nonce},
                                  {QStringLiteral("type"), s.type},
                                  {QStringLiteral("version"), s.version},
                                  {QStringLiteral("storageType"), s.storageType},
                                  {QStringLiteral("clusterName"), s.clusterName},
                                  {QStringLiteral("migration"), s.migration}});
        co_return 0;
    }
    out.line(QStringLiteral("state:       %1").arg(SealTarget::describe(s)));
    out.line(QStringLiteral("initialized: %1").arg(s.initialized ? "yes" : "no"));
    out.line(QStringLiteral("sealed:      %1").arg(s.sealed ? "yes" : "no"));
    out.line(QStringLiteral("threshold:   %1 of %2").arg(s.threshold).arg(s.shares));
    out.line(QStringLiteral("progress:    %1").arg(s.progress));
    if (!s.nonce.isEmpty()) {
        out.line(QStringLiteral("nonce:       %1").arg(s.nonce));
    }
    out.line(QStringLiteral("seal type:   %1").arg(s.type));
    out.line(QStringLiteral("version:     %1").arg(s.version));
    out.line(QStringLiteral("storage:     %1").arg(s.storageType));
    if (!s.clusterName.isEmpty()) {
        out.line(QStringLiteral("cluster:     %1").arg(s.clusterName));
    }
    if (s.migration) {
        out.line(QStringLiteral("a seal migration is in progress"));
    }
    co_return 0;
}

} // namespace strongroom::cli
