#pragma once

#include "AwsAssumeRolePlan.h"
#include "AwsCredentials.h"
#include "AwsProfiles.h"
#include "Result.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace strongroom {

// What the operator typed in the connection form; every field may be empty.
struct AwsConnectionInput {
    AwsCredentials keys; // explicit keys: win over every other source when given
    QString profile;     // an explicit profile: wins over AWS_PROFILE and skips environment keys
    QString region;
    QString endpointUrl;
};

struct AwsResolvedCredentials {
    enum class Source { ConnectionForm, Environment, Profile, AssumeRole };
    Source source = Source::ConnectionForm;
    // The static keys to sign with, or for AssumeRole the keys the role chain starts from.
    AwsCredentials credentials;
    std::optional<AwsAssumeRolePlan> assumeRole;
    QString profile; // the profile in use, if any
    QString region;  // empty when no source names one
    QString endpointUrl;
    // One line per source in the order they were tried: which won and why the others were
    // skipped. Never contains a secret.
    QStringList trace;
};

// The AWS SDK default credential chain, for what Strongroom supports: connection form keys, then
// the environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN), then the
// shared files (~/.aws/credentials and ~/.aws/config, or AWS_SHARED_CREDENTIALS_FILE /
// AWS_CONFIG_FILE) for the profile from the form, AWS_PROFILE or "default". As in the AWS CLI,
// an explicitly chosen profile skips environment keys, while AWS_PROFILE does not. A profile with
// role_arn and source_profile becomes an assume-role plan (the STS calls are made elsewhere);
// credential_source, SSO and credential_process are not supported and say so.
class AwsCredentialResolver {
public:
    AwsCredentialResolver(QProcessEnvironment environment, QString homeDir);

    Result<AwsResolvedCredentials> resolve(const AwsConnectionInput& input) const;

    QString configPath() const;
    QString credentialsPath() const;

private:
    QString expandHome(const QString& path) const;
    Result<AwsResolvedCredentials> fromProfile(const AwsProfiles& profiles,
                                               const QString& name) const;
    void resolveRegionAndEndpoint(const AwsConnectionInput& input, const AwsProfile* profile,
                                  AwsResolvedCredentials& out) const;

    QProcessEnvironment m_env;
    QString m_home;
};

} // namespace strongroom
