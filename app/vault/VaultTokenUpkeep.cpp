#include "VaultConnector.h"

#include "AuditActions.h"
#include "AuditLog.h"
#include "Connection.h"
#include "VaultConnectorInternals.h"

#include <QDateTime>
#include <QPointer>
#include <QTimer>

// The half of VaultConnector that keeps tokens alive: tracks each open connection's token,
// renews renewable tokens at two thirds of their time left, checks the others when they run out,
// and asks for a new login when the server refuses the token.

namespace strongroom {

using namespace vault_connector;

std::optional<VaultTokenInfo> VaultConnector::tokenInfo(const QString& connectionId) const {
    auto tracked = m_tracked.value(connectionId);
    if (!tracked) {
        return std::nullopt;
    }
    return tracked->info;
}

std::optional<seconds> VaultConnector::timeLeft(const QString& connectionId) const {
    const auto left = millisecondsLeft(connectionId);
    if (!left) {
        return std::nullopt;
    }
    return std::chrono::duration_cast<seconds>(*left);
}

QString VaultConnector::credentialStatus(const QString& connectionId) const {
    auto tracked = m_tracked.value(connectionId);
    if (!tracked || !tracked->backend) {
        return {};
    }
    if (tracked->backend->state() == ConnectionState::Expired) {
        return tr("Token: expired");
    }
    if (tracked->backend->state() == ConnectionState::Sealed) {
        return tr("Vault sealed");
    }
    if (!tracked->info) {
        return {};
    }
    if (!tracked->info->expires()) {
        return tr("Token: never expires");
    }
    const auto left = timeLeft(connectionId);
    return left ? tr("Token: %1").arg(timeLeftText(*left)) : QString();
}

std::optional<std::chrono::milliseconds>
VaultConnector::millisecondsLeft(const QString& connectionId) const {
    auto tracked = m_tracked.value(connectionId);
    if (!tracked || !tracked->info || !tracked->info->expires()) {
        return std::nullopt;
    }
    const auto now = QDateTime::currentDateTimeUtc();
    qint64 left = tracked->info->ttl.count() * 1000 - tracked->checkedAt.msecsTo(now);
    if (tracked->info->expireTime.isValid()) {
        left = now.msecsTo(tracked->info->expireTime);
    }
    return std::chrono::milliseconds(std::max<qint64>(0, left));
}

void VaultConnector::track(Connection* connection, const VaultConnectionSpec& spec,
                           const VaultTokenInfo& info) {
    const QString id = connection->id();
    auto tracked = std::make_shared<Tracked>();
    tracked->connection = connection;
    tracked->backend = qobject_cast<VaultBackend*>(connection->backend());
    tracked->spec = spec;
    tracked->timer.setSingleShot(true);
    connect(&tracked->timer, &QTimer::timeout, this, [this, id] {
        auto entry = m_tracked.value(id);
        if (!entry) {
            return;
        }
        // Fire and forget: the task finishes on its own and checks this object is alive.
        if (entry->renewing && entry->info && entry->info->renewable) {
            auto renewing = renew(id);
        } else {
            auto checking = checkExpiry(id);
        }
    });
    connect(connection, &Connection::stateChanged, this,
            [this, id](ConnectionState state) { onStateChanged(id, state); });
    m_tracked.insert(id, tracked);
    setTokenInfo(id, info);
}

void VaultConnector::untrack(const QString& connectionId) {
    m_tracked.remove(connectionId);
}

void VaultConnector::setTokenInfo(const QString& connectionId, const VaultTokenInfo& info) {
    auto tracked = m_tracked.value(connectionId);
    if (!tracked) {
        return;
    }
    tracked->info = info;
    tracked->checkedAt = QDateTime::currentDateTimeUtc();
    if (tracked->backend) {
        tracked->backend->setCredentialExpiry(
            info.expires() ? tracked->checkedAt.addSecs(info.ttl.count()) : QDateTime());
    }
    schedule(connectionId);
    Q_EMIT credentialsChanged(connectionId);
}

void VaultConnector::schedule(const QString& connectionId) {
    auto tracked = m_tracked.value(connectionId);
    if (!tracked) {
        return;
    }
    tracked->timer.stop();
    if (!tracked->info || !tracked->info->expires()) {
        return;
    }
    const auto left = millisecondsLeft(connectionId).value_or(std::chrono::milliseconds(0));
    // Renewable tokens are renewed well before the end; others are checked once they ran out,
    // so the operator is asked to log in before the next action fails.
    const auto delay =
        tracked->renewing && tracked->info->renewable ? renewalDelay(left) : left + seconds(1);
    tracked->timer.start(delay);
}

QCoro::Task<void> VaultConnector::renew(QString connectionId) {
    QPointer<VaultConnector> self(this);
    auto tracked = m_tracked.value(connectionId);
    if (!tracked || !tracked->backend) {
        co_return;
    }
    const auto before = timeLeft(connectionId).value_or(seconds(0));
    auto renewing = tracked->backend->session()->renewSelf();
    auto renewed = co_await std::move(renewing);
    if (!self || m_tracked.value(connectionId) != tracked) {
        co_return;
    }
    if (!renewed) {
        const auto& error = renewed.error();
        if (!tokenRefused(error)) {
            // Network trouble: try again a little later, while the token still lives.
            tracked->timer.start(std::chrono::duration_cast<std::chrono::milliseconds>(
                std::max(seconds(1), std::min(seconds(30), before / 2))));
        }
        auto auditing = audit(connectionId, actions::renew(), BackendError::kindName(error.kind()),
                              error.detail());
        co_await std::move(auditing);
        co_return;
    }
    // At the token's max TTL a renewal succeeds without extending it: stop renewing then.
    if (renewed->ttl <= before) {
        tracked->renewing = false;
    }
    setTokenInfo(connectionId, renewed.value());
    auto auditing = audit(connectionId, actions::renew(), Ok, describeToken(renewed.value()));
    co_await std::move(auditing);
}

QCoro::Task<void> VaultConnector::checkExpiry(QString connectionId) {
    QPointer<VaultConnector> self(this);
    auto tracked = m_tracked.value(connectionId);
    if (!tracked || !tracked->backend || tracked->backend->state() != ConnectionState::Connected) {
        co_return;
    }
    // connectToServer marks the backend Expired when the token is refused (loginNeeded follows).
    auto checking = tracked->backend->connectToServer();
    auto info = co_await std::move(checking);
    if (!self || m_tracked.value(connectionId) != tracked) {
        co_return;
    }
    if (info) {
        setTokenInfo(connectionId, info.value());
    }
}

void VaultConnector::onStateChanged(const QString& connectionId, ConnectionState state) {
    auto tracked = m_tracked.value(connectionId);
    if (!tracked) {
        return;
    }
    if (state == ConnectionState::Locked) {
        tracked->timer.stop();
        return;
    }
    if (state != ConnectionState::Expired) {
        return;
    }
    tracked->timer.stop();
    const QString reason =
        QStringLiteral("the token for %1 expired or was revoked; log in again")
            .arg(tracked->spec.displayName.isEmpty() ? connectionId : tracked->spec.displayName);
    auto auditing = audit(connectionId, actions::credentialsExpired(),
                          BackendError::kindName(Kind::Unauthenticated), reason);
    if (tracked->backend) {
        tracked->backend->reportCredentialsExpired(reason);
    }
    Q_EMIT loginNeeded(connectionId, reason);
}

} // namespace strongroom
