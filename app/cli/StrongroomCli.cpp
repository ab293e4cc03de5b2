#include "StrongroomCli.h"

#include "AuditLogCommand.h"
#include "AuditVerifyCommand.h"
#include "AwsCancelRotationCommand.h"
#include "AwsClearPendingCommand.h"
#include "AwsConnectCommand.h"
#include "AwsDeleteCommand.h"
#include "AwsDeletedCommand.h"
#include "AwsLogoutCommand.h"
#include "AwsRestoreCommand.h"
#include "AwsRotateCommand.h"
#include "AwsRotationCommand.h"
#include "AwsWhoamiCommand.h"
#include "CliSession.h"
#include "ConnectionsCommand.h"
#include "DeleteCommand.h"
#include "DemoSeedCommand.h"
#include "DestroyCommand.h"
#include "DiffCommand.h"
#include "GenerateRootCommand.h"
#include "GetCommand.h"
#include "InitCommand.h"
#include "ListCommand.h"
#include "MetadataCommand.h"
#include "PassphraseSource.h"
#include "PutCommand.h"
#include "RollbackCommand.h"
#include "SealCommand.h"
#include "SealStatusCommand.h"
#include "SearchCommand.h"
#include "StoreInitCommand.h"
#include "StoreStatusCommand.h"
#include "UndeleteCommand.h"
#include "UnsealCommand.h"
#include "VaultConnectCommand.h"
#include "VaultLoginCommand.h"
#include "VaultLogoutCommand.h"
#include "VaultMountsCommand.h"
#include "VaultTokenCommand.h"
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
    m_commands.push_back(std::make_unique<StoreInitCommand>());
    m_commands.push_back(std::make_unique<StoreStatusCommand>());
    m_commands.push_back(std::make_unique<ConnectionsCommand>());
    m_commands.push_back(std::make_unique<ListCommand>());
    m_commands.push_back(std::make_unique<SearchCommand>());
    m_commands.push_back(std::make_unique<GetCommand>());
    m_commands.push_back(std::make_unique<VersionsCommand>());
    m_commands.push_back(std::make_unique<DiffCommand>());
    m_commands.push_back(std::make_unique<PutCommand>());
    m_commands.push_back(std::make_unique<RollbackCommand>());
    m_commands.push_back(std::make_unique<DeleteCommand>());
    m_commands.push_back(std::make_unique<UndeleteCommand>());
    m_commands.push_back(std::make_unique<DestroyCommand>());
    m_commands.push_back(std::make_unique<MetadataCommand>());
    m_commands.push_back(std::make_unique<AuditVerifyCommand>());
    m_commands.push_back(std::make_unique<AuditLogCommand>());
    m_commands.push_back(std::make_unique<DemoSeedCommand>());
    m_commands.push_back(std::make_unique<VaultConnectCommand>());
    m_commands.push_back(std::make_unique<VaultLoginCommand>());
    m_commands.push_back(std::make_unique<VaultLogoutCommand>());
    m_commands.push_back(std::make_unique<VaultTokenCommand>());
    m_commands.push_back(std::make_unique<VaultMountsCommand>());
    m_commands.push_back(std::make_unique<AwsConnectCommand>());
    m_commands.push_back(std::make_unique<AwsWhoamiCommand>());
    m_commands.push_back(std::make_unique<AwsLogoutCommand>());
    m_commands.push_back(std::make_unique<AwsRotationCommand>());
    m_commands.push_back(std::make_unique<AwsRotateCommand>());
    m_commands.push_back(std::make_unique<AwsCancelRotationCommand>());
    m_commands.push_back(std::make_unique<AwsClearPendingCommand>());
    m_commands.push_back(std::make_unique<AwsDeleteCommand>());
    m_commands.push_back(std::make_unique<AwsRestoreCommand>());
    m_commands.push_back(std::make_unique<AwsDeletedCommand>());
    m_commands.push_back(std::make_unique<SealStatusCommand>());
    m_commands.push_back(std::make_unique<InitCommand>());
    m_commands.push_back(std::make_unique<UnsealCommand>());
    m_commands.push_back(std::make_unique<SealCommand>());
    m_commands.push_back(std::make_unique<GenerateRootCommand>());
}

StrongroomCli::~StrongroomCli() = default;

CliCommand* StrongroomCli::find(const QStringList& words, int& consumed) const {
    // Two-word commands ("store init") before one-word ones.
    for (int count = 2; count >= 1; --count) {
        if (words.size() < count) {
            continue;
        }
        const QString wanted = words.mid(0, count).join(QLatin1Char(' '));
        for (const auto& command : m_commands) {
            if (command->name() == wanted) {
                consumed = count;
                return command.get();
            }
        }
    }
    return nullptr;
}

QString StrongroomCli::helpText() const {
    QString text = QStringLiteral(
        "Usage: strongroom-cli [global options] <command> [options] [arguments]\n\n"
        "One console for every secrets store: the same audited operations as the Strongroom "
        "window.\n\nCommands:\n");
    // Names padded to the longest one, so the summaries line up.
    qsizetype width = 0;
    for (const auto& command : m_commands) {
        width = std::max(width, command->name().size());
    }
    for (const auto& command : m_commands) {
        text += QStringLiteral("  %1  %2\n")
                    .arg(command->name(), -static_cast<int>(width))
                    .arg(command->summary());
    }
    text += QStringLiteral(
                "\nGlobal options (accepted by every command):\n"
                "  --connection <id>       the connection to use (default: local)\n"
                "  --json                  machine-readable JSON on stdout\n"
                "  --passphrase-fd <n>     read the local store's passphrase from descriptor n\n"
                "  --passphrase-file <f>   read it from the first line of file f\n"
                "  --mfa-code <code>       one-time code for an AWS role that needs MFA (asked "
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
