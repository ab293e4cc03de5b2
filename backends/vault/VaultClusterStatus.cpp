#include "VaultClusterStatus.h"

#include "VaultOperator.h"
#include "VaultSession.h"

#include <QUrl>

#include <algorithm>

namespace strongroom {

namespace {

using Kind = BackendError::Kind;

BackendError gone() {
    return BackendError(Kind::Cancelled, QStringLiteral("the connection was closed"));
}

} // namespace

VaultClusterNode::Role VaultClusterNode::role() const {
    if (!leader) {
        return ha ? (ha->activeNode ? Role::Active : Role::Standby) : Role::Unknown;
    }
    if (!leader->haEnabled) {
        return Role::Single;
    }
    return leader->isSelf ? Role::Active : Role::Standby;
}

const VaultClusterNode* VaultClusterReport::node(const QString& address) const {
    const QString wanted = VaultClusterStatus::normalized(address);
    for (const auto& entry : nodes) {
        if (entry.address == wanted) {
            return &entry;
        }
    }
    return nullptr;
}

VaultClusterStatus::VaultClusterStatus(VaultSession* connection, const QStringList& configured,
                                       QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_connectionAddress(connection ? normalized(connection->endpoint().address.toString())
                                     : QString()) {
    remember(m_connectionAddress);
    for (const QString& address : configured) {
        const QString node = normalized(address);
        if (!node.isEmpty()) {
            m_configured << node;
            remember(node);
        }
    }
}

VaultClusterStatus::~VaultClusterStatus() = default;

QString VaultClusterStatus::normalized(const QString& address) {
    const QUrl url(address.trimmed());
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("https") && scheme != QLatin1String("http"))) {
        return {};
    }
    QString out = scheme + QLatin1String("://") + url.host().toLower();
    if (url.port() != -1) {
        out += QLatin1Char(':') + QString::number(url.port());
    }
    return out;
}

void VaultClusterStatus::remember(const QString& address) {
    if (!address.isEmpty() && !m_order.contains(address)) {
        m_order << address;
    }
}

VaultSession* VaultClusterStatus::sessionFor(const QString& address) {
    if (!m_connection) {
        return nullptr;
    }
    if (address == m_connectionAddress) {
        return m_connection;
    }
    auto found = m_sessions.find(address);
    if (found == m_sessions.end()) {
        // Same namespace and TLS settings as the connection, another address.
        VaultEndpoint endpoint = m_connection->endpoint();
        endpoint.address = QUrl(address);
        found = m_sessions.insert(address, new VaultSession(endpoint, this));
    }
    return *found;
}

QCoro::Task<VaultClusterReport> VaultClusterStatus::refresh() {
    QPointer<VaultClusterStatus> self(this);
    VaultClusterReport seen;
    if (!m_connection) {
        seen.leaderError = gone().message();
        co_return seen;
    }
    {
        VaultOperator own(m_connection);
        auto asking = own.leader();
        auto leader = co_await std::move(asking);
        if (!self) {
            co_return seen;
        }
        if (leader) {
            seen.leader = leader.value();
        } else {
            seen.leaderError = leader.error().message();
        }
    }
    std::optional<VaultHaStatus> listed;
    if (!m_connection) {
        co_return seen;
    }
    if (!m_connection->hasToken()) {
        seen.haError = tr("sys/ha-status needs a token: only the remembered nodes are shown");
    } else if (m_haRefused) {
        seen.haError = tr("the token may not read sys/ha-status: only the remembered nodes are "
                          "shown");
    } else {
        VaultOperator own(m_connection);
        auto asking = own.haStatus();
        auto ha = co_await std::move(asking);
        if (!self) {
            co_return seen;
        }
        if (ha) {
            listed = ha.value();
            seen.haListed = true;
        } else {
            const auto kind = ha.error().kind();
            m_haRefused = kind == Kind::PermissionDenied || kind == Kind::Unauthenticated;
            seen.haError = m_haRefused ? tr("the token may not read sys/ha-status: only the "
                                            "remembered nodes are shown")
                                       : ha.error().message();
        }
    }
    if (listed) {
        for (const auto& node : listed->nodes) {
            remember(normalized(node.apiAddress));
        }
    }
    const QStringList order = m_order;
    for (const QString& address : order) {
        VaultClusterNode node;
        node.address = address;
        node.connection = address == m_connectionAddress;
        node.configured = m_configured.contains(address);
        if (listed) {
            for (const auto& entry : listed->nodes) {
                if (normalized(entry.apiAddress) == address) {
                    node.listed = true;
                    node.ha = entry;
                }
            }
        }
        QPointer<VaultSession> session = sessionFor(address);
        if (!session) {
            node.error = gone().message();
            seen.nodes.append(std::move(node));
            continue;
        }
        VaultOperator nodeOperator(session);
        auto reading = nodeOperator.sealStatus();
        auto seal = co_await std::move(reading);
        if (!self || !session) {
            co_return seen;
        }
        if (!seal) {
            node.error = seal.error().message();
            seen.nodes.append(std::move(node));
            continue;
        }
        node.seal = seal.value();
        if (node.seal->initialized && !node.seal->sealed) {
            auto asking = nodeOperator.leader();
            auto leader = co_await std::move(asking);
            if (!self || !session) {
                co_return seen;
            }
            if (leader) {
                node.leader = leader.value();
            }
        }
        seen.nodes.append(std::move(node));
    }
    m_report = seen;
    co_return seen;
}

QCoro::Task<VaultNodeSealOutcome> VaultClusterStatus::sealNode(QString address) {
    QPointer<VaultClusterStatus> self(this);
    VaultNodeSealOutcome outcome;
    outcome.address = normalized(address);
    QPointer<VaultSession> session = sessionFor(outcome.address);
    if (!session || !m_connection) {
        outcome.error = gone();
        co_return outcome;
    }
    if (!m_connection->hasToken()) {
        outcome.error =
            BackendError(Kind::Unauthenticated, tr("sealing needs a token: log in first"));
        co_return outcome;
    }
    const bool borrowed = session != m_connection;
    if (borrowed) {
        session->setToken(m_connection->token());
    }
    VaultOperator nodeOperator(session);
    auto sealing = nodeOperator.seal();
    auto sealed = co_await std::move(sealing);
    if (session && borrowed) {
        session->clearToken();
    }
    if (!self) {
        outcome.error = gone();
        co_return outcome;
    }
    outcome.sealed = sealed.ok();
    if (!sealed) {
        outcome.error = sealed.error();
    }
    co_return outcome;
}

QCoro::Task<QList<VaultNodeSealOutcome>> VaultClusterStatus::sealCluster() {
    QPointer<VaultClusterStatus> self(this);
    QList<VaultNodeSealOutcome> outcomes;
    QList<VaultClusterNode> nodes = m_report.nodes;
    std::stable_sort(nodes.begin(), nodes.end(),
                     [](const VaultClusterNode& a, const VaultClusterNode& b) {
                         return a.role() != VaultClusterNode::Role::Active &&
                                b.role() == VaultClusterNode::Role::Active;
                     });
    for (const auto& node : nodes) {
        if (node.sealed()) {
            VaultNodeSealOutcome skipped;
            skipped.address = node.address;
            skipped.sealed = true;
            skipped.skipped = true;
            outcomes.append(skipped);
            continue;
        }
        auto sealing = sealNode(node.address);
        auto outcome = co_await std::move(sealing);
        if (!self) {
            co_return outcomes;
        }
        outcomes.append(outcome);
    }
    co_return outcomes;
}

} // namespace strongroom
