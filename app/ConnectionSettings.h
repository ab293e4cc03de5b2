#pragma once

#include <QString>
#include <QVariantMap>

namespace strongroom {

// What is remembered about a saved connection between runs: how to reach it, never how to
// authenticate (tokens and keys live in the OS keychain under the connection id).
struct ConnectionSettings {
    QString id;
    QString displayName;
    QString providerId;  // "vault", "aws", "gcp", "azure"
    QVariantMap options; // provider specific: address, region, namespace... no secrets

    friend bool operator==(const ConnectionSettings&, const ConnectionSettings&) = default;
};

} // namespace strongroom
