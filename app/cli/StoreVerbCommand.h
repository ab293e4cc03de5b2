#pragma once

#include "CliCommand.h"

#include <functional>
#include <optional>

namespace strongroom::cli {

// How a generic verb was invoked: under its own name, or through a store's alias of it (`aws
// delete` for `delete-secret`), which keeps scripts written for the store's command working.
struct VerbInvocation {
    QString command; // the words typed, for the usage line and usage errors
    // Runs once the command line parsed and before any connection opens; an exit code stops the
    // command (the check printed why). An alias uses it to refuse another store's connection.
    std::function<std::optional<int>(CliSession&)> checkConnection;
};

// A generic verb over the app services (delete-secret, deleted, restore, purge, rotation,
// rotate): it works on every store whose Capabilities have what it needs and refuses the others
// in one line before sending anything.
class StoreVerbCommand : public CliCommand {
public:
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override {
        return runAs(session, std::move(arguments), VerbInvocation{name(), {}});
    }
    virtual QCoro::Task<int> runAs(CliSession& session, QStringList arguments,
                                   VerbInvocation invocation) = 0;
};

} // namespace strongroom::cli
