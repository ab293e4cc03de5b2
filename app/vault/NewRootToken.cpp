#include "NewRootToken.h"

#include "CredentialStore.h"
#include "VaultSession.h"

#include <QPointer>

#include <memory>

namespace strongroom {

namespace {

// The owner went away with a token nobody chose to keep: revoke it on our own, best effort.
QCoro::Task<> revokeDetached(VaultEndpoint endpoint, SecretBytes token, OperationAudit audit,
                             QString connection) {
    auto session = std::make_unique<VaultSession>(std::move(endpoint));
    session->setToken(std::move(token));
    auto revoking = session->revokeSelf();
    auto revoked = co_await std::move(revoking);
    auto recording = audit.record(
        connection, {}, actions::rootToken(), {}, OperationAudit::outcome(revoked),
        OperationAudit::withFailure(QStringLiteral("revoked when the ceremony ended"), revoked));
    co_await std::move(recording);
}

} // namespace

NewRootToken::NewRootToken(AuditLog* log, QString connection, QObject* parent)
    : QObject(parent)
    , m_audit(log)
    , m_connection(std::move(connection)) {}

NewRootToken::~NewRootToken() {
    if (needsRevocation()) {
        revokeDetached(m_endpoint, std::move(m_token), m_audit, m_connection);
    }
    m_token.clear();
}

void NewRootToken::record(QString result, QString detail) {
    m_audit.record(m_connection, {}, actions::rootToken(), {}, std::move(result),
                   std::move(detail));
}

void NewRootToken::hold(SecretBytes token, VaultEndpoint endpoint) {
    m_token = std::move(token);
    m_endpoint = std::move(endpoint);
    m_kept = false;
    m_stored = false;
    m_revoked = false;
    Q_EMIT changed();
}

void NewRootToken::setKept(bool kept) {
    if (!holdsToken() || m_revoked || m_stored || kept == m_kept) {
        return;
    }
    m_kept = kept;
    Q_EMIT changed();
}

QCoro::Task<Status> NewRootToken::check() {
    if (!holdsToken()) {
        co_return BackendError(BackendError::Kind::NotFound, QStringLiteral("no new root token"));
    }
    QPointer<NewRootToken> self(this);
    VaultSession session(m_endpoint);
    session.setToken(m_token);
    auto looking = session.lookupSelf();
    auto info = co_await std::move(looking);
    if (!info) {
        if (self) {
            record(OperationAudit::outcome(info),
                   OperationAudit::withFailure(QStringLiteral("checked: it does not work"), info));
        }
        co_return info.error();
    }
    co_return Done{};
}

QCoro::Task<Status> NewRootToken::revoke(QString why) {
    QPointer<NewRootToken> self(this);
    if (!holdsToken() || m_revoked) {
        co_return Done{};
    }
    if (m_revoking) {
        co_return BackendError(BackendError::Kind::Conflict,
                               QStringLiteral("the token is being revoked already"));
    }
    m_revoking = true;
    Q_EMIT changed();
    auto session = std::make_unique<VaultSession>(m_endpoint);
    session->setToken(m_token);
    auto revoking = session->revokeSelf();
    auto revoked = co_await std::move(revoking);
    session.reset();
    if (!self) {
        co_return revoked;
    }
    m_revoking = false;
    record(OperationAudit::outcome(revoked), OperationAudit::withFailure(why, revoked));
    if (revoked) {
        m_revoked = true;
        m_token.clear();
    }
    Q_EMIT changed();
    co_return revoked;
}

QCoro::Task<Status> NewRootToken::store(CredentialStore* credentials, QString name) {
    QPointer<NewRootToken> self(this);
    if (!credentials || !holdsToken() || m_revoked || m_revoking) {
        co_return BackendError(BackendError::Kind::NotFound,
                               QStringLiteral("no new root token to store"));
    }
    auto writing = credentials->write(name, m_token, CredentialStore::Persistence::KeychainOnly);
    auto written = co_await std::move(writing);
    if (!self) {
        co_return written;
    }
    m_stored = written.ok();
    m_kept = m_kept || m_stored;
    record(OperationAudit::outcome(written),
           written
               ? QStringLiteral("kept in the keychain as %1").arg(name)
               : OperationAudit::withFailure(QStringLiteral("the keychain refused it"), written));
    Q_EMIT changed();
    co_return written;
}

SecretBytes NewRootToken::handOver(QString how) {
    if (!holdsToken() || m_revoked) {
        return {};
    }
    SecretBytes token = std::move(m_token);
    m_token.clear();
    record(QStringLiteral("ok"), std::move(how));
    Q_EMIT changed();
    return token;
}

void NewRootToken::release() {
    if (holdsToken() && m_kept && !m_stored && !m_revoked) {
        record(QStringLiteral("ok"),
               QStringLiteral("kept on the server, not stored: forgotten here"));
    }
    m_token.clear();
    Q_EMIT changed();
}

} // namespace strongroom
