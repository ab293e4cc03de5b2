#pragma once

#include <QCoroTask>
#include <QString>
#include <QStringList>

namespace strongroom::cli {

class CliSession;

// One `strongroom-cli <words>` command. run() gets the arguments after the command's words
// (global options included, wherever they were typed) and resolves with the exit code, having
// already printed the result or the one-line error.
class CliCommand {
public:
    virtual ~CliCommand() = default;

    // The words that select it: "get", "store init".
    virtual QString name() const = 0;
    // One line for `strongroom-cli --help`.
    virtual QString summary() const = 0;
    virtual QCoro::Task<int> run(CliSession& session, QStringList arguments) = 0;
};

} // namespace strongroom::cli
