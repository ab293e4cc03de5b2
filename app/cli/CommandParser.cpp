#include "CommandParser.h"

#include "CliOutput.h"

namespace strongroom::cli {

namespace {
const QString kConnection = QStringLiteral("connection");
const QString kJson = QStringLiteral("json");
const QString kPassphraseFd = QStringLiteral("passphrase-fd");
const QString kPassphraseFile = QStringLiteral("passphrase-file");
const QString kMfaCode = QStringLiteral("mfa-code");
const QString kHelp = QStringLiteral("help");
} // namespace

CommandParser::CommandParser(const QString& command, const QString& arguments,
                             const QString& description)
    : m_command(command)
    , m_synopsis(arguments.isEmpty() ? command : command + QLatin1Char(' ') + arguments) {
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    // Our own --help: QCommandLineParser's would exit() from inside the coroutine.
    m_parser.addOption(
        {{QStringLiteral("h"), kHelp}, QStringLiteral("Show help for this command.")});
    m_parser.addOption({kConnection, QStringLiteral("The connection to use (default: local)."),
                        QStringLiteral("id"), QStringLiteral("local")});
    m_parser.addOption({kJson, QStringLiteral("Machine-readable JSON output.")});
    m_parser.addOption({kPassphraseFd,
                        QStringLiteral("Read the store passphrase from file descriptor <n>."),
                        QStringLiteral("n")});
    m_parser.addOption({kPassphraseFile,
                        QStringLiteral("Read the store passphrase from the first line of <file>."),
                        QStringLiteral("file")});
    m_parser.addOption({kMfaCode, QStringLiteral("One-time MFA code for a sign-in that needs one."),
                        QStringLiteral("code")});
}

std::optional<int> CommandParser::parse(const QStringList& arguments, const CliOutput& output,
                                        GlobalOptions& global) {
    if (!m_parser.parse(arguments)) {
        return usageError(output, m_parser.errorText());
    }
    if (m_parser.isSet(kHelp)) {
        // Qt's usage line names argv[0] and puts [options] before the command words, and its
        // Arguments section would only repeat the synopsis: write both parts ourselves.
        QString body = m_parser.helpText();
        body = body.mid(body.indexOf(QLatin1Char('\n')) + 1);
        body = body.left(body.indexOf(QStringLiteral("Arguments:")));
        output.line(QStringLiteral("Usage: strongroom-cli %1 [options]\n").arg(m_synopsis) +
                    body.trimmed());
        return 0;
    }
    if (m_parser.isSet(kConnection)) {
        global.connection = m_parser.value(kConnection);
    }
    if (global.connection.isEmpty()) {
        return usageError(output, QStringLiteral("--connection needs a connection id"));
    }
    global.json = global.json || m_parser.isSet(kJson);
    if (m_parser.isSet(kPassphraseFd)) {
        const auto fd = toCount(m_parser.value(kPassphraseFd));
        if (!fd) {
            return usageError(output,
                              QStringLiteral("--passphrase-fd needs a file descriptor number"));
        }
        global.passphraseFd = *fd;
    }
    if (m_parser.isSet(kPassphraseFile)) {
        global.passphraseFile = m_parser.value(kPassphraseFile);
    }
    if (m_parser.isSet(kMfaCode)) {
        global.mfaCode = m_parser.value(kMfaCode).trimmed();
    }
    return std::nullopt;
}

int CommandParser::usageError(const CliOutput& output, const QString& message) const {
    return output.fail(ExitCode::Usage,
                       message + QStringLiteral(" (see: strongroom-cli %1 --help)").arg(m_command));
}

std::optional<int> CommandParser::requirePositional(const CliOutput& output, int min,
                                                    int max) const {
    const auto count = m_parser.positionalArguments().size();
    if (count < min) {
        return usageError(
            output, QStringLiteral("missing arguments: usage: strongroom-cli %1").arg(m_synopsis));
    }
    if (max >= 0 && count > max) {
        return usageError(
            output, QStringLiteral("too many arguments: usage: strongroom-cli %1").arg(m_synopsis));
    }
    return std::nullopt;
}

std::optional<int> CommandParser::toCount(const QString& text) {
    bool ok = false;
    const int number = text.toInt(&ok);
    if (!ok || number < 0) {
        return std::nullopt;
    }
    return number;
}

} // namespace strongroom::cli
