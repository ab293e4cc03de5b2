#include "BackendError.h"

#include <QCoreApplication>

namespace strongroom {

BackendError::BackendError(Kind kind, QString detail)
    : m_kind(kind)
    , m_detail(std::move(detail)) {}

QString BackendError::describe(Kind kind) {
    switch (kind) {
    case Kind::NotFound:
        return QCoreApplication::translate("BackendError", "Not found");
    case Kind::PermissionDenied:
        return QCoreApplication::translate("BackendError",
                                           "Permission denied: your credential may not do this");
    case Kind::Unauthenticated:
        return QCoreApplication::translate(
            "BackendError", "Not signed in: the credential is wrong, expired or revoked");
    case Kind::Conflict:
        return QCoreApplication::translate("BackendError",
                                           "Someone else changed this secret since you loaded it");
    case Kind::Sealed:
        return QCoreApplication::translate("BackendError",
                                           "The server is sealed: unseal it before use");
    case Kind::Throttled:
        return QCoreApplication::translate("BackendError",
                                           "The server is throttling requests; try again shortly");
    case Kind::Network:
        return QCoreApplication::translate("BackendError", "The server could not be reached");
    case Kind::Tls:
        return QCoreApplication::translate("BackendError",
                                           "The server's TLS certificate could not be verified");
    case Kind::InvalidResponse:
        return QCoreApplication::translate(
            "BackendError", "The store returned data Strongroom cannot trust or understand");
    case Kind::Unsupported:
        return QCoreApplication::translate("BackendError", "This store does not support that");
    case Kind::Cancelled:
        return QCoreApplication::translate("BackendError", "Cancelled");
    case Kind::InvalidInput:
        return QCoreApplication::translate("BackendError", "Invalid input");
    }
    return {};
}

QString BackendError::kindName(Kind kind) {
    switch (kind) {
    case Kind::NotFound:
        return QStringLiteral("not-found");
    case Kind::PermissionDenied:
        return QStringLiteral("permission-denied");
    case Kind::Unauthenticated:
        return QStringLiteral("unauthenticated");
    case Kind::Conflict:
        return QStringLiteral("conflict");
    case Kind::Sealed:
        return QStringLiteral("sealed");
    case Kind::Throttled:
        return QStringLiteral("throttled");
    case Kind::Network:
        return QStringLiteral("network");
    case Kind::Tls:
        return QStringLiteral("tls");
    case Kind::InvalidResponse:
        return QStringLiteral("invalid-response");
    case Kind::Unsupported:
        return QStringLiteral("unsupported");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    case Kind::InvalidInput:
        return QStringLiteral("invalid-input");
    }
    return {};
}

QString BackendError::message() const {
    if (m_detail.isEmpty()) {
        return describe(m_kind);
    }
    return describe(m_kind) + QStringLiteral(" (") + m_detail + QStringLiteral(")");
}

BackendError& BackendError::withRetryAfter(std::chrono::milliseconds wait) {
    m_retryAfter = wait;
    return *this;
}

BackendError& BackendError::withCurrentVersion(QString version) {
    m_currentVersion = std::move(version);
    return *this;
}

} // namespace strongroom
