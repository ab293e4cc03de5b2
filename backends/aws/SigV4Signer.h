#pragma once

#include "AwsCredentials.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>

namespace strongroom {

using SigV4Headers = QList<QPair<QByteArray, QByteArray>>;

// What goes on the wire: the path as sent (already percent-encoded), the raw query string, the
// final headers and body.
struct SigV4Request {
    QByteArray method;
    QByteArray path;
    QByteArray query;
    SigV4Headers headers;
    QByteArray body;
};

struct SigV4Signature {
    // Carries the session token when there is one: never log it.
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray authorization;
    // True when the credentials carry a session token: the caller must send
    // `X-Amz-Security-Token: <credentials.sessionToken>` with the request, as it was signed.
    bool sendSecurityToken = false;
};

// AWS Signature Version 4 (AWS4-HMAC-SHA256), pure: no clock, no network.
class SigV4Signer {
public:
    SigV4Signer(QByteArray region, QByteArray service);

    // S3 signs the wire path as it is; every other service normalises it and encodes it again
    // (the "double encoding" of the SigV4 spec).
    void setS3Style(bool s3) { m_s3 = s3; }

    // Signs every header of the request except those the AWS SDKs never sign (user-agent,
    // connection, proxy-*, ...). With a session token in the credentials, x-amz-security-token is
    // signed with that token, replacing any such header of the request, as the SDKs do.
    SigV4Signature sign(const SigV4Request& request, const AwsCredentials& credentials,
                        const QDateTime& timeUtc) const;

    QByteArray canonicalRequest(const SigV4Request& request) const;
    static bool isUnsignableHeader(const QByteArray& lowerName);
    static constexpr const char* securityTokenHeader = "X-Amz-Security-Token";
    static QByteArray uriEncode(const QByteArray& bytes, bool keepSlash);

private:
    QByteArray canonicalPath(const QByteArray& path) const;
    static QByteArray canonicalQuery(const QByteArray& query);
    static QByteArray trimValue(const QByteArray& value);

    QByteArray m_region;
    QByteArray m_service;
    bool m_s3 = false;
};

} // namespace strongroom
