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

QCoro::Task<Status> SecretBackend::deleteSecret(SecretRef) {
    co_return unsupported("delete secret");
}

QCoro::Task<Status> SecretBackend::updateMetadata(SecretRef, MetadataUpdate) {
    co_return unsupported("edit metadata");
}

} // namespace strongroom
