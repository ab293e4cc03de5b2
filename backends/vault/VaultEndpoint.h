#pragma once

#include "HttpClientConfig.h"

#include <QString>
#include <QUrl>

namespace strongroom {

// Where a Vault/OpenBao server is and how to talk TLS to it; never how to authenticate.
struct VaultEndpoint {
    QUrl address;      // https://vault.example.com:8200
    QString nameSpace; // X-Vault-Namespace ("team-a/"); empty for the root namespace
    HttpClientConfig http;
};

} // namespace strongroom
