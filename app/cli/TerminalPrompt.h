#pragma once

#include "Result.h"
#include "SecretBytes.h"

#include <QCoroTask>
#include <QString>

namespace strongroom::cli {

// Questions asked of a person at a terminal: the prompt goes to stderr (stdout may be piped into
// a file), the answer comes from stdin. Only used when stdin is a TTY; scripts use flags instead.
class TerminalPrompt {
public:
    static bool isInteractive();

    // A line typed without echo (passphrases). Echo comes back even if the user presses Ctrl-C.
    static QCoro::Task<Result<SecretBytes>> askHidden(QString prompt);
    // A line typed with echo (a secret's name to confirm destroy).
    static QCoro::Task<Result<QString>> ask(QString prompt);
    // y/N: anything but "y"/"yes" (any case) is no.
    static QCoro::Task<bool> confirm(QString question);
};

} // namespace strongroom::cli
