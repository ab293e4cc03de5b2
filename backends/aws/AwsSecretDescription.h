#pragma once

#include "Result.h"

#include <QDateTime>
#include <QMap>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <optional>

namespace strongroom {

// How a secret rotates, from DescribeSecret.
struct AwsRotationConfig {
    bool enabled = false;
    QString lambdaArn;
    int automaticallyAfterDays = 0; // 0 when a schedule expression is used or nothing is set
    QString scheduleExpression;     // "rate(10 days)", "cron(0 16 1,15 * ? *)"
    QString duration;               // rotation window, "3h"
    QDateTime lastRotated;
    QDateTime nextRotation;
};

// DescribeSecret of one secret, with nothing secret in it.
struct AwsSecretDescription {
    QString arn;
    QString name;
    QString description;
    QString kmsKeyId;
    QString owningService;
    QString primaryRegion;
    QDateTime created;
    QDateTime lastChanged;
    QDateTime lastAccessed;
    QDateTime deletedDate; // set when the secret is scheduled for deletion (the date it goes)
    AwsRotationConfig rotation;
    QMap<QString, QString> tags;
    QMap<QString, QStringList> versionStages; // VersionIdsToStages

    bool isScheduledForDeletion() const { return deletedDate.isValid(); }
    QString currentVersion() const; // the version holding AWSCURRENT, empty when none
    // The version holding the staging label `label`, empty when none does.
    QString versionWithLabel(const QString& label) const;
    // A rotation that did not finish: AWSPENDING on a version that does not hold AWSCURRENT.
    // The version id, or nothing.
    std::optional<QString> stuckPendingVersion() const;

    // InvalidResponse when a field has the wrong type; unknown fields are ignored.
    static Result<AwsSecretDescription> fromJson(const nlohmann::json& reply);
    // The same for one entry of a ListSecrets reply (SecretList[i] has the same fields);
    // `context` starts the error message ("ListSecrets entry 3").
    static Result<AwsSecretDescription> fromJson(const nlohmann::json& entry,
                                                 const QString& context);
};

} // namespace strongroom
