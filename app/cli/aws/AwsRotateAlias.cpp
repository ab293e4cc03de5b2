#include "AwsRotateAlias.h"

#include "AwsConnectionCheck.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "RotateCommand.h"
#include "RotationCommand.h"
#include "VerbAlias.h"

namespace strongroom::cli {

namespace {
const QString kLambda = QStringLiteral("lambda");
const QString kDays = QStringLiteral("days");
const QString kSchedule = QStringLiteral("schedule");
const QString kWindow = QStringLiteral("window");
const QString kNoImmediately = QStringLiteral("no-immediately");

// The rotation settings keys of SecretsManagerBackend::configureRotation.
const QString kLambdaArn = QStringLiteral("lambdaArn");
const QString kAfterDays = QStringLiteral("automaticallyAfterDays");
const QString kExpression = QStringLiteral("scheduleExpression");
const QString kDuration = QStringLiteral("duration");
} // namespace

QString AwsRotateAlias::summary() const {
    return VerbAlias::aliasSummary(
        QStringLiteral("with --lambda, --days, --schedule, --window, --no-immediately"),
        QStringLiteral("rotate --set / rotation --set"));
}

QCoro::Task<int> AwsRotateAlias::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(
        name(),
        QStringLiteral("--connection <id> <path> [--lambda ARN] [--days N | --schedule EXPR] "
                       "[--window D] [--no-immediately]"),
        QStringLiteral("Starts a rotation now with the configured (or given) Lambda, setting the "
                       "schedule first when --days or --schedule is given; with --no-immediately "
                       "only the rotation is configured. The same as `rotate <path> --set "
                       "lambdaArn=ARN --set automaticallyAfterDays=N --set "
                       "scheduleExpression=EXPR --set duration=D` (`rotation --set …` with "
                       "--no-immediately), with the same output and audit entries."));
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
    if (parser.isSet(kDays) && parser.isSet(kSchedule)) {
        co_return parser.usageError(out, QStringLiteral("give --days or --schedule, not both"));
    }
    QStringList settings;
    if (parser.isSet(kLambda)) {
        settings << QStringLiteral("%1=%2").arg(kLambdaArn, parser.value(kLambda));
    }
    if (parser.isSet(kDays)) {
        const auto days = CommandParser::toCount(parser.value(kDays));
        if (!days || *days < 1 || *days > 1000) {
            co_return parser.usageError(out, QStringLiteral("--days needs 1 to 1000"));
        }
        settings << QStringLiteral("%1=%2").arg(kAfterDays).arg(*days);
    }
    if (parser.isSet(kSchedule)) {
        settings << QStringLiteral("%1=%2").arg(kExpression, parser.value(kSchedule));
    }
    if (parser.isSet(kWindow)) {
        settings << QStringLiteral("%1=%2").arg(kDuration, parser.value(kWindow));
    }
    const bool now = !parser.isSet(kNoImmediately);
    if (!now && settings.isEmpty()) {
        co_return parser.usageError(out, QStringLiteral("--no-immediately needs --lambda, --days "
                                                        "or --schedule to configure"));
    }
    // The generic verb parses these again; the global options are already in the session.
    QStringList forVerb{arguments.value(0), parser.positional().first()};
    for (const QString& setting : settings) {
        forVerb << QStringLiteral("--set") << setting;
    }
    const VerbInvocation invocation{name(), &AwsConnectionCheck::check};
    if (now) {
        RotateCommand rotate;
        auto running = rotate.runAs(session, forVerb, invocation);
        co_return co_await std::move(running);
    }
    RotationCommand rotation;
    auto running = rotation.runAs(session, forVerb, invocation);
    co_return co_await std::move(running);
}

} // namespace strongroom::cli
