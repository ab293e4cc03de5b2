#pragma once

#include "GlobalOptions.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <optional>

namespace strongroom::cli {

class CliOutput;

// QCommandLineParser for one subcommand, with the global options and --help already added.
// Parse errors and --help are handled here so every command reports them the same way.
class CommandParser {
public:
    // `command` is the command's words ("store init"), `arguments` what follows them in the usage
    // line ("<path> [key]").
    CommandParser(const QString& command, const QString& arguments, const QString& description);

    void addOption(const QCommandLineOption& option) { m_parser.addOption(option); }

    // nullopt: parsed, go on. Otherwise the exit code to return (0 after --help, 2 on a usage
    // error, already reported). Fills `global` from the global options.
    std::optional<int> parse(const QStringList& arguments, const CliOutput& output,
                             GlobalOptions& global);

    bool isSet(const QString& name) const { return m_parser.isSet(name); }
    QString value(const QString& name) const { return m_parser.value(name); }
    QStringList values(const QString& name) const { return m_parser.values(name); }
    QStringList positional() const { return m_parser.positionalArguments(); }

    // Reports a usage error (with a pointer to --help) and returns exit code 2.
    int usageError(const CliOutput& output, const QString& message) const;
    // Checks the positional count is within [min, max] (max < 0: unbounded).
    std::optional<int> requirePositional(const CliOutput& output, int min, int max) const;

    // Parses a non-negative integer option; nullopt (and a usage error) when malformed.
    static std::optional<int> toCount(const QString& text);

private:
    QCommandLineParser m_parser;
    QString m_command;
    QString m_synopsis;
};

} // namespace strongroom::cli
