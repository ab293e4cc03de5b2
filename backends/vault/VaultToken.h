#pragma once

#include "SecretBytes.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <chrono>

namespace strongroom {

// A token a login returned (auth.client_token and friends). The token itself stays in
// SecretBytes; the rest is safe to show.
struct VaultLogin {
    SecretBytes clientToken;
    QString accessor;
    QStringList policies;
    std::chrono::seconds leaseDuration{0}; // 0 = no expiry (root)
    bool renewable = false;
};

// What `auth/token/lookup-self` says about the token in use (never the token id itself).
struct VaultTokenInfo {
    QString displayName;
    QString accessor;
    QStringList policies;
    std::chrono::seconds ttl{0}; // 0 = never expires
    QDateTime expireTime;        // invalid when it never expires
    bool renewable = false;
    QString type; // "service", "batch"

    bool expires() const { return ttl.count() > 0 || expireTime.isValid(); }
};

} // namespace strongroom
