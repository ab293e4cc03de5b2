#pragma once

#include "SecretBytes.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <chrono>
#include <optional>
#include <vector>

namespace strongroom {

// A header whose value is a credential (Authorization, X-Vault-Token...). Kept apart from plain
// headers so its value stays in wiped memory and so a redirect to another origin can drop it.
struct HttpCredentialHeader {
    QByteArray name;
    SecretBytes value;
};

// One request as a backend describes it. The body may carry a secret value, so it lives in
// SecretBytes; HttpClient copies it out only for the duration of the exchange.
struct HttpRequest {
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    std::vector<HttpCredentialHeader> credentialHeaders;
    SecretBytes body;

    // Unset: decided by the method (GET/HEAD/OPTIONS/PUT/DELETE are idempotent, POST/PATCH are
    // not). Set it to false for a PUT/DELETE whose repetition would do something different.
    std::optional<bool> idempotent;
    // A key that makes repeating the request safe (AWS ClientRequestToken, an Idempotency-Key).
    // A non-empty key allows retrying a non-idempotent request. When idempotencyHeader is set the
    // client sends the key in that header; otherwise the backend has put it in the body already.
    QString idempotencyKey;
    QByteArray idempotencyHeader;

    // Per-request limit for one attempt; zero uses the client's configured timeout.
    std::chrono::milliseconds timeout{0};

    void setHeader(const QByteArray& name, const QByteArray& value);
    void setCredentialHeader(const QByteArray& name, SecretBytes value);

    bool isIdempotent() const;
    // True when sending the request twice cannot do harm: idempotent, or carrying a key.
    bool isRetrySafe() const { return isIdempotent() || !idempotencyKey.isEmpty(); }
};

} // namespace strongroom
