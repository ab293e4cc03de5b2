#pragma once

#include "AwsCredentials.h"
#include "AwsEndpoint.h"
#include "CancelToken.h"
#include "HttpResponse.h"
#include "Result.h"
#include "StsAssumeRoleReply.h"

#include <QCoroTask>
#include <QObject>
#include <QString>

#include <chrono>
#include <optional>

namespace strongroom {

class HttpClient;

// One sts:AssumeRole, as the operator asked for it. The MFA code is secret only briefly but is
// still kept out of logs and the audit.
struct AssumeRoleRequest {
    QString roleArn;
    QString roleSessionName; // empty: "strongroom-<user>-<epoch>"
    QString externalId;
    QString mfaSerial;
    QString mfaCode;                    // 6 digits; required when mfaSerial is set
    std::optional<int> durationSeconds; // 900..43200; unset = the role's default (1 h)
};

// The STS query API (form POST, XML reply), signed with SigV4 for service "sts". Same retry
// rules as AwsJsonClient. Bad MFA codes, unknown roles and denied calls come back as
// PermissionDenied/Unauthenticated with STS's message; a request that is malformed before it is
// sent (no role, a code that is not 6 digits, a duration out of range) is InvalidInput and sends
// nothing.
class StsClient : public QObject {
    Q_OBJECT
public:
    explicit StsClient(AwsEndpoint endpoint, QObject* parent = nullptr);
    ~StsClient() override;

    QCoro::Task<Result<StsAssumedRole>> assumeRole(AwsCredentials source, AssumeRoleRequest request,
                                                   CancelToken cancel = {});
    // sts:GetCallerIdentity: checks that credentials work and says whose they are (ARN).
    QCoro::Task<Result<QString>> callerIdentity(AwsCredentials credentials,
                                                CancelToken cancel = {});

    static QString validate(const AssumeRoleRequest& request);

private:
    // One signed form POST with the retry rules of AwsJsonClient; the final HTTP exchange (error
    // statuses included, for the caller's parser) or a transport error.
    QCoro::Task<Result<HttpResponse>> post(AwsCredentials credentials, SecretBytes body,
                                           CancelToken cancel);
    QCoro::Task<bool> pause(std::chrono::milliseconds wait, CancelToken cancel);

    AwsEndpoint m_endpoint;
    std::chrono::seconds m_clockOffset{0};
    HttpClient* m_http;
};

} // namespace strongroom
