#pragma once

#include "AwsAssumeRolePlan.h"
#include "AwsConnectionSpec.h"
#include "AwsCredentialResolver.h"
#include "AwsCredentials.h"
#include "AwsEndpoint.h"
#include "BackendError.h"
#include "Result.h"

#include <QCoroTask>
#include <QDateTime>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace strongroom {

// One sts:AssumeRole the chain made, for the audit log (no key, token or code in it).
struct AwsRoleAttempt {
    QString roleArn;
    QString result; // "ok" or BackendError::kindName()
    QString detail; // session name, MFA used or not, expiry, or the error
};

// Where the keys came from and what to do with them, before any network call.
struct AwsSignInPlan {
    AwsCredentials keys;            // static keys the chain starts from
    QString source;                 // "keychain keys", "environment", "profile prod"
    QList<AwsAssumeRoleStep> roles; // in order; empty when the keys are used as they are
    AwsEndpoint endpoint;
    QStringList trace;

    bool needsMfa() const;
};

// The credentials a connection signs with, once the chain ran.
struct AwsSignedIn {
    AwsCredentials credentials;
    QDateTime expires; // invalid for long-lived keys
    QString identityArn;
    QString source; // the plan's source, plus " -> role <arn>" per assumed role
    QStringList trace;
    AwsEndpoint endpoint;
};

struct AwsSignInOutcome {
    std::optional<BackendError> error;
    AwsSignedIn signedIn; // meaningful when there is no error
    QList<AwsRoleAttempt> attempts;
};

// From a connection spec to working credentials: the keys of the spec's source (keychain keys
// handed in, the environment, or a profile of the shared files, through AwsCredentialResolver),
// then sts:AssumeRole for the spec's role, or else for each role of the profile's plan in order,
// each call with the credentials the previous one returned, and finally sts:GetCallerIdentity.
// A spec role replaces the profile's own role chain and starts from its source profile's keys.
class AwsSignInChain {
public:
    AwsSignInChain(QProcessEnvironment environment, QString homeDir);

    // No network: InvalidInput with the resolver's message (file and line for a bad shared file)
    // when the keys cannot be found, or when no region is set anywhere.
    Result<AwsSignInPlan> plan(const AwsConnectionSpec& spec,
                               const AwsCredentials& typedKeys) const;
    // Runs the plan. Unauthenticated "MFA code needed ..." before any call when a role needs a
    // code and `mfaCode` is empty.
    static QCoro::Task<AwsSignInOutcome> run(AwsSignInPlan plan, QString mfaCode);

    // The detail of the Unauthenticated error a role without its MFA code gives, and the
    // reverse: the MFA device such an error asks a code for, or nothing for any other error.
    // Front ends use the second to know they should prompt for a code.
    static QString mfaNeededMessage(const QString& serial, const QString& roleArn);
    static std::optional<QString> mfaSerialAskedFor(const BackendError& error);

private:
    QProcessEnvironment m_environment;
    QString m_home;
};

} // namespace strongroom
