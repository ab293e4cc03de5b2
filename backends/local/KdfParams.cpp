#include "KdfParams.h"

#include "SecretBytes.h"

namespace strongroom {

KdfParams KdfParams::recommended() {
    return KdfParams{}.withFreshSalt();
}

KdfParams KdfParams::withFreshSalt() const {
    KdfParams fresh = *this;
    // The salt is public; SecretBytes is only used as a convenient random source.
    const SecretBytes random = SecretBytes::random(SaltSize);
    fresh.salt = QByteArray(random.data(), SaltSize);
    return fresh;
}

bool KdfParams::withinLimits() const {
    return iterations >= 1 && iterations <= 64 && memoryKiB >= 8 && memoryKiB <= 4u * 1024 * 1024 &&
           parallelism >= 1 && parallelism <= 16 && salt.size() >= 8 && salt.size() <= 64;
}

} // namespace strongroom
