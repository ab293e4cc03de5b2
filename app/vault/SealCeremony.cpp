#include "SealCeremony.h"

#include "VaultSession.h"

namespace strongroom {

SealCeremony::SealCeremony(VaultSession* connection, QStringList rememberedNodes, AuditLog* log,
                           QString auditConnection, QObject* parent)
    : QObject(parent)
    , m_audit(log)
    , m_auditConnection(std::move(auditConnection))
    , m_cluster(new VaultClusterStatus(connection, rememberedNodes, this)) {}

SealCeremony::~SealCeremony() = default;

QString SealCeremony::address() const {
    const QStringList known = m_cluster->addresses();
    return known.isEmpty() ? QString() : known.first();
}

QCoro::Task<> SealCeremony::record(const VaultNodeSealOutcome& outcome, QString how) {
    const QString detail = QStringLiteral("%1 %2").arg(how, outcome.address);
    auto recording = m_audit.record(
        m_auditConnection, {}, actions::seal(), {},
        outcome.error ? BackendError::kindName(outcome.error->kind()) : QStringLiteral("ok"),
        outcome.error && !outcome.error->detail().isEmpty()
            ? QStringLiteral("%1; %2").arg(detail, OperationAudit::failureDetail(*outcome.error))
            : detail);
    co_await std::move(recording);
}

QCoro::Task<Status> SealCeremony::seal() {
    auto sealing = sealNode(address());
    const auto outcome = co_await std::move(sealing);
    if (outcome.error) {
        co_return *outcome.error;
    }
    co_return Done{};
}

QCoro::Task<VaultNodeSealOutcome> SealCeremony::sealNode(QString address) {
    QPointer<SealCeremony> self(this);
    auto sealing = m_cluster->sealNode(std::move(address));
    auto outcome = co_await std::move(sealing);
    if (!self) {
        co_return outcome;
    }
    auto recording = record(outcome, QStringLiteral("node"));
    co_await std::move(recording);
    if (self && outcome.sealed) {
        Q_EMIT nodesSealed();
    }
    co_return outcome;
}

QCoro::Task<QList<VaultNodeSealOutcome>> SealCeremony::sealCluster() {
    QPointer<SealCeremony> self(this);
    auto sealing = m_cluster->sealCluster();
    auto outcomes = co_await std::move(sealing);
    if (!self) {
        co_return outcomes;
    }
    bool any = false;
    for (const auto& outcome : outcomes) {
        if (outcome.skipped) {
            continue;
        }
        any = any || outcome.sealed;
        auto recording = record(outcome, QStringLiteral("cluster node"));
        co_await std::move(recording);
        if (!self) {
            co_return outcomes;
        }
    }
    if (any) {
        Q_EMIT nodesSealed();
    }
    co_return outcomes;
}

QCoro::Task<VaultClusterReport> SealCeremony::refresh() {
    auto reading = m_cluster->refresh();
    co_return co_await std::move(reading);
}

} // namespace strongroom
