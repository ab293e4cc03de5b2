// AwsConnector: log out, the session facts, expiry and the idle lock (connect and renew are in
// AwsConnector.cpp).
#include "AwsConnector.h"

#include "AppSettings.h"
#include "AuditActions.h"
#include "AwsConnectorTracked.h"
#include "AwsSignInChain.h"
#include "CredentialStore.h"
#include "Workspace.h"

#include <QDir>

namespace strongroom {

namespace {
using Kind = BackendError::Kind;

QString nameOf(const AwsConnectionSpec& spec) {
    return spec.displayName.isEmpty() ? spec.id : spec.displayName;
}
} // namespace

QCoro::Task<Status> AwsConnector::logout(QString connectionId, bool forget) {
    QPointer<AwsConnector> self(this);
    QString problem;
    auto spec = savedSpec(connectionId, &problem);
    if (!spec) {
        co_return BackendError(problem.startsWith(QLatin1String("no ")) ? Kind::NotFound
                                                                        : Kind::InvalidInput,
                               problem);
    }
    if (auto tracked = m_tracked.value(connectionId)) {
        tracked->expiry.stop();
        if (tracked->backend) {
            tracked->backend->dropCredentials(ConnectionState::Offline);
        }
    }
    // Only keychain connections keep keys; removing a missing entry is not an error.
    auto removing = workspace()->credentials()->remove(keychainKey(connectionId));
    auto removed = co_await std::move(removing);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    untrack(connectionId);
    closeConnection(connectionId, forget);
    const QString detail =
        QStringLiteral("keys dropped from memory") +
        (removed ? QStringLiteral("; keychain entry removed")
                 : QStringLiteral("; keychain entry NOT removed: ") + removed.error().detail()) +
        (forget ? QStringLiteral("; connection forgotten") : QString());
    auto auditing = audit(
        connectionId, actions::logout(),
        removed ? QStringLiteral("ok") : BackendError::kindName(removed.error().kind()), detail);
    co_await std::move(auditing);
    if (!removed) {
        co_return removed.error();
    }
    co_return Done{};
}

std::optional<AwsConnectionSpec> AwsConnector::spec(const QString& connectionId) const {
    return savedSpec(connectionId);
}

std::optional<AwsSessionInfo> AwsConnector::session(const QString& connectionId) const {
    auto tracked = m_tracked.value(connectionId);
    return tracked ? tracked->info : std::nullopt;
}

QString AwsConnector::credentialStatus(const QString& connectionId) const {
    auto tracked = m_tracked.value(connectionId);
    if (!tracked || !tracked->backend) {
        return {};
    }
    if (tracked->backend->state() == ConnectionState::Expired) {
        return tr("AWS: credentials expired");
    }
    if (!tracked->info) {
        return {};
    }
    const auto left = timeLeft(connectionId);
    if (!left) {
        return tr("AWS: long-lived keys");
    }
    return left->count() <= 0 ? tr("AWS: credentials expired")
                              : tr("AWS: %1").arg(timeLeftText(*left));
}

std::optional<std::chrono::seconds> AwsConnector::timeLeft(const QString& connectionId) const {
    auto tracked = m_tracked.value(connectionId);
    if (!tracked || !tracked->info || !tracked->info->expires.isValid()) {
        return std::nullopt;
    }
    const qint64 left = QDateTime::currentDateTimeUtc().secsTo(tracked->info->expires);
    return std::chrono::seconds(std::max<qint64>(0, left));
}

bool AwsConnector::needsMfa(const QString& connectionId) const {
    if (auto tracked = m_tracked.value(connectionId)) {
        return tracked->needsMfa;
    }
    const auto saved = savedSpec(connectionId);
    if (!saved) {
        return false;
    }
    if (!saved->mfaSerial.isEmpty()) {
        return true;
    }
    if (saved->keySource != AwsConnectionSpec::KeySource::Profile || !saved->roleArn.isEmpty()) {
        return false;
    }
    // The profile's own role chain may ask for a code: read the shared files (no network).
    const AwsSignInChain chain(m_environment.value_or(QProcessEnvironment::systemEnvironment()),
                               m_homeDir.isEmpty() ? QDir::homePath() : m_homeDir);
    const auto plan = chain.plan(*saved, {});
    return plan && plan->needsMfa();
}

SecretsManagerBackend* AwsConnector::backend(const QString& connectionId) const {
    auto tracked = m_tracked.value(connectionId);
    return tracked ? tracked->backend.data() : nullptr;
}

void AwsConnector::track(Connection* connection, const AwsConnectionSpec& spec, bool needsMfa) {
    const QString id = connection->id();
    auto tracked = std::make_shared<Tracked>();
    tracked->connection = connection;
    tracked->backend = qobject_cast<SecretsManagerBackend*>(connection->backend());
    tracked->spec = spec;
    tracked->needsMfa = needsMfa;
    tracked->expiry.setSingleShot(true);
    connect(&tracked->expiry, &QTimer::timeout, this, [this, id] {
        auto entry = m_tracked.value(id);
        if (entry && entry->backend && entry->backend->state() == ConnectionState::Connected) {
            // The backend goes Expired; onStateChanged asks for a new sign-in.
            entry->backend->dropCredentials(ConnectionState::Expired);
        }
    });
    connect(connection, &Connection::stateChanged, this,
            [this, id](ConnectionState state) { onStateChanged(id, state); });
    m_tracked.insert(id, tracked);
}

void AwsConnector::untrack(const QString& connectionId) {
    m_tracked.remove(connectionId);
}

void AwsConnector::setSession(const QString& connectionId, AwsSessionInfo info) {
    auto tracked = m_tracked.value(connectionId);
    if (!tracked) {
        return;
    }
    tracked->expiry.stop();
    if (info.expires.isValid()) {
        const qint64 left = QDateTime::currentDateTimeUtc().msecsTo(info.expires) -
                            std::chrono::milliseconds(m_expiryMargin).count();
        tracked->expiry.start(std::chrono::milliseconds(std::max<qint64>(0, left)));
    }
    if (tracked->backend) {
        tracked->backend->setCredentialExpiry(info.expires);
    }
    tracked->info = std::move(info);
    Q_EMIT credentialsChanged(connectionId);
}

void AwsConnector::onStateChanged(const QString& connectionId, ConnectionState state) {
    auto tracked = m_tracked.value(connectionId);
    if (!tracked || state != ConnectionState::Expired) {
        return;
    }
    tracked->expiry.stop();
    const QString reason =
        tracked->needsMfa
            ? QStringLiteral("the AWS credentials for %1 expired; enter a new MFA code")
                  .arg(nameOf(tracked->spec))
            : QStringLiteral("the AWS credentials for %1 expired or were refused; sign in again")
                  .arg(nameOf(tracked->spec));
    auto auditing = audit(connectionId, actions::credentialsExpired(),
                          BackendError::kindName(Kind::Unauthenticated), reason);
    if (tracked->backend) {
        tracked->backend->reportCredentialsExpired(reason);
    }
    Q_EMIT loginNeeded(connectionId, reason);
}

void AwsConnector::onLocked() {
    for (const auto& tracked : std::as_const(m_tracked)) {
        tracked->expiry.stop();
        if (tracked->backend) {
            tracked->backend->dropCredentials(ConnectionState::Locked);
        }
    }
}

void AwsConnector::onUnlocked() {
    for (auto it = m_tracked.cbegin(); it != m_tracked.cend(); ++it) {
        if (it.value()->backend && it.value()->backend->state() == ConnectionState::Locked) {
            // Fire and forget: the task checks this object is alive after every await.
            auto refreshing = refreshAfterUnlock(it.key());
        }
    }
}

QCoro::Task<void> AwsConnector::refreshAfterUnlock(QString connectionId) {
    QPointer<AwsConnector> self(this);
    auto tracked = m_tracked.value(connectionId);
    if (!tracked || tracked->refreshing) {
        co_return;
    }
    if (tracked->needsMfa) {
        Q_EMIT loginNeeded(connectionId,
                           QStringLiteral("%1 was locked; enter a new MFA code to sign in again")
                               .arg(nameOf(tracked->spec)));
        co_return;
    }
    tracked->refreshing = true;
    auto renewing = renew(connectionId);
    auto renewed = co_await std::move(renewing);
    if (!self) {
        co_return;
    }
    tracked->refreshing = false;
    if (!renewed && m_tracked.value(connectionId) == tracked) {
        Q_EMIT loginNeeded(connectionId,
                           QStringLiteral("%1 could not sign in again after the "
                                          "lock: %2")
                               .arg(nameOf(tracked->spec), renewed.error().message()));
    }
}

} // namespace strongroom
