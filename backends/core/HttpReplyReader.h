#pragma once

#include "BackendError.h"
#include "HttpResponse.h"

#include <QStringList>

#include <chrono>
#include <optional>

class QNetworkReply;

namespace strongroom {

// What one attempt produced: a completed HTTP exchange (any status), or a transport failure.
struct HttpAttemptResult {
    std::optional<HttpResponse> response;
    std::optional<BackendError> error;
    // The failure happened before the request left this machine (refused connection, unknown
    // host), so repeating it cannot apply it twice.
    bool nothingSent = false;
};

// Why an attempt was aborted from our side, and what the TLS layer complained about; the reply
// alone cannot tell a timeout from a cancellation.
struct HttpInterruption {
    bool timedOut = false;
    bool cancelled = false;
    std::chrono::milliseconds timeout{0};
    QStringList tlsProblems;
};

// Turns a finished QNetworkReply into an HttpAttemptResult, mapping Qt's transport errors onto
// the common error kinds with a message an operator can act on. Reads (and so consumes) the body.
class HttpReplyReader {
public:
    static HttpAttemptResult read(QNetworkReply& reply, const HttpInterruption& interruption);
};

} // namespace strongroom
