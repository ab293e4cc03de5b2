#pragma once

#include "BackendError.h"
#include "HttpRetryPolicy.h"
#include "Result.h"
#include "SecretBytes.h"

#include <QSslConfiguration>
#include <QString>

#include <chrono>

namespace strongroom {

// How one connection talks HTTP. TLS verification cannot be switched off here on purpose: a
// private CA is supported through caFile instead.
struct HttpClientConfig {
    // PEM file with one or more CA certificates trusted in addition to the system ones.
    QString caFile;
    // PEM client certificate and private key for mutual TLS (both or neither).
    QString clientCertFile;
    QString clientKeyFile;
    SecretBytes clientKeyPassphrase;

    // Plain http:// is accepted for loopback hosts only, unless the operator allowed it for this
    // connection.
    bool allowInsecureHttp = false;
    // Keep credential headers when a 307/308 points at another origin. Vault HA standbys redirect
    // to the active node, which is another host of the same cluster.
    bool credentialsFollowRedirects = false;

    std::chrono::milliseconds requestTimeout{30'000};
    int maxRetries = 3;
    std::chrono::milliseconds baseBackoff{200};
    std::chrono::milliseconds maxBackoff{10'000};
    // A Retry-After longer than this is not waited out: the caller gets Throttled instead.
    std::chrono::milliseconds maxRetryAfter{30'000};

    HttpRetryPolicy retryPolicy() const;
    // The system defaults plus caFile and the client certificate; InvalidInput naming the file
    // when one cannot be read or holds no usable PEM data.
    Result<QSslConfiguration> tlsConfiguration() const;
};

} // namespace strongroom
