#include "RollbackCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "DiffPrinter.h"
#include "SecretPath.h"
#include "SecretService.h"
#include "TerminalPrompt.h"

#include <QJsonObject>
#include <QPointer>

namespace strongroom::cli {

QString RollbackCommand::summary() const {
    return QStringLiteral("Make an old version current again (preview, then confirm or --yes)");
}

QCoro::Task<int> RollbackCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("<path> <version> [--yes]"),
                         QStringLiteral("Writes the value of <version> as a new current version. "
                                        "Prints which keys change first, then asks y/N at a "
                                        "terminal; without a terminal --yes is required. If the "
                                        "secret changes in between, nothing is written (exit "
                                        "code 5)."));
    const QString yes = QStringLiteral("yes");
    parser.addOption({yes, QStringLiteral("Do not ask for confirmation.")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 2, 2)) {
        co_return *exit;
    }
    const SecretRef ref{SecretPath::secret(parser.positional().at(0))};
    if (ref.path.isEmpty()) {
        co_return parser.usageError(out, QStringLiteral("the secret path is empty"));
    }
    const QString target = parser.positional().at(1);
    auto opened = co_await session.openConnection();
    if (!opened) {
        co_return out.fail(opened.error());
    }
    QPointer<Connection> connection = opened.value();
    SecretService& secrets = session.secrets();
    const auto preview = co_await secrets.previewRollback(connection, ref, target);
    if (!preview) {
        co_return out.fail(preview.error(), QStringLiteral("%1 version %2").arg(ref.path, target));
    }
    // The preview goes to stderr in --json mode so stdout stays one JSON document.
    const bool json = session.options().json;
    auto show = [&](const QString& text) {
        json ? out.note(text) : out.line(text);
    };
    show(QStringLiteral("Rollback of %1 from version %2 to the value of version %3:")
             .arg(ref.path, preview->currentVersion, target));
    const QStringList changes = DiffPrinter::keyLines(preview->diff);
    for (const QString& line : changes) {
        show(line);
    }
    if (changes.isEmpty()) {
        show(QStringLiteral("(no change: the values are equal)"));
    }
    if (!parser.isSet(yes)) {
        if (!TerminalPrompt::isInteractive()) {
            co_return parser.usageError(
                out, QStringLiteral("stdin is not a terminal: pass --yes to roll back"));
        }
        // Named first: GCC 12 destroys temporaries inside a co_await expression twice.
        auto confirming = TerminalPrompt::confirm(QStringLiteral("Roll back?"));
        if (!co_await std::move(confirming)) {
            co_return out.fail(ExitCode::Failure, QStringLiteral("rollback cancelled"));
        }
    }
    if (!connection) {
        co_return out.fail(ExitCode::Failure, QStringLiteral("the connection closed"));
    }
    const auto written =
        co_await secrets.rollback(connection, ref, target, preview->currentVersion);
    if (!written) {
        co_return out.fail(written.error(), QStringLiteral("%1 rollback").arg(ref.path));
    }
    if (json) {
        out.writeJson(QJsonObject{{QStringLiteral("path"), ref.path},
                                  {QStringLiteral("from"), preview->currentVersion},
                                  {QStringLiteral("to"), target},
                                  {QStringLiteral("version"), written->newVersion}});
    } else {
        out.line(QStringLiteral("Rolled back %1 to the value of version %2 as version %3")
                     .arg(ref.path, target, written->newVersion));
    }
    co_return 0;
}

} // namespace strongroom::cli
