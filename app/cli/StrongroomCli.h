#pragma once

#include "CliCommand.h"
#include "CliOutput.h"

#include <QCoroTask>
#include <QStringList>

#include <memory>
#include <vector>

namespace strongroom::cli {

// The command table and the top-level dispatch of `strongroom-cli [global options] <command>
// [options]`: finds the command (one or two words), hands it the rest, and prints the overall
// help with the exit codes.
class StrongroomCli {
public:
    StrongroomCli();
    ~StrongroomCli();

    // `arguments` as QCoreApplication::arguments() (program name first). Resolves with the exit
    // code.
    QCoro::Task<int> run(QStringList arguments);

    QString helpText() const;

private:
    CliCommand* find(const QStringList& words, int& consumed) const;

    std::vector<std::unique_ptr<CliCommand>> m_commands;
    CliOutput m_output;
};

} // namespace strongroom::cli
