#pragma once

#include "AwsCredentials.h"
#include "Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace strongroom {

// The temporary credentials that sts:AssumeRole returned.
struct StsAssumedRole {
    AwsCredentials credentials; // with the session token
    QDateTime expiration;       // UTC
    QString assumedRoleArn;
    QString assumedRoleId;
};

// Reads the XML reply of sts:AssumeRole: AssumeRoleResponse/AssumeRoleResult/{Credentials,
// AssumedRoleUser} on success, ErrorResponse/Error/{Type,Code,Message} otherwise (mapped like
// every AWS error, see AwsErrorReply). Wipes `body`. A reply missing a credential field or with
// an unreadable expiration is InvalidResponse; a DTD is refused.
class StsAssumeRoleReply {
public:
    static Result<StsAssumedRole> parse(int status, QByteArray& body);
};

} // namespace strongroom
