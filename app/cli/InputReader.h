#pragma once

#include "Result.h"
#include "SecretBytes.h"

#include <QCoroTask>
#include <QString>

namespace strongroom::cli {

// Reads secret input (passphrases, values for `put`) from a file descriptor or a file. The
// blocking read(2) runs on a pool thread and the caller awaits it, so the event loop keeps
// running; the bytes land straight in SecretBytes and every intermediate buffer is wiped.
class InputReader {
public:
    // Everything until end of file (stdin for `put --stdin-json`, `key=-`).
    static QCoro::Task<Result<SecretBytes>> readAll(int fd);
    // Up to the first newline, which is dropped (with a preceding '\r'). Reads byte by byte so
    // nothing after the line is consumed: a script may feed more input on the same descriptor.
    static QCoro::Task<Result<SecretBytes>> readLine(int fd);
    // A whole file (`key=@file`).
    static QCoro::Task<Result<SecretBytes>> readFile(QString path);
    // The first line of a file (`--passphrase-file`).
    static QCoro::Task<Result<SecretBytes>> readFirstLine(QString path);
};

} // namespace strongroom::cli
