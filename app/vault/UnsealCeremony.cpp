#include "UnsealCeremony.h"

#include "VaultClusterStatus.h"
#include "VaultOperator.h"
#include "VaultSession.h"

#include <QUrl>

#include <algorithm>

namespace strongroom {

namespace {

BackendError gone() {
    return BackendError(BackendError::Kind::Cancelled, QStringLiteral("the ceremony was closed"));
}

QString progressText(const VaultSealStatus& status) {
    return QStringLiteral("progress %1 of %2%3")
        .arg(status.sealed ? status.progress : status.threshold)
        .arg(status.threshold)
        .arg(status.sealed ? QString() : QStringLiteral(", unsealed"));
}

} // namespace

UnsealCeremony::UnsealCeremony(VaultEndpoint node, QString name, AuditLog* log, QString connection,
                               QObject* parent)
    : QObject(parent)
    , m_audit(log)
    , m_connection(std::move(connection))
    , m_endpoint(std::move(node)) {
    auto* session = new VaultSession(m_endpoint, this);
    m_operators.emplace_back(new VaultOperator(session, session));
    m_nodes.append({std::move(name),
                    VaultClusterStatus::normalized(m_endpoint.address.toString()),
                    std::nullopt,
                    {}});
}

UnsealCeremony::~UnsealCeremony() = default;

QString UnsealCeremony::addNode(const QString& address) {
    const QString normalized = VaultClusterStatus::normalized(address);
    if (normalized.isEmpty()) {
        return QStringLiteral("'%1' is not a node address (https://host:8200)").arg(address);
    }
    const bool known = std::any_of(m_nodes.begin(), m_nodes.end(), [&](const UnsealNode& node) {
        return node.address == normalized;
    });
    if (known) {
        return {};
    }
    VaultEndpoint endpoint = m_endpoint;
    endpoint.address = QUrl(normalized);
    auto* session = new VaultSession(endpoint, this);
    m_operators.emplace_back(new VaultOperator(session, session));
    m_nodes.append({endpoint.address.authority(), normalized, std::nullopt, {}});
    Q_EMIT changed();
    return {};
}

bool UnsealCeremony::isUnsealed() const {
    return std::all_of(m_nodes.begin(), m_nodes.end(),
                       [](const UnsealNode& node) { return node.unsealed(); });
}

bool UnsealCeremony::takesShares(int index) const {
    const UnsealNode& node = m_nodes[index];
    return m_operators[std::size_t(index)] && !node.unsealed() && !node.uninitialized();
}

QCoro::Task<> UnsealCeremony::record(QString action, QString result, QString detail) {
    auto recording = m_audit.record(m_connection, {}, std::move(action), {}, std::move(result),
                                    std::move(detail));
    co_await std::move(recording);
}

void UnsealCeremony::observe(int index, VaultSealStatus status) {
    UnsealNode& node = m_nodes[index];
    if (node.status && node.status->sealed && status.sealed) {
        const QString before = node.status->nonce;
        if (!before.isEmpty() && !status.nonce.isEmpty() && status.nonce != before) {
            Q_EMIT attemptChanged(index, before, status.nonce);
        } else if (node.status->progress > 0 && status.progress == 0) {
            Q_EMIT attemptChanged(index, before, QString());
        }
    }
    node.status = std::move(status);
    node.error.clear();
}

void UnsealCeremony::settle() {
    Q_EMIT changed();
    const bool unsealedNow = isUnsealed();
    if (unsealedNow && !m_announced) {
        m_announced = true;
        Q_EMIT unsealed();
    } else if (!unsealedNow) {
        m_announced = false; // sealed again since: the next unseal is news again
    }
}

QCoro::Task<Status> UnsealCeremony::refresh() {
    QPointer<UnsealCeremony> self(this);
    if (m_busy) {
        co_return Done{}; // the step on its way reports the nodes' state itself
    }
    std::optional<BackendError> firstError;
    const quint64 steps = m_steps;
    for (int i = 0; i < nodeCount(); ++i) {
        QPointer<VaultOperator> node = m_operators[std::size_t(i)];
        if (!node) {
            continue;
        }
        auto asking = node->sealStatus();
        auto status = co_await std::move(asking);
        if (!self) {
            co_return gone();
        }
        if (m_busy || m_steps != steps) {
            co_return Done{}; // a share or reset went out meanwhile: its answers are newer
        }
        if (status) {
            observe(i, std::move(status.value()));
        } else {
            m_nodes[i].error = status.error().message();
            if (i == 0) {
                firstError = status.error();
            }
        }
    }
    settle();
    if (firstError) {
        co_return *firstError;
    }
    co_return Done{};
}

QCoro::Task<QList<UnsealRefusal>> UnsealCeremony::submitShare(SecretBytes share, bool migrate) {
    QPointer<UnsealCeremony> self(this);
    QList<UnsealRefusal> refusals;
    if (m_busy || share.isEmpty()) {
        refusals.append({m_nodes.first().name,
                         BackendError(BackendError::Kind::InvalidInput,
                                      m_busy ? QStringLiteral("a share is on its way already")
                                             : QStringLiteral("the unseal share is empty"))});
        co_return refusals;
    }
    m_busy = true;
    ++m_steps;
    for (int i = 0; i < nodeCount(); ++i) {
        if (!takesShares(i)) {
            continue;
        }
        QPointer<VaultOperator> node = m_operators[std::size_t(i)];
        auto unsealing = node->unseal(share, migrate);
        auto step = co_await std::move(unsealing);
        if (!self) {
            co_return refusals;
        }
        const QString address = m_nodes[i].address;
        auto recording = record(
            actions::unseal(), OperationAudit::outcome(step),
            step ? QStringLiteral("%1: %2").arg(address, progressText(step->status))
                 : QStringLiteral("%1: %2").arg(address, OperationAudit::failureDetail(step)));
        if (!step) {
            // The server's own words for a wrong or malformed share; the attempt stays.
            m_nodes[i].error = step.error().message();
            refusals.append({m_nodes[i].name, step.error()});
        } else if (step->attemptRestarted) {
            Q_EMIT attemptChanged(i, step->previousNonce, step->status.nonce);
            m_nodes[i].status = std::move(step->status);
            m_nodes[i].error.clear();
        } else {
            observe(i, std::move(step->status));
        }
        co_await std::move(recording);
        if (!self) {
            co_return refusals;
        }
        if (step) {
            Q_EMIT shareApplied(i);
        }
    }
    share.clear();
    m_busy = false;
    settle();
    co_return refusals;
}

QCoro::Task<Status> UnsealCeremony::reset() {
    QPointer<UnsealCeremony> self(this);
    if (m_busy) {
        co_return BackendError(BackendError::Kind::Conflict,
                               QStringLiteral("a share is on its way; reset after it"));
    }
    m_busy = true;
    ++m_steps;
    std::optional<BackendError> firstError;
    for (int i = 0; i < nodeCount(); ++i) {
        if (!takesShares(i)) {
            continue;
        }
        QPointer<VaultOperator> node = m_operators[std::size_t(i)];
        auto resetting = node->resetUnseal();
        auto status = co_await std::move(resetting);
        if (!self) {
            co_return gone();
        }
        auto recording = record(actions::unsealReset(), OperationAudit::outcome(status),
                                OperationAudit::withFailure(m_nodes[i].address, status));
        if (status) {
            if (m_nodes[i].status) {
                // Our own reset: not someone else's change.
                m_nodes[i].status->progress = 0;
                m_nodes[i].status->nonce.clear();
            }
            observe(i, std::move(status.value()));
        } else {
            m_nodes[i].error = status.error().message();
            firstError = firstError ? firstError : status.error();
        }
        co_await std::move(recording);
        if (!self) {
            co_return gone();
        }
    }
    m_busy = false;
    settle();
    if (firstError) {
        co_return *firstError;
    }
    co_return Done{};
}

QCoro::Task<Status> UnsealCeremony::takeShares(ShareSource source, bool migrate) {
    QPointer<UnsealCeremony> self(this);
    for (;;) {
        const bool anyTakes = [&] {
            for (int i = 0; i < nodeCount(); ++i) {
                if (takesShares(i)) {
                    return true;
                }
            }
            return false;
        }();
        if (isUnsealed() || !anyTakes) {
            co_return Done{};
        }
        const auto& first = m_nodes.first().status;
        auto asking = source(first && first->sealed ? first->progress + 1 : 1);
        auto share = co_await std::move(asking);
        if (!self) {
            co_return gone();
        }
        if (!share) {
            if (share.error().kind() == BackendError::Kind::NotFound) {
                co_return Done{}; // no more shares: the caller tells how far it got
            }
            co_return share.error();
        }
        auto submitting = submitShare(std::move(share.value()), migrate);
        auto refusals = co_await std::move(submitting);
        if (!self) {
            co_return gone();
        }
        if (!refusals.isEmpty()) {
            co_return refusals.first().error;
        }
    }
}

} // namespace strongroom
