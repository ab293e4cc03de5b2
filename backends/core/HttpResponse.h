#pragma once

#include "BackendError.h"
#include "SecretBytes.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

namespace strongroom {

// A completed HTTP exchange, whatever its status. Backends read status, headers and body
// themselves because providers encode meaning differently (Vault answers 503 when sealed); the
// body stays in SecretBytes because a read returns secret values in it.
struct HttpResponse {
    int status = 0;
    QByteArray reasonPhrase;
    QList<QPair<QByteArray, QByteArray>> headers;
    SecretBytes body;
    // Where the reply finally came from, after any followed redirect.
    QUrl url;
    // Attempts made for this exchange (1 when the first one was final).
    int attempts = 1;

    bool isSuccess() const { return status >= 200 && status < 300; }
    // First header of that name (case-insensitive), or a null QByteArray.
    QByteArray header(const QByteArray& name) const;
};

// Generic mapping of a non-2xx response to the common error kinds. The detail names the status
// and the host only: error bodies are the backend's to interpret, and may echo request data.
BackendError errorFromStatus(const HttpResponse& response);

} // namespace strongroom
