#include "AwsRotationCommand.h"

#include "AwsAdminTarget.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "SecretPath.h"
#include "SecretsManagerBackend.h"

#include <QJsonArray>

namespace strongroom::cli {

namespace {

QString when(const QDateTime& time) {
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QStringLiteral("-");
}

QJsonValue jsonTime(const QDateTime& time) {
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QString schedule(const AwsRotationConfig& rotation) {
    if (!rotation.scheduleExpression.isEmpty()) {
        return rotation.scheduleExpression;
    }
    if (rotation.automaticallyAfterDays > 0) {
        return QStringLiteral("every %1 days").arg(rotation.automaticallyAfterDays);
    }
    return QStringLiteral("-");
}

} // namespace

QString AwsRotationCommand::summary() const {
    return QStringLiteral("Show an AWS secret's rotation: schedule, Lambda, labels, stuck "
                          "AWSPENDING");
}

QCoro::Task<int> AwsRotationCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("--connection <id> <path>"),
                         QStringLiteral("Shows whether the secret rotates, with which Lambda and "
                                        "schedule, when it last rotated and rotates next, the "
                                        "staging labels of every version, and an AWSPENDING left "
                                        "behind by a rotation that did not finish."));
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 1)) {
        co_return *exit;
    }
    const SecretRef ref{SecretPath::secret(parser.positional().first())};
    auto opening = AwsAdminTarget::open(session);
    auto target = co_await std::move(opening);
    if (!target) {
        co_return out.fail(target.error());
    }
    auto describing = target->backend()->describe(ref);
    auto described = co_await std::move(describing);
    const Status status = described ? Status(Done{}) : Status(described.error());
    auto auditing = AwsAdminTarget::audit(session, target->connectionId(), ref.path,
                                          QStringLiteral("aws-rotation-show"), status, {});
    co_await std::move(auditing);
    if (!described) {
        co_return out.fail(described.error(), ref.path);
    }
    const AwsSecretDescription& secret = described.value();
    const AwsRotationConfig& rotation = secret.rotation;
    const auto stuck = secret.stuckPendingVersion();
    if (session.options().json) {
        QJsonObject versions;
        for (auto it = secret.versionStages.begin(); it != secret.versionStages.end(); ++it) {
            versions.insert(it.key(), QJsonArray::fromStringList(it.value()));
        }
        out.writeJson(QJsonObject{
            {QStringLiteral("name"), secret.name},
            {QStringLiteral("arn"), secret.arn},
            {QStringLiteral("enabled"), rotation.enabled},
            {QStringLiteral("lambdaArn"), rotation.lambdaArn},
            {QStringLiteral("automaticallyAfterDays"), rotation.automaticallyAfterDays},
            {QStringLiteral("scheduleExpression"), rotation.scheduleExpression},
            {QStringLiteral("duration"), rotation.duration},
            {QStringLiteral("lastRotated"), jsonTime(rotation.lastRotated)},
            {QStringLiteral("nextRotation"), jsonTime(rotation.nextRotation)},
            {QStringLiteral("currentVersion"), secret.currentVersion()},
            {QStringLiteral("stuckPendingVersion"), stuck ? QJsonValue(*stuck) : QJsonValue()},
            {QStringLiteral("versions"), versions}});
        co_return 0;
    }
    out.line(QStringLiteral("secret:        %1").arg(secret.name));
    out.line(QStringLiteral("rotation:      %1")
                 .arg(rotation.enabled ? QStringLiteral("enabled") : QStringLiteral("disabled")));
    out.line(QStringLiteral("lambda:        %1")
                 .arg(rotation.lambdaArn.isEmpty() ? QStringLiteral("-") : rotation.lambdaArn));
    out.line(
        QStringLiteral("schedule:      %1%2")
            .arg(schedule(rotation), rotation.duration.isEmpty()
                                         ? QString()
                                         : QStringLiteral(" (window %1)").arg(rotation.duration)));
    out.line(QStringLiteral("last rotated:  %1").arg(when(rotation.lastRotated)));
    out.line(QStringLiteral("next rotation: %1").arg(when(rotation.nextRotation)));
    out.line(QStringLiteral("versions:"));
    for (auto it = secret.versionStages.begin(); it != secret.versionStages.end(); ++it) {
        out.line(QStringLiteral("  %1  %2")
                     .arg(it.key(), it.value().isEmpty() ? QStringLiteral("(deprecated)")
                                                         : it.value().join(QLatin1Char(','))));
    }
    if (stuck) {
        out.line(QStringLiteral("stuck: AWSPENDING is on version %1, which is not AWSCURRENT: a "
                                "rotation did not finish (clear it with: strongroom-cli aws "
                                "clear-pending --connection %2 %3 --version %1)")
                     .arg(*stuck, target->connectionId(), ref.path));
    }
    co_return 0;
}

} // namespace strongroom::cli
