#pragma once

#include "CliCommand.h"
#include "CliOutput.h"

#include <QCoroTask>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace strongroom::cli {

// The command table and the top-level dispatch of `strongroom-cli [global options] <command>
// [options]`: the generic commands plus the commands of every store in the CLI provider registry;
// finds the command (one or two words), hands it the rest, and prints the overall help with the
// exit codes.
class StrongroomCli {
public:
    StrongroomCli();
    ~StrongroomCli();

    // `arguments` as QCoreApplication::arguments() (program name first). Resolves with the exit
    // code.
    QCoro::Task<int> run(QStringList arguments);

    QString helpText() const;

private:
    // The generic commands, then each store's own under its display name, as --help lists them.
    struct CommandGroup {
        QString title;
        std::vector<std::unique_ptr<CliCommand>> commands;
    };

    CliCommand* find(const QStringList& words, int& consumed) const;

    std::vector<CommandGroup> m_groups;
    CliOutput m_output;
};

} // namespace strongroom::cli
