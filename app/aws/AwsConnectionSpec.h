#pragma once

#include <QString>
#include <QVariantMap>

#include <optional>

namespace strongroom {

// Everything remembered about an AWS Secrets Manager connection except the keys: saved as the
// connection's options (ConnectionSettings) so it is listed and reconnected next run. Keys typed
// in the form live in the OS keychain ("aws-keys:<id>"); profiles and the environment are read
// again at every connect, as the AWS CLI does.
struct AwsConnectionSpec {
    enum class KeySource {
        Keychain,    // access key id + secret typed in the form, kept in the keychain
        Environment, // AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN
        Profile,     // ~/.aws/credentials + ~/.aws/config (profile below, "default" when empty)
    };

    QString id;          // connection id, e.g. "aws-prod"
    QString displayName; // shown in the tree
    KeySource keySource = KeySource::Keychain;
    QString profile;
    QString region;         // empty: from the profile / AWS_REGION; required in the end
    QString endpointUrl;    // override for moto, LocalStack, VPC endpoints; empty = AWS
    QString stsEndpointUrl; // empty: same host as endpointUrl when set, else regional STS
    QString caFile;
    // AssumeRole on top of the keys (break-glass roles); a profile's own role_arn is used when
    // this is empty and the profile has one.
    QString roleArn;
    QString roleSessionName;
    QString externalId;
    QString mfaSerial;                 // when set, every AssumeRole asks for a 6-digit code
    int sessionDurationSeconds = 3600; // 900..43200

    static QString keySourceName(KeySource source); // "keychain", "environment", "profile"
    static std::optional<KeySource> parseKeySource(const QString& name);

    QVariantMap toOptions() const;
    static std::optional<AwsConnectionSpec> fromOptions(const QString& id,
                                                        const QString& displayName,
                                                        const QVariantMap& options,
                                                        QString* error = nullptr);
    // Empty when usable; otherwise what to fix ("the endpoint must start with https://...").
    QString validate() const;
};

} // namespace strongroom
