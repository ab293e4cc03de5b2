#include "RotateCommand.h"

#include "AuditActions.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "RotationService.h"
#include "RotationSettingsInput.h"
#include "SecretPath.h"
#include "StoreVerbTarget.h"
#include "Workspace.h"

namespace strongroom::cli {

QString RotateCommand::summary() const {
    return QStringLiteral("Rotate a secret now and print its new version");
}

QCoro::Task<int> RotateCommand::runAs(CliSession& session, QStringList arguments,
                                      VerbInvocation invocation) {
    CliOutput& out = session.output();
    CommandParser parser(
        invocation.command, QStringLiteral("<path> [--set key=value ...]"),
        QStringLiteral("Starts a rotation now with what the store has configured (see "
                       "`rotation`). With --set the rotation is configured first, with the "
                       "store's own settings keys, as `rotation --set` does.\n"
                       "--json: {\"connection\", \"path\", \"action\": \"rotate\", \"result\": "
                       "\"ok\", \"version\": the new version's id|null, \"settings\": {...} (with "
                       "--set)}"));
    parser.addOption({RotationSettingsInput::optionName(),
                      QStringLiteral("Configure this rotation setting first (repeat for more)."),
                      QStringLiteral("key=value")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 1)) {
        co_return *exit;
    }
    const SecretRef ref{SecretPath::secret(parser.positional().first())};
    if (ref.path.isEmpty()) {
        co_return parser.usageError(out, QStringLiteral("the secret path is empty"));
    }
    const bool setting = parser.isSet(RotationSettingsInput::optionName());
    QString problem;
    const auto settings =
        RotationSettingsInput::parse(parser.values(RotationSettingsInput::optionName()), problem);
    if (!settings) {
        co_return parser.usageError(out, problem);
    }
    auto opening = StoreVerbTarget::open(session, invocation, Capability::Rotate);
    auto target = co_await std::move(opening);
    if (target.exit) {
        co_return *target.exit;
    }
    const QString id = target.connection->id();
    RotationService* rotations = session.workspace().rotations();
    if (setting) {
        if (auto exit = StoreVerbTarget::refuseUnless(out, *target.connection,
                                                      Capability::ConfigureRotation)) {
            co_return *exit;
        }
        auto configuring = rotations->configure(target.connection, ref, *settings,
                                                RotationSettingsInput::describe(*settings));
        const Status configured = co_await std::move(configuring);
        if (!configured) {
            co_return out.fail(configured.error(), ref.path);
        }
        if (!target.connection) {
            co_return out.fail(ExitCode::Failure, QStringLiteral("the connection closed"));
        }
    }
    auto rotating = rotations->rotateNow(target.connection, ref);
    auto rotated = co_await std::move(rotating);
    if (!rotated) {
        co_return out.fail(rotated.error(), ref.path);
    }
    const QString version = rotated.value();
    if (session.options().json) {
        QJsonObject extra{
            {QStringLiteral("version"), version.isEmpty() ? QJsonValue() : QJsonValue(version)}};
        if (setting) {
            extra.insert(QStringLiteral("settings"), QJsonObject::fromVariantMap(*settings));
        }
        out.writeJson(StoreVerbTarget::json(id, ref.path, actions::rotate(), extra));
    } else if (version.isEmpty()) {
        out.line(QStringLiteral("rotation of %1 started").arg(ref.path));
    } else {
        out.line(QStringLiteral("rotation of %1 started: new version %2").arg(ref.path, version));
    }
    co_return 0;
}

} // namespace strongroom::cli
