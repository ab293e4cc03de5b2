#include "SealStatusCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "SealStatusCheck.h"
#include "SealTarget.h"

#include <QJsonArray>
#include <QJsonObject>

namespace strongroom::cli {

namespace {

const QString kTokenStdin = QStringLiteral("token-stdin");

QString haText(const VaultLeader& leader) {
    if (!leader.haEnabled) {
        return QStringLiteral("disabled");
    }
    return leader.isSelf ? QStringLiteral("enabled, this node is active")
                         : QStringLiteral("enabled, this node is a standby");
}

QString roleName(const VaultClusterNode& node) {
    switch (node.role()) {
    case VaultClusterNode::Role::Active:
        return QStringLiteral("active");
    case VaultClusterNode::Role::Standby:
        return QStringLiteral("standby");
    case VaultClusterNode::Role::Single:
        return QStringLiteral("no-ha");
    case VaultClusterNode::Role::Unknown:
        break;
    }
    return QStringLiteral("-");
}

QString sourceNames(const VaultClusterNode& node) {
    QStringList from;
    if (node.connection) {
        from << QStringLiteral("address");
    }
    if (node.configured) {
        from << QStringLiteral("remembered");
    }
    if (node.listed) {
        from << QStringLiteral("ha-status");
    }
    return from.join(QLatin1Char(','));
}

QJsonObject leaderJson(const VaultLeader& leader) {
    return QJsonObject{{QStringLiteral("enabled"), leader.haEnabled},
                       {QStringLiteral("active"), leader.haEnabled && leader.isSelf},
                       {QStringLiteral("leader"), leader.leaderAddress}};
}

QJsonObject nodeJson(const VaultClusterNode& node) {
    QJsonObject out{{QStringLiteral("address"), node.address},
                    {QStringLiteral("role"), roleName(node)},
                    {QStringLiteral("from"), sourceNames(node)}};
    if (node.seal) {
        out.insert(QStringLiteral("initialized"), node.seal->initialized);
        out.insert(QStringLiteral("sealed"), node.seal->sealed);
        out.insert(QStringLiteral("progress"), node.seal->progress);
        out.insert(QStringLiteral("threshold"), node.seal->threshold);
        out.insert(QStringLiteral("version"), node.seal->version);
    } else {
        out.insert(QStringLiteral("error"), node.error);
    }
    return out;
}

} // namespace

QString SealStatusCommand::summary() const {
    return QStringLiteral("Show whether a Vault/OpenBao node is initialized and sealed");
}

QCoro::Task<int> SealStatusCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(
        name(), QStringLiteral("--address URL [--cluster [--node URL]... [--token-stdin]]"),
        QStringLiteral("Reads sys/seal-status and sys/leader (no token needed). "
                       "With --cluster, one line per node: the nodes "
                       "sys/ha-status lists (it needs a token: --connection or "
                       "--token-stdin) and the --node ones, each with its own "
                       "seal state."));
    SealTarget::addOptions(parser);
    SealTarget::addClusterOptions(parser);
    parser.addOption({kTokenStdin, QStringLiteral("Read a token for sys/ha-status from the first "
                                                  "line of stdin (with --cluster).")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    QString why;
    auto endpoint = SealTarget::endpoint(parser, &why);
    if (!endpoint) {
        co_return parser.usageError(out, why);
    }
    SealStatusCheck check(*endpoint);
    auto reading = check.read();
    auto seen = co_await std::move(reading);
    if (!seen.status) {
        co_return out.fail(seen.status.error(), QStringLiteral("seal-status"));
    }
    const auto& s = seen.status.value();
    const std::optional<VaultLeader> leader = seen.leader;
    const QString leaderError = seen.leaderUnknown;
    std::optional<VaultClusterReport> cluster;
    if (SealTarget::clusterWanted(parser)) {
        auto fetching = SealTarget::token(session, parser.isSet(kTokenStdin));
        auto token = co_await std::move(fetching);
        if (!token) {
            co_return out.fail(token.error(), QStringLiteral("seal-status"));
        }
        check.setToken(std::move(token.value()));
        auto surveying = check.surveyCluster(SealTarget::clusterNodes(session, parser));
        cluster = co_await std::move(surveying);
    }
    if (session.options().json) {
        QJsonObject ha = leader ? leaderJson(*leader) : QJsonObject{};
        if (!leader) {
            ha.insert(QStringLiteral("error"),
                      s.sealed ? QStringLiteral("unknown while sealed") : leaderError);
        }
        QJsonArray nodes;
        if (cluster) {
            for (const auto& entry : cluster->nodes) {
                nodes.append(nodeJson(entry));
            }
        }
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
                                  {QStringLiteral("migration"), s.migration},
                                  {QStringLiteral("ha"), ha},
                                  {QStringLiteral("nodes"), nodes}});
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
    if (leader) {
        out.line(QStringLiteral("ha:          %1").arg(haText(*leader)));
        if (leader->haEnabled) {
            out.line(QStringLiteral("leader:      %1").arg(leader->leaderAddress));
        }
    } else {
        out.line(QStringLiteral("ha:          unknown (%1)")
                     .arg(s.sealed ? QStringLiteral("sealed") : leaderError));
    }
    if (cluster) {
        if (!cluster->haError.isEmpty()) {
            out.note(cluster->haError);
        }
        for (const auto& entry : cluster->nodes) {
            const QString state = entry.seal ? SealTarget::describe(*entry.seal)
                                             : QStringLiteral("unreachable: %1").arg(entry.error);
            out.line(QStringLiteral("node %1  %2  %3  %4  [%5]")
                         .arg(entry.address, roleName(entry), state,
                              entry.seal ? entry.seal->version : QStringLiteral("-"),
                              sourceNames(entry)));
        }
    }
    co_return 0;
}

} // namespace strongroom::cli
