#include "SecretBackend.h"

namespace strongroom {

namespace {
BackendError unsupported(const char* what) {
    return BackendError(BackendError::Kind::Unsupported, QString::fromLatin1(what));
}
} // namespace

QString connectionStateName(ConnectionState state) {
    switch (state) {
    case ConnectionState::Offline:
        return QStringLiteral("offline");
    case ConnectionState::Connecting:
        return QStringLiteral("connecting");
    case ConnectionState::Connected:
        return QStringLiteral("connected");
    case ConnectionState::Locked:
        return QStringLiteral("locked");
    case ConnectionState::Sealed:
        return QStringLiteral("sealed");
    case ConnectionState::Expired:
        return QStringLiteral("expired");
    }
    return {};
}

QCoro::Task<Result<WriteResult>> SecretBackend::rollback(SecretRef, QString, QString) {
    co_return unsupported("rollback");
}

QCoro::Task<Status> SecretBackend::deleteVersions(SecretRef, QStringList) {
    co_return unsupported("delete versions");
}

QCoro::Task<Status> SecretBackend::undeleteVersions(SecretRef, QStringList) {
    co_return unsupported("undelete versions");
}

QCoro::Task<Status> SecretBackend::destroyVersions(SecretRef, QStringList) {
    co_return unsupported("destroy versions");
}

QCoro::Task<Status> SecretBackend::setVersionsEnabled(SecretRef, QStringList, bool) {
    co_return unsupported("enable or disable versions");
}

QCoro::Task<Status> SecretBackend::moveLabel(SecretRef, QString, QString, QString) {
    co_return unsupported("move version labels");
}

QCoro::Task<Status> SecretBackend::updateMetadata(SecretRef, MetadataUpdate) {
    co_return unsupported("edit metadata");
}

DeletionRules SecretBackend::deletionRules() const {
    return {};
}

QCoro::Task<Status> SecretBackend::deleteSecret(SecretRef, DeleteOptions) {
    co_return unsupported("delete secret");
}

QCoro::Task<Result<QList<DeletedSecret>>> SecretBackend::deletedSecrets(QString, CancelToken) {
    co_return unsupported("list deleted secrets");
}

QCoro::Task<Status> SecretBackend::restoreSecret(SecretRef) {
    co_return unsupported("restore deleted secrets");
}

QCoro::Task<Status> SecretBackend::purgeSecret(SecretRef) {
    co_return unsupported("purge secrets");
}

QCoro::Task<Result<RotationInfo>> SecretBackend::rotation(SecretRef) {
    co_return unsupported("describe rotation");
}

QCoro::Task<Result<QString>> SecretBackend::rotateNow(SecretRef) {
    co_return unsupported("rotate");
}

QCoro::Task<Status> SecretBackend::configureRotation(SecretRef, RotationSettings) {
    co_return unsupported("configure rotation");
}

QCoro::Task<Status> SecretBackend::disableRotation(SecretRef) {
    co_return unsupported("configure rotation");
}

QCoro::Task<Status> SecretBackend::clearStuckRotation(SecretRef, QString) {
    co_return unsupported("clear a stuck rotation");
}

void SecretBackend::setCredentialExpiry(QDateTime expiry) {
    if (expiry == m_credentialExpiry) {
        return;
    }
    m_credentialExpiry = std::move(expiry);
    Q_EMIT credentialExpiryChanged();
}

void SecretBackend::reportCredentialsExpired(const QString& reason) {
    Q_EMIT credentialsExpired(reason);
}

} // namespace strongroom
