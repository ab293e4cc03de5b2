#pragma once

#include "SecretDiff.h"

#include <QString>

namespace strongroom {

// What a rollback would change, shown before the operator confirms: the diff from the current
// value (before) to the target version's value (after). `currentVersion` is the conflict guard
// to pass back to SecretService::rollback().
struct RollbackPreview {
    QString currentVersion;
    QString targetVersion;
    SecretDiff diff;
};

} // namespace strongroom
