#include "SealStatusCheck.h"

#include "VaultOperator.h"
#include "VaultSession.h"

#include <QPointer>

namespace strongroom {

SealStatusCheck::SealStatusCheck(VaultEndpoint node, QObject* parent)
    : QObject(parent)
    , m_session(new VaultSession(std::move(node), this))
    , m_operator(new VaultOperator(m_session, this)) {}

SealStatusCheck::~SealStatusCheck() = default;

QString SealStatusCheck::address() const {
    return VaultClusterStatus::normalized(m_session->endpoint().address.toString());
}

void SealStatusCheck::setToken(SecretBytes token) {
    m_session->setToken(std::move(token));
}

QCoro::Task<Result<VaultSealStatus>> SealStatusCheck::sealStatus() {
    auto asking = m_operator->sealStatus();
    co_return co_await std::move(asking);
}

QCoro::Task<SealStatusReport> SealStatusCheck::read() {
    QPointer<SealStatusCheck> self(this);
    SealStatusReport report;
    auto asking = m_operator->sealStatus();
    report.status = co_await std::move(asking);
    if (!report.status) {
        report.leaderUnknown = QStringLiteral("unknown");
        co_return report;
    }
    if (report.status->sealed || !report.status->initialized) {
        report.leaderUnknown = QStringLiteral("unknown while sealed");
        co_return report;
    }
    if (!self) {
        co_return report;
    }
    auto leading = m_operator->leader();
    auto leader = co_await std::move(leading);
    if (leader) {
        report.leader = std::move(leader.value());
    } else {
        report.leaderUnknown = leader.error().message();
    }
    co_return report;
}

QCoro::Task<VaultClusterReport> SealStatusCheck::surveyCluster(QStringList otherNodes) {
    VaultClusterStatus cluster(m_session, otherNodes);
    auto surveying = cluster.refresh();
    co_return co_await std::move(surveying);
}

} // namespace strongroom
