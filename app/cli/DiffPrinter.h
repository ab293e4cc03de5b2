#pragma once

#include "SecretBytes.h"
#include "SecretDiff.h"

#include <QStringList>

namespace strongroom::cli {

// Renders a SecretDiff for `diff` and the rollback preview. Without values it names keys only
// (`+ key`, `- key`, `~ key`) and counts text lines, so a preview can be shown in a shared
// terminal; with values everything is assembled in SecretBytes.
class DiffPrinter {
public:
    // Key-level lines; unchanged keys are left out.
    static QStringList keyLines(const SecretDiff& diff);
    // The same with the values: `+ key=new`, `- key=old`, `~ key` followed by `  - old` and
    // `  + new`; text secrets as `+ line` / `- line`.
    static SecretBytes withValues(const SecretDiff& diff);
    // {"mode":"fields"|"lines"|"whole","changes":[{"key":..,"change":..[,"before","after"]}]}
    static SecretBytes asJson(const SecretDiff& diff, bool includeValues);

    static QString changeName(DiffChange change);
};

} // namespace strongroom::cli
