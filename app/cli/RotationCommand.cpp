#include "RotationCommand.h"

#include "AuditActions.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "RotationReport.h"
#include "RotationService.h"
#include "RotationSettingsInput.h"
#include "SecretPath.h"
#include "SecretService.h"
#include "StoreVerbTarget.h"
#include "Workspace.h"

namespace strongroom::cli {

namespace {
const QString kOff = QStringLiteral("off");
const QString kClearStuck = QStringLiteral("clear-stuck");
const QString kVersion = QStringLiteral("version");

BackendError closed() {
    return BackendError(BackendError::Kind::Cancelled, QStringLiteral("the connection closed"));
}
} // namespace

QString RotationCommand::summary() const {
    return QStringLiteral("Show how a secret rotates; --set, --off or --clear-stuck change it");
}

QCoro::Task<int> RotationCommand::runAs(CliSession& session, QStringList arguments,
                                        VerbInvocation invocation) {
    CliOutput& out = session.output();
    CommandParser parser(
        invocation.command,
        QStringLiteral("<path> [--set key=value ... | --off | --clear-stuck [--version V]]"),
        QStringLiteral(
            "Shows whether the secret rotates, on what schedule and by whom, when it last "
            "rotated and rotates next, whether a rotation is under way or stuck (and why), and "
            "the labels of its versions. --set configures the rotation with the store's own "
            "settings keys (the show lists the current ones under settings); --off turns automatic "
            "rotation off; --clear-stuck clears a rotation "
            "that did not finish (the version it left behind, as shown now; --version must "
            "name it when given).\n"
            "--json (show): {\"connection\", \"path\", \"enabled\": bool, \"schedule\", "
            "\"rotator\": \"none\"|\"function\"|\"notification\"|\"database role\"|\"generated "
            "value\", \"rotatorName\", \"lastRotated\", \"nextRotation\": ISO time|null, "
            "\"state\": \"idle\"|\"in progress\"|\"stuck\", \"stuckReason\", \"stuckVersion\", "
            "\"stuckPendingVersion\" (the same, under the name older scripts read), "
            "\"settings\": {the store's keys}, \"versions\": {id: [labels]}}; strings are null "
            "when empty.\n"
            "--json (--set, --off, --clear-stuck): {\"connection\", \"path\", \"action\": "
            "\"configure-rotation\"|\"disable-rotation\"|\"clear-stuck-rotation\", \"result\": "
            "\"ok\", \"settings\": {...} (--set), \"version\" (--clear-stuck)}"));
    parser.addOption({RotationSettingsInput::optionName(),
                      QStringLiteral("A rotation setting of the store (repeat for more)."),
                      QStringLiteral("key=value")});
    parser.addOption({kOff, QStringLiteral("Turn automatic rotation off.")});
    parser.addOption({kClearStuck, QStringLiteral("Clear a rotation that did not finish.")});
    parser.addOption({kVersion,
                      QStringLiteral("With --clear-stuck: the version it must be stuck on."),
                      QStringLiteral("V")});
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
    const int modes =
        (setting ? 1 : 0) + (parser.isSet(kOff) ? 1 : 0) + (parser.isSet(kClearStuck) ? 1 : 0);
    if (modes > 1) {
        co_return parser.usageError(out,
                                    QStringLiteral("give one of --set, --off and --clear-stuck"));
    }
    if (parser.isSet(kVersion) && !parser.isSet(kClearStuck)) {
        co_return parser.usageError(out, QStringLiteral("--version goes with --clear-stuck"));
    }
    if (parser.isSet(kVersion) && parser.value(kVersion).trimmed().isEmpty()) {
        co_return parser.usageError(out, QStringLiteral("--version needs a version id"));
    }
    const QStringList settings = parser.values(RotationSettingsInput::optionName());
    QString problem;
    if (setting && !RotationSettingsInput::parse(settings, problem)) {
        co_return parser.usageError(out, problem);
    }
    Capability needed = Capability::RotationStatus;
    if (setting || parser.isSet(kOff)) {
        needed = Capability::ConfigureRotation;
    } else if (parser.isSet(kClearStuck)) {
        needed = Capability::ClearStuckRotation;
    }
    auto opening = StoreVerbTarget::open(session, invocation, needed);
    auto target = co_await std::move(opening);
    if (target.exit) {
        co_return *target.exit;
    }
    if (setting) {
        auto running = configure(session, target.connection, ref.path, settings);
        co_return co_await std::move(running);
    }
    if (parser.isSet(kOff)) {
        auto running = turnOff(session, target.connection, ref.path);
        co_return co_await std::move(running);
    }
    if (parser.isSet(kClearStuck)) {
        // Clearing starts from what the store says is stuck now.
        if (auto exit = StoreVerbTarget::refuseUnless(out, *target.connection,
                                                      Capability::RotationStatus)) {
            co_return *exit;
        }
        auto running =
            clearStuck(session, target.connection, ref.path, parser.value(kVersion).trimmed());
        co_return co_await std::move(running);
    }
    auto running = show(session, target.connection, ref.path);
    co_return co_await std::move(running);
}

QCoro::Task<int> RotationCommand::show(CliSession& session, QPointer<Connection> connection,
                                       QString path) {
    CliOutput& out = session.output();
    RotationReport report;
    report.connectionId = connection->id();
    report.path = path;
    auto describing = session.workspace().rotations()->rotation(connection, SecretRef{path});
    auto described = co_await std::move(describing);
    if (!described) {
        co_return out.fail(described.error(), path);
    }
    report.rotation = std::move(described.value());
    if (connection) {
        auto listing = session.secrets().versions(connection, SecretRef{path});
        auto listed = co_await std::move(listing);
        if (listed) {
            report.versions = std::move(listed.value());
        }
    }
    if (session.options().json) {
        out.writeJson(report.toJson());
    } else {
        for (const QString& line : report.lines()) {
            out.line(line);
        }
    }
    co_return 0;
}

QCoro::Task<int> RotationCommand::configure(CliSession& session, QPointer<Connection> connection,
                                            QString path, QStringList arguments) {
    CliOutput& out = session.output();
    QString problem;
    const RotationSettings settings = RotationSettingsInput::parse(arguments, problem).value();
    const QString id = connection->id();
    const QString summary = RotationSettingsInput::describe(settings);
    auto configuring =
        session.workspace().rotations()->configure(connection, SecretRef{path}, settings, summary);
    const Status configured = co_await std::move(configuring);
    if (!configured) {
        co_return out.fail(configured.error(), path);
    }
    if (session.options().json) {
        out.writeJson(StoreVerbTarget::json(
            id, path, actions::configureRotation(),
            {{QStringLiteral("settings"), QJsonObject::fromVariantMap(settings)}}));
    } else {
        out.line(QStringLiteral("rotation of %1 configured (%2)").arg(path, summary));
    }
    co_return 0;
}

QCoro::Task<int> RotationCommand::turnOff(CliSession& session, QPointer<Connection> connection,
                                          QString path) {
    CliOutput& out = session.output();
    const QString id = connection->id();
    auto disabling = session.workspace().rotations()->disable(connection, SecretRef{path});
    const Status disabled = co_await std::move(disabling);
    if (!disabled) {
        co_return out.fail(disabled.error(), path);
    }
    if (session.options().json) {
        out.writeJson(StoreVerbTarget::json(id, path, actions::disableRotation()));
    } else {
        out.line(QStringLiteral("automatic rotation of %1 is off").arg(path));
    }
    co_return 0;
}

QCoro::Task<int> RotationCommand::clearStuck(CliSession& session, QPointer<Connection> connection,
                                             QString path, QString expectedVersion) {
    CliOutput& out = session.output();
    const QString id = connection->id();
    RotationService* rotations = session.workspace().rotations();
    auto describing = rotations->rotation(connection, SecretRef{path});
    auto described = co_await std::move(describing);
    if (!described) {
        co_return out.fail(described.error(), path);
    }
    const QString stuck = described->stuckVersion;
    if (described->state != RotationInfo::State::Stuck || stuck.isEmpty()) {
        co_return out.fail(
            ExitCode::Failure,
            QStringLiteral("%1: no rotation is stuck; nothing was changed").arg(path));
    }
    if (!expectedVersion.isEmpty() && expectedVersion != stuck) {
        co_return out.fail(ExitCode::Conflict,
                           QStringLiteral("%1: the stuck rotation is on version %2, not %3; "
                                          "nothing was changed")
                               .arg(path, stuck, expectedVersion));
    }
    if (!connection) {
        co_return out.fail(closed());
    }
    auto clearing = rotations->clearStuck(connection, SecretRef{path}, stuck);
    const Status cleared = co_await std::move(clearing);
    if (!cleared) {
        co_return out.fail(cleared.error(), path);
    }
    if (session.options().json) {
        out.writeJson(StoreVerbTarget::json(id, path, actions::clearStuckRotation(),
                                            {{QStringLiteral("version"), stuck}}));
    } else {
        out.line(QStringLiteral("stuck rotation of %1 cleared (version %2)").arg(path, stuck));
    }
    co_return 0;
}

} // namespace strongroom::cli
