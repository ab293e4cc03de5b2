#pragma once

#include "BackendError.h"

#include <QString>

namespace strongroom::cli {

// The process exit status of strongroom-cli. Scripts branch on these, so the numbers are a
// public interface: never renumber, only append (documented in EXIT_CODES.md and --help).
enum class ExitCode : int {
    Ok = 0,
    Failure = 1,          // anything not covered below
    Usage = 2,            // bad command line: unknown command/option, missing or bad argument
    NotFound = 3,         // no such secret, version, folder or connection
    PermissionDenied = 4, // denied, unauthenticated, wrong passphrase, locked store
    Conflict = 5,         // the conflict guard refused a write; nothing was written
    StoreDamaged = 6,     // damaged store or a response that cannot be trusted
    Unavailable = 7,      // network, TLS, sealed server, throttled
    AuditBroken = 8,      // the audit log's hash chain does not verify
};

ExitCode exitCodeFor(BackendError::Kind kind);
int toInt(ExitCode code);

// The table printed by `strongroom-cli --help`; EXIT_CODES.md carries the same rows.
QString exitCodeTable();

} // namespace strongroom::cli
