#pragma once

#include "Result.h"

#include <QCoroTask>
#include <QString>
#include <QStringList>

#include <functional>

namespace strongroom::cli {

class CliSession;

// `<store> logout <id> [--forget]` as every store's log-out command runs it.
struct LogoutFlow {
    QString command;     // the command's name, for its usage line and error context
    QString description; // its --help text
    QString doneText;    // after "logged out of <id>: "
    std::function<QCoro::Task<Status>(CliSession&, QString id, bool forget)> logout;
};

// Parses `arguments`, runs `flow.logout` and prints the outcome; returns the exit code.
QCoro::Task<int> runLogout(CliSession& session, QStringList arguments, LogoutFlow flow);

} // namespace strongroom::cli
