#include "StrongroomCli.h"

#include "AuditLogCommand.h"
#include "AuditVerifyCommand.h"
#include "CliProvider.h"
#include "CliSession.h"
#include "ConnectionsCommand.h"
#include "DeleteCommand.h"
#include "DeletedCommand.h"
#include "DeleteSecretCommand.h"
#include "DemoSeedCommand.h"
#include "DestroyCommand.h"
#include "DiffCommand.h"
#include "GetCommand.h"
#include "ListCommand.h"
#include "MetadataCommand.h"
#include "PassphraseSource.h"
#include "ProviderRegistry.h"
#include "PurgeCommand.h"
#include "PutCommand.h"
#include "RestoreCommand.h"
#include "RollbackCommand.h"
#include "RotateCommand.h"
#include "RotationCommand.h"
#include "SearchCommand.h"
#include "StoreInitCommand.h"
#include "StoreStatusCommand.h"
#include "UndeleteCommand.h"
#include "VersionsCommand.h"

#include <algorithm>

namespace strongroom::cli {

namespace {

// Global options that take a value when written as two words ("--connection local").
bool takesValue(const QString& option) {
    return option == QStringLiteral("--connection") ||
           option == QStringLiteral("--passphrase-fd") ||
           option == QStringLiteral("--passphrase-file") || option == QStringLiteral("--mfa-code");
}

bool isHelp(const QString& argument) {
    return argument == QStringLiteral("--help") || argument == QStringLiteral("-h") ||
           argument == QStringLiteral("help");
}

} // namespace

StrongroomCli::StrongroomCli() {
    CommandGroup generic{QStringLiteral("Commands"), {}};
    auto& commands = generic.commands;
    commands.push_back(std::make_unique<StoreInitCommand>());
    commands.push_back(std::make_unique<StoreStatusCommand>());
    commands.push_back(std::make_unique<ConnectionsCommand>());
    commands.push_back(std::make_unique<ListCommand>());
    commands.push_back(std::make_unique<SearchCommand>());
    commands.push_back(std::make_unique<GetCommand>());
    commands.push_back(std::make_unique<VersionsCommand>());
    commands.push_back(std::make_unique<DiffCommand>());
    commands.push_back(std::make_unique<PutCommand>());
    commands.push_back(std::make_unique<RollbackCommand>());
    commands.push_back(std::make_unique<DeleteCommand>());
    commands.push_back(std::make_unique<UndeleteCommand>());
    commands.push_back(std::make_unique<DestroyCommand>());
    commands.push_back(std::make_unique<MetadataCommand>());
    commands.push_back(std::make_unique<DeleteSecretCommand>());
    commands.push_back(std::make_unique<DeletedCommand>());
    commands.push_back(std::make_unique<RestoreCommand>());
    commands.push_back(std::make_unique<PurgeCommand>());
    commands.push_back(std::make_unique<RotationCommand>());
    commands.push_back(std::make_unique<RotateCommand>());
    commands.push_back(std::make_unique<AuditVerifyCommand>());
    commands.push_back(std::make_unique<AuditLogCommand>());
    commands.push_back(std::make_unique<DemoSeedCommand>());
    m_groups.push_back(std::move(generic));
    for (const CliProvider& provider : CliProviderRegistry::builtin().all()) {
        const ProviderDescription* store = ProviderRegistry::builtin().find(provider.providerId);
        CommandGroup group{store ? store->displayName : provider.providerId,
                           provider.makeCommands ? provider.makeCommands()
                                                 : std::vector<std::unique_ptr<CliCommand>>()};
        m_groups.push_back(std::move(group));
    }
}

StrongroomCli::~StrongroomCli() = default;

CliCommand* StrongroomCli::find(const QStringList& words, int& consumed) const {
    // Two-word commands ("store init") before one-word ones.
    for (int count = 2; count >= 1; --count) {
        if (words.size() < count) {
            continue;
        }
        const QString wanted = words.mid(0, count).join(QLatin1Char(' '));
        for (const auto& group : m_groups) {
            for (const auto& command : group.commands) {
                if (command->name() == wanted) {
                    consumed = count;
                    return command.get();
                }
            }
        }
    }
    return nullptr;
}

QString StrongroomCli::helpText() const {
    QString text = QStringLiteral(
        "Usage: strongroom-cli [global options] <command> [options] [arguments]\n\n"
        "One console for every secrets store: the same audited operations as the Strongroom "
        "window. The generic commands work on every store that can do what they ask (and "
        "say so when it cannot); each store's own commands follow under its name.\n");
    // Names padded to the longest one, so the summaries line up across the groups.
    qsizetype width = 0;
    for (const auto& group : m_groups) {
        for (const auto& command : group.commands) {
            width = std::max(width, command->name().size());
        }
    }
    for (const auto& group : m_groups) {
        text += QStringLiteral("\n%1:\n").arg(group.title);
        for (const auto& command : group.commands) {
            text += QStringLiteral("  %1  %2\n")
                        .arg(command->name(), -static_cast<int>(width))
                        .arg(command->summary());
        }
    }
    text += QStringLiteral(
                "\nGlobal options (accepted by every command):\n"
                "  --connection <id>       the connection to use (default: local)\n"
                "  --json                  machine-readable JSON on stdout\n"
                "  --passphrase-fd <n>     read the local store's passphrase from descriptor n\n"
                "  --passphrase-file <f>   read it from the first line of file f\n"
                "  --mfa-code <code>       one-time code for a sign-in that needs MFA (asked "
                "at a terminal otherwise)\n"
                "  -h, --help              help (also: strongroom-cli <command> --help)\n\n"
                "Environment:\n"
                "  STRONGROOM_HOME         keep config, store and audit log in this directory\n"
                "  %1  passphrase file, when no option names one\n"
                "A passphrase store with no passphrase source asks on the terminal (no echo).\n"
                "Values are printed only by `get` and `diff --show-values`, on stdout; errors "
                "are one line on stderr: \"strongroom-cli: <message>\".\n\n")
                .arg(PassphraseSource::environmentVariable());
    text += exitCodeTable();
    return text;
}

QCoro::Task<int> StrongroomCli::run(QStringList arguments) {
    const QString program =
        arguments.isEmpty() ? QStringLiteral("strongroom-cli") : arguments.takeFirst();
    QStringList leadingGlobals;
    bool helpAsked = false;
    while (!arguments.isEmpty() && arguments.first().startsWith(QLatin1Char('-'))) {
        const QString option = arguments.takeFirst();
        if (isHelp(option)) {
            helpAsked = true;
            continue;
        }
        leadingGlobals.append(option);
        if (takesValue(option) && !arguments.isEmpty()) {
            leadingGlobals.append(arguments.takeFirst());
        }
    }
    if (arguments.isEmpty() && !helpAsked) {
        co_return m_output.fail(ExitCode::Usage,
                                QStringLiteral("no command given (see: strongroom-cli --help)"));
    }
    if (arguments.isEmpty() || isHelp(arguments.first())) {
        m_output.line(helpText().trimmed());
        co_return 0;
    }
    int consumed = 0;
    CliCommand* command = find(arguments, consumed);
    if (command == nullptr) {
        co_return m_output.fail(ExitCode::Usage,
                                QStringLiteral("unknown command '%1' (see: strongroom-cli --help)")
                                    .arg(arguments.mid(0, 2).join(QLatin1Char(' '))));
    }
    QStringList forCommand{program};
    forCommand << leadingGlobals << arguments.mid(consumed);
    if (helpAsked) {
        forCommand << QStringLiteral("--help");
    }
    CliSession session(m_output);
    co_return co_await command->run(session, forCommand);
}

} // namespace strongroom::cli
