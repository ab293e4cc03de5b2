#include "SecretsManagerRotationApi.h"

#include <QCoreApplication>

#include <limits>

namespace strongroom::secretsmanager {

namespace {

using json = nlohmann::json;
using Kind = BackendError::Kind;

QString tr(const char* text) {
    return QCoreApplication::translate("SecretsManagerRotationApi", text);
}

BackendError invalidInput(const QString& why) {
    return BackendError(Kind::InvalidInput, why);
}

QString knownKeys() {
    return QStringList{rotationKey::lambdaArn, rotationKey::automaticallyAfterDays,
                       rotationKey::scheduleExpression, rotationKey::duration}
        .join(QStringLiteral(", "));
}

// A text setting: absent is empty; anything but text is refused, so a form that sends a number
// where an ARN belongs is caught here and not by AWS.
std::optional<BackendError> readText(const QVariant& value, QLatin1String key, QString& out) {
    if (!value.isValid() || value.isNull())
        return std::nullopt;
    if (value.typeId() != QMetaType::QString)
        return invalidInput(tr("the rotation setting %1 must be text, not a %2")
                                .arg(key, QString::fromLatin1(value.typeName())));
    out = value.toString().trimmed();
    return std::nullopt;
}

// The number of days: an integer, or text holding one (the CLI passes text). The range is
// checked with the schedule, so "0" and "-3" get the same words as from the form.
std::optional<BackendError> readDays(const QVariant& value, int& out) {
    if (!value.isValid() || value.isNull())
        return std::nullopt;
    bool ok = false;
    qlonglong days = 0;
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        days = value.toLongLong(&ok);
        break;
    case QMetaType::QString:
        days = value.toString().trimmed().toLongLong(&ok);
        break;
    default:
        break;
    }
    if (!ok || days < std::numeric_limits<int>::min() || days > std::numeric_limits<int>::max())
        return invalidInput(tr("the rotation setting %1 must be a whole number of days, not \"%2\"")
                                .arg(rotationKey::automaticallyAfterDays, value.toString()));
    out = static_cast<int>(days);
    return std::nullopt;
}

QString scheduleText(const AwsRotationConfig& rotation) {
    QString schedule;
    if (!rotation.scheduleExpression.isEmpty())
        schedule = rotation.scheduleExpression;
    else if (rotation.automaticallyAfterDays > 0)
        schedule = tr("every %1 days").arg(rotation.automaticallyAfterDays);
    if (!schedule.isEmpty() && !rotation.duration.isEmpty())
        schedule = tr("%1, within a %2 window").arg(schedule, rotation.duration);
    return schedule;
}

} // namespace

Result<AwsRotationRequest> rotationRequestFromSettings(const RotationSettings& settings) {
    AwsRotationRequest request;
    request.rotateImmediately = false;
    for (auto it = settings.cbegin(); it != settings.cend(); ++it) {
        std::optional<BackendError> problem;
        if (it.key() == rotationKey::lambdaArn)
            problem = readText(it.value(), rotationKey::lambdaArn, request.lambdaArn);
        else if (it.key() == rotationKey::automaticallyAfterDays)
            problem = readDays(it.value(), request.automaticallyAfterDays);
        else if (it.key() == rotationKey::scheduleExpression)
            problem =
                readText(it.value(), rotationKey::scheduleExpression, request.scheduleExpression);
        else if (it.key() == rotationKey::duration)
            problem = readText(it.value(), rotationKey::duration, request.duration);
        else
            problem = invalidInput(
                tr("AWS has no rotation setting \"%1\"; it takes %2").arg(it.key(), knownKeys()));
        if (problem)
            return *problem;
    }
    return request;
}

RotationSettings rotationSettingsOf(const AwsRotationConfig& rotation) {
    RotationSettings settings;
    if (!rotation.lambdaArn.isEmpty())
        settings.insert(rotationKey::lambdaArn, rotation.lambdaArn);
    if (!rotation.scheduleExpression.isEmpty())
        settings.insert(rotationKey::scheduleExpression, rotation.scheduleExpression);
    else if (rotation.automaticallyAfterDays > 0)
        settings.insert(rotationKey::automaticallyAfterDays, rotation.automaticallyAfterDays);
    if (!rotation.duration.isEmpty())
        settings.insert(rotationKey::duration, rotation.duration);
    return settings;
}

RotationInfo describeRotation(const AwsSecretDescription& description) {
    const AwsRotationConfig& rotation = description.rotation;
    RotationInfo info;
    info.enabled = rotation.enabled;
    info.schedule = scheduleText(rotation);
    info.lastRotated = rotation.lastRotated;
    info.nextRotation = rotation.nextRotation;
    if (!rotation.lambdaArn.isEmpty()) {
        info.rotator = RotationInfo::Rotator::Function;
        info.rotatorName = rotation.lambdaArn;
    }
    if (const auto stuck = description.stuckPendingVersion()) {
        info.state = RotationInfo::State::Stuck;
        info.stuckVersion = *stuck;
        info.stuckReason = tr("AWSPENDING is on version %1, which is not AWSCURRENT: a rotation "
                              "did not finish (or is running right now)")
                               .arg(*stuck);
    }
    info.settings = rotationSettingsOf(rotation);
    return info;
}

Result<json> rotateSecretParams(const QString& name, const QString& token,
                                const AwsRotationRequest& request) {
    const bool byDays = request.automaticallyAfterDays != 0;
    const bool byExpression = !request.scheduleExpression.trimmed().isEmpty();
    if (byDays && byExpression)
        return invalidInput(tr("give the rotation schedule as a number of days or as a schedule "
                               "expression, not both"));
    if (byDays &&
        (request.automaticallyAfterDays < 1 || request.automaticallyAfterDays > maxRotationDays))
        return invalidInput(tr("rotate every 1 to %1 days, not %2")
                                .arg(maxRotationDays)
                                .arg(request.automaticallyAfterDays));
    // Rotating now works with the schedule already there; only configuring needs one.
    if (!request.rotateImmediately && !byDays && !byExpression)
        return invalidInput(tr("say when the secret rotates: a number of days or a schedule "
                               "expression"));
    json params{{"SecretId", name.toStdString()},
                {"ClientRequestToken", token.toStdString()},
                {"RotateImmediately", request.rotateImmediately}};
    if (!request.lambdaArn.trimmed().isEmpty())
        params["RotationLambdaARN"] = request.lambdaArn.trimmed().toStdString();
    json rules = json::object();
    if (byDays)
        rules["AutomaticallyAfterDays"] = request.automaticallyAfterDays;
    if (byExpression)
        rules["ScheduleExpression"] = request.scheduleExpression.trimmed().toStdString();
    if (!request.duration.trimmed().isEmpty())
        rules["Duration"] = request.duration.trimmed().toStdString();
    if (!rules.empty())
        params["RotationRules"] = std::move(rules);
    return params;
}

Result<QString> rotatedVersion(const json& reply) {
    const auto version = reply.is_object() ? reply.find("VersionId") : reply.end();
    if (!reply.is_object() || version == reply.end() || !version->is_string() ||
        version->get_ref<const std::string&>().empty())
        return BackendError(Kind::InvalidResponse,
                            tr("RotateSecret reply: no VersionId for the new version"));
    return QString::fromStdString(version->get_ref<const std::string&>());
}

} // namespace strongroom::secretsmanager
