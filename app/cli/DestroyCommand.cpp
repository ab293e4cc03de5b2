#include "DestroyCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "SecretPath.h"
#include "SecretService.h"
#include "TerminalPrompt.h"
#include "VersionListReport.h"

#include <QPointer>

namespace strongroom::cli {

QString DestroyCommand::summary() const {
    return QStringLiteral("Erase versions for good (--confirm <secret name>)");
}

QCoro::Task<int> DestroyCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("<path> <versions...> --confirm <name>"),
                         QStringLiteral("Erases the values of the given versions; this cannot be "
                                        "undone. --confirm must repeat the secret's name (the "
                                        "last segment of its path); at a terminal it can be "
                                        "typed when asked instead."));
    const QString confirm = QStringLiteral("confirm");
    parser.addOption(
        {confirm, QStringLiteral("The secret's name, to confirm."), QStringLiteral("name")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 2, -1)) {
        co_return *exit;
    }
    QStringList versions = parser.positional();
    const SecretRef ref{SecretPath::secret(versions.takeFirst())};
    if (ref.path.isEmpty()) {
        co_return parser.usageError(out, QStringLiteral("the secret path is empty"));
    }
    if (!parser.isSet(confirm) && !TerminalPrompt::isInteractive()) {
        co_return parser.usageError(
            out, QStringLiteral("stdin is not a terminal: pass --confirm %1").arg(ref.name()));
    }
    auto opened = co_await session.openConnection();
    if (!opened) {
        co_return out.fail(opened.error());
    }
    QPointer<Connection> connection = opened.value();
    SecretService& secrets = session.secrets();
    // An unknown secret is reported as such before anyone is asked to type its name.
    const auto metadata = co_await secrets.metadata(connection, ref);
    if (!metadata) {
        co_return out.fail(metadata.error(), ref.path);
    }
    QString typed = parser.value(confirm);
    if (!parser.isSet(confirm)) {
        // Named first: GCC 12 destroys temporaries inside a co_await expression twice.
        auto asking = TerminalPrompt::ask(
            QStringLiteral("Destroying %1 version %2 cannot be undone. Type the secret's name "
                           "(%3) to confirm: ")
                .arg(ref.path, versions.join(QStringLiteral(", ")), ref.name()));
        auto answer = co_await std::move(asking);
        if (!answer) {
            co_return out.fail(answer.error());
        }
        typed = answer->trimmed();
    }
    if (typed != ref.name()) {
        co_return parser.usageError(out, QStringLiteral("the confirmation does not match the "
                                                        "secret's name '%1'; nothing was destroyed")
                                             .arg(ref.name()));
    }
    if (!connection) {
        co_return out.fail(ExitCode::Failure, QStringLiteral("the connection closed"));
    }
    const Status destroyed = co_await secrets.destroyVersions(connection, ref, versions);
    co_return VersionListReport(out, session.options().json)
        .report(destroyed, ref, versions, QStringLiteral("Destroyed"));
}

} // namespace strongroom::cli
