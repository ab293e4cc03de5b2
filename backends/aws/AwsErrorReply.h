#pragma once

#include "BackendError.h"

#include <QByteArray>
#include <QString>

namespace strongroom {

// An AWS error reply, reduced to what decides what to do next: the error code and the server's
// message. Read from the JSON 1.1 protocol (Secrets Manager) or the query/XML protocol (STS).
struct AwsErrorReply {
    int status = 0;
    QString code;    // sanitised: "ResourceNotFoundException", never "ns#Name:uri"
    QString message; // printable, at most a few hundred characters; empty when none given

    // JSON 1.1: the code from the x-amzn-ErrorType header, else the body's `__type` or `code`;
    // the message from `message` or `Message`. Never fails: a body that is not JSON leaves the
    // code empty and the status decides.
    static AwsErrorReply fromJson(int status, const QByteArray& errorTypeHeader,
                                  const QByteArray& body);
    // The first of comma-separated values, before the first ':', after the last '#'
    // ("aws.sm#Throttling:http://..." -> "Throttling").
    static QString sanitizeCode(const QString& raw);
    static QString cleanMessage(const QString& raw);

    // The common error kind: by code when the code is known, else by HTTP status. The detail is
    // "<code>: <message>" (server text, which AWS never fills with secret values).
    BackendError toError() const;
    // The AWS SDKs' "standard" retry mode: throttling codes, transient codes, 500/502/503/504.
    // Secrets Manager's LimitExceededException is a quota and is not retried.
    bool isRetryable() const;
};

} // namespace strongroom
