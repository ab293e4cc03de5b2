#include "AwsRotateCommand.h"

#include "AwsAdminTarget.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "SecretPath.h"
#include "SecretsManagerAdmin.h"

namespace strongroom::cli {

namespace {
const QString kLambda = QStringLiteral("lambda");
const QString kDays = QStringLiteral("days");
const QString kSchedule = QStringLiteral("schedule");
const QString kWindow = QStringLiteral("window");
const QString kNoImmediately = QStringLiteral("no-immediately");
} // namespace

QString AwsRotateCommand::summary() const {
    return QStringLiteral("Rotate an AWS secret now, or set its rotation Lambda and schedule");
}

QCoro::Task<int> AwsRotateCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(
        name(),
        QStringLiteral("--connection <id> <path> [--lambda ARN] [--days N | --schedule EXPR] "
                       "[--no-immediately]"),
        QStringLiteral("RotateSecret: starts a rotation now with the configured (or given) "
                       "Lambda, and sets the schedule when --days or --schedule is given. With "
                       "--no-immediately the schedule is saved and AWS only tests the Lambda now; "
                       "the rotation runs in the next window."));
    parser.addOption({kLambda, QStringLiteral("Rotation Lambda ARN."), QStringLiteral("arn")});
    parser.addOption(
        {kDays, QStringLiteral("Rotate every N days (1..1000)."), QStringLiteral("n")});
    parser.addOption(
        {kSchedule, QStringLiteral("rate(...) or cron(...) expression."), QStringLiteral("expr")});
    parser.addOption({kWindow, QStringLiteral("Rotation window, e.g. 2h."), QStringLiteral("d")});
    parser.addOption({kNoImmediately, QStringLiteral("Do not rotate now; only set the schedule.")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 1)) {
        co_return *exit;
    }
    const SecretRef ref{SecretPath::secret(parser.positional().first())};
    if (parser.isSet(kDays) && parser.isSet(kSchedule)) {
        co_return parser.usageError(out, QStringLiteral("give --days or --schedule, not both"));
    }
    AwsRotationRequest request;
    request.lambdaArn = parser.value(kLambda);
    request.scheduleExpression = parser.value(kSchedule);
    request.duration = parser.value(kWindow);
    request.rotateImmediately = !parser.isSet(kNoImmediately);
    if (parser.isSet(kDays)) {
        const auto days = CommandParser::toCount(parser.value(kDays));
        if (!days || *days < 1 || *days > 1000) {
            co_return parser.usageError(out, QStringLiteral("--days needs 1 to 1000"));
        }
        request.automaticallyAfterDays = *days;
    }
    const bool configures = parser.isSet(kLambda) || parser.isSet(kDays) ||
                            parser.isSet(kSchedule) || parser.isSet(kWindow);
    if (!request.rotateImmediately && !configures) {
        co_return parser.usageError(out, QStringLiteral("--no-immediately needs --lambda, --days "
                                                        "or --schedule to configure"));
    }
    auto opening = AwsAdminTarget::open(session);
    auto target = co_await std::move(opening);
    if (!target) {
        co_return out.fail(target.error());
    }
    const QString id = target->connectionId();
    QString detail = request.lambdaArn.isEmpty()
                         ? QStringLiteral("configured Lambda")
                         : QStringLiteral("lambda %1").arg(request.lambdaArn);
    if (request.automaticallyAfterDays > 0) {
        detail += QStringLiteral("; every %1 days").arg(request.automaticallyAfterDays);
    }
    if (!request.scheduleExpression.isEmpty()) {
        detail += QStringLiteral("; schedule %1").arg(request.scheduleExpression);
    }
    SecretsManagerAdmin admin(target->backend());
    if (!request.rotateImmediately) {
        auto configuring = admin.configureRotation(ref, request);
        const Status configured = co_await std::move(configuring);
        auto auditing = AwsAdminTarget::audit(
            session, id, ref.path, QStringLiteral("aws-rotation-configure"), configured, detail);
        co_await std::move(auditing);
        if (!configured) {
            co_return out.fail(configured.error(), ref.path);
        }
        if (session.options().json) {
            out.writeJson(AwsAdminTarget::json(id, ref.path, QStringLiteral("rotation-configure")));
        } else {
            out.line(QStringLiteral("rotation of %1 configured (%2); not rotated now")
                         .arg(ref.path, detail));
        }
        co_return 0;
    }
    auto rotating = admin.rotateNow(ref, configures ? std::optional(request) : std::nullopt);
    auto rotated = co_await std::move(rotating);
    const Status status = rotated ? Status(Done{}) : Status(rotated.error());
    auto auditing =
        AwsAdminTarget::audit(session, id, ref.path, QStringLiteral("aws-rotate"), status, detail,
                              rotated ? QStringList{rotated.value()} : QStringList());
    co_await std::move(auditing);
    if (!rotated) {
        co_return out.fail(rotated.error(), ref.path);
    }
    if (session.options().json) {
        out.writeJson(AwsAdminTarget::json(id, ref.path, QStringLiteral("rotate"),
                                           {{QStringLiteral("version"), rotated.value()}}));
    } else {
        out.line(QStringLiteral("rotation of %1 started: new version %2")
                     .arg(ref.path, rotated.value()));
    }
    co_return 0;
}

} // namespace strongroom::cli
