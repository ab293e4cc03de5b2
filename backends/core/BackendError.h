#pragma once

#include <QString>

#include <chrono>

namespace strongroom {

// The closed set of things that can go wrong talking to a store. Every backend maps its own
// errors onto these kinds; the UI and the CLI only ever see these.
class BackendError {
public:
    enum class Kind {
        NotFound,
        PermissionDenied,
        Unauthenticated, // expired or revoked credential, wrong passphrase
        Conflict,        // the conflict guard refused the write
        Sealed,
        Throttled,
        Network,
        Tls,
        InvalidResponse, // malformed reply, tampered or foreign data
        Unsupported,
        Cancelled,
        InvalidInput,
    };

    BackendError(Kind kind, QString detail = {});

    Kind kind() const { return m_kind; }
    // Server or store supplied detail, never containing a secret value.
    const QString& detail() const { return m_detail; }
    // One line for the status bar, a dialog or stderr: the plain-language kind plus the detail.
    QString message() const;
    static QString describe(Kind kind);
    static QString kindName(Kind kind);

    // For Throttled: how long the server asked us to wait (0 when it did not say).
    std::chrono::milliseconds retryAfter() const { return m_retryAfter; }
    BackendError& withRetryAfter(std::chrono::milliseconds wait);
    // For Conflict: the version that is current in the store now.
    const QString& currentVersion() const { return m_currentVersion; }
    BackendError& withCurrentVersion(QString version);

private:
    Kind m_kind;
    QString m_detail;
    std::chrono::milliseconds m_retryAfter{0};
    QString m_currentVersion;
};

} // namespace strongroom
