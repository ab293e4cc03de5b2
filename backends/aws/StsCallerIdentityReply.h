#pragma once

#include "AwsErrorReply.h"
#include "Result.h"

#include <QByteArray>
#include <QString>

namespace strongroom {

// Reads STS query-protocol XML replies other than AssumeRole's: GetCallerIdentity's
// GetCallerIdentityResponse/GetCallerIdentityResult/Arn, and the ErrorResponse/Error/{Code,
// Message} of any failed STS call. A DTD or entity is refused, like StsAssumeRoleReply does.
class StsCallerIdentityReply {
public:
    // The caller's ARN; on an error reply the mapped error (AwsErrorReply::toError); a success
    // without an Arn, or malformed XML, is InvalidResponse.
    static Result<QString> parse(int status, const QByteArray& body);
    // The code and message of an STS error reply (empty code when the body has none).
    static AwsErrorReply error(int status, const QByteArray& body);
};

} // namespace strongroom
