#pragma once

#include "AwsSecretDescription.h"
#include "Result.h"
#include "SecretRotation.h"

#include <QLatin1String>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace strongroom {

// One RotateSecret as AWS has it: who rotates, on what schedule, and whether to rotate now.
struct AwsRotationRequest {
    QString lambdaArn;              // empty: keep the configured one
    int automaticallyAfterDays = 0; // or
    QString scheduleExpression;     // "rate(30 days)" / "cron(...)"
    QString duration;               // optional window, "2h"
    bool rotateImmediately = true;
};

namespace secretsmanager {

// The keys of RotationSettings / RotationInfo::settings on AWS: what the AWS rotation settings
// form (ui/aws) produces and what configureRotation() reads. Nothing else is accepted.
namespace rotationKey {
inline constexpr QLatin1String lambdaArn{"lambdaArn"};                           // text
inline constexpr QLatin1String automaticallyAfterDays{"automaticallyAfterDays"}; // int, 1..1000
inline constexpr QLatin1String scheduleExpression{"scheduleExpression"}; // "rate(..)", "cron(..)"
inline constexpr QLatin1String duration{"duration"};                     // window, "2h"
} // namespace rotationKey

// RotationRules.AutomaticallyAfterDays is 1..1000.
inline constexpr int maxRotationDays = 1000;

// The form's settings as a request that only configures (RotateImmediately false).
// InvalidInput, in the operator's words, for an unknown key or a value of the wrong type;
// the schedule itself is checked by rotateSecretParams().
Result<AwsRotationRequest> rotationRequestFromSettings(const RotationSettings& settings);
// The configured rotation as the form's settings: only the keys that are set. A schedule
// expression wins over a number of days (AWS may report both for one schedule), so the settings
// always configure the same rotation again.
RotationSettings rotationSettingsOf(const AwsRotationConfig& rotation);
// DescribeSecret's rotation in the common vocabulary. A rotation under way and one that stopped
// look the same there (AWSPENDING on a version without AWSCURRENT): both are State::Stuck, with
// a reason that says so.
RotationInfo describeRotation(const AwsSecretDescription& description);

// RotateSecret's body for `name` with ClientRequestToken `token` (reused on a retry). A schedule
// is either a number of days or an expression, never both; a request that only configures must
// say one. InvalidInput otherwise, before anything is sent.
Result<nlohmann::json> rotateSecretParams(const QString& name, const QString& token,
                                          const AwsRotationRequest& request);
// The new version's id from a RotateSecret reply; InvalidResponse when there is none.
Result<QString> rotatedVersion(const nlohmann::json& reply);

} // namespace secretsmanager
} // namespace strongroom
