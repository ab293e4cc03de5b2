#pragma once

#include "SecretRef.h"
#include "SecretValue.h"

#include <QString>

namespace strongroom {

// A new version of a secret, guarded against concurrent writers: the write only succeeds if the
// store's current version is still `expectedCurrentVersion` (empty = the secret must not exist
// yet). Otherwise the backend returns a Conflict error carrying the version that is current now.
struct WriteRequest {
    SecretRef ref;
    SecretValue value;
    QString expectedCurrentVersion;
    // Reused on retry so a retried write never creates two versions (AWS ClientRequestToken).
    QString idempotencyKey;
};

struct WriteResult {
    QString newVersion;
};

} // namespace strongroom
