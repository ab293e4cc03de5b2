#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace strongroom {

// One sts:AssumeRole call of a profile's role chain.
struct AwsAssumeRoleStep {
    QString profile; // the profile that names this role
    QString roleArn;
    QString roleSessionName;
    QString externalId;
    QString mfaSerial; // when set, the call needs a one-time code from the operator
    std::optional<int> durationSeconds;
};

// How to reach a role from a profile: start from the static keys of `sourceProfile`, then call
// AssumeRole for each step in order, each with the credentials the previous step returned.
struct AwsAssumeRolePlan {
    QString sourceProfile;
    QList<AwsAssumeRoleStep> steps;

    bool needsMfa() const {
        for (const AwsAssumeRoleStep& step : steps)
            if (!step.mfaSerial.isEmpty())
                return true;
        return false;
    }
};

} // namespace strongroom
