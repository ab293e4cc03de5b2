#pragma once

#include "SecretBytes.h"

#include <QByteArray>
#include <QString>
#include <QUrlQuery>

#include <optional>

namespace strongroom {

// One Vault API call: method, path below /v1/ ("secret/data/app"), query and JSON body. The body
// may hold a secret, so it stays in SecretBytes.
struct VaultCall {
    QByteArray method = QByteArrayLiteral("GET");
    QString path;
    QUrlQuery query;
    SecretBytes body;
    // Unset: decided by the method. Set false for a write whose repetition is not harmless.
    std::optional<bool> idempotent;
    // Send the session's token (false for login endpoints and sys/seal-status).
    bool authenticated = true;
    // Send this token instead of the session's (generate-root checks, wrapping).
    std::optional<SecretBytes> token;

    static VaultCall make(QByteArray method, QString path);
    static VaultCall get(QString path) { return make(QByteArrayLiteral("GET"), std::move(path)); }
    static VaultCall list(QString path);
    static VaultCall post(QString path, SecretBytes body);
    static VaultCall del(QString path) {
        return make(QByteArrayLiteral("DELETE"), std::move(path));
    }
};

} // namespace strongroom
