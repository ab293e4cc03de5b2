#pragma once

// Shared by the two halves of VaultConnector (VaultConnector.cpp: connecting and signing in;
// VaultTokenUpkeep.cpp: keeping tokens alive). Not for other users.

#include "VaultBackend.h"
#include "VaultConnectionSpec.h"
#include "VaultConnector.h"
#include "VaultCredentials.h"

#include <QDateTime>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <chrono>
#include <optional>

namespace strongroom {

class Connection;

namespace vault_connector {

using Kind = BackendError::Kind;
using std::chrono::seconds;

inline const QString Ok = QStringLiteral("ok");

inline QString describeToken(const VaultTokenInfo& info) {
    const QString ttl = info.expires() ? QStringLiteral("%1s").arg(info.ttl.count())
                                       : QStringLiteral("never expires");
    return QStringLiteral("policies %1; ttl %2; %3")
        .arg(info.policies.join(QLatin1Char(',')), ttl,
             info.renewable ? QStringLiteral("renewable") : QStringLiteral("not renewable"));
}

inline QString describeCredentials(const VaultCredentials& credentials) {
    QString text = QStringLiteral("method %1").arg(vaultAuthMethodId(credentials.method));
    if (!credentials.username.isEmpty()) {
        text += QStringLiteral(", user %1").arg(credentials.username);
    }
    return text;
}

inline bool tokenRefused(const BackendError& error) {
    return error.kind() == Kind::Unauthenticated || error.kind() == Kind::PermissionDenied;
}

// Renewal runs at two thirds of the time left, never more often than once a second.
inline std::chrono::milliseconds renewalDelay(std::chrono::milliseconds left) {
    return std::max<std::chrono::milliseconds>(seconds(1), left * 2 / 3);
}

} // namespace vault_connector

struct VaultConnector::Tracked {
    QPointer<Connection> connection;
    QPointer<VaultBackend> backend;
    VaultConnectionSpec spec;
    std::optional<VaultTokenInfo> info;
    QDateTime checkedAt;
    QTimer timer;
    bool renewing = true; // false once a renewal stopped extending the token (max TTL reached)
};

} // namespace strongroom
