#pragma once

#include <QCoroTask>
#include <QString>

#include <optional>

namespace strongroom::cli {

class CliOutput;
class CommandParser;

// The secret's full path typed again before an action that cannot be undone (a delete where the
// store has no bin, a forced delete, a purge): `--confirm <path>` in scripts, or typed when asked
// at a terminal. The command adds the option with addOption().
class NameConfirmation {
public:
    static QString optionName() { return QStringLiteral("confirm"); }
    static void addOption(CommandParser& parser);

    // A usage error (exit code 2) when stdin is not a terminal and --confirm was not given.
    static std::optional<int> requireSource(const CommandParser& parser, const CliOutput& out,
                                            const QString& path);
    // nullopt when the typed (or given) text is `path`; else the exit code, printed: usage (2)
    // when it does not match, saying `nothing` ("nothing was deleted") did not happen.
    static QCoro::Task<std::optional<int>> confirm(const CommandParser& parser,
                                                   const CliOutput& out, QString path,
                                                   QString question, QString nothing);
};

} // namespace strongroom::cli
