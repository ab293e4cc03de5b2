#pragma once

#include "SecretValue.h"

#include <QStringList>

namespace strongroom {

// "Re-apply my change on top" after a write conflict: the keys I added, changed or removed since
// the version I started from (base) are applied to the version someone else saved (theirs); every
// other key keeps their value, so their change survives. Where we both changed the same key
// differently mine wins, and the key is listed so the UI can say so. Text and binary values have
// no keys: mine replaces theirs whole (the conflict dialog has shown their change first).
struct ChangeReapply {
    SecretValue merged;
    QStringList overriddenKeys; // keys both sides changed, to different values

    static ChangeReapply onto(const SecretValue& base, const SecretValue& mine,
                              const SecretValue& theirs);
};

} // namespace strongroom
