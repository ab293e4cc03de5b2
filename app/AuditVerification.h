#pragma once

#include <QString>

namespace strongroom {

// Outcome of AuditLog::verify(): either every line is intact, or the first line that is not,
// and why.
struct AuditVerification {
    enum class Problem {
        None,
        BadJson,           // a line that is not a well-formed audit entry
        TruncatedLastLine, // the last line was cut short (crash or tampering)
        EditedLine,        // a line's bytes changed after it was written
        MissingLines,      // one or more lines were removed before this one
        ReorderedLines,    // lines were moved
        Unreadable,        // the file could not be read
    };

    Problem problem = Problem::None;
    qint64 lineCount = 0;  // lines checked (all of them when ok)
    qint64 brokenLine = 0; // 1-based; 0 when ok
    QString reason;        // one sentence for the log viewer and `strongroom-cli audit verify`

    bool ok() const { return problem == Problem::None; }
};

} // namespace strongroom
