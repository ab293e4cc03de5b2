#pragma once

#include <QByteArray>

#include <cstdint>

namespace strongroom {

// Argon2id cost parameters and salt, stored in the store's header so a file stays openable when
// the defaults change.
struct KdfParams {
    std::uint32_t iterations = 3;
    std::uint32_t memoryKiB = 64 * 1024;
    std::uint32_t parallelism = 1;
    QByteArray salt;

    static constexpr int SaltSize = 16;

    // The defaults with a fresh random salt.
    static KdfParams recommended();
    // Same costs as `this`, fresh salt: for a new store or a new passphrase.
    KdfParams withFreshSalt() const;
    // Bounds a header must respect; a hostile file must not make us allocate gigabytes or spin
    // for minutes before the passphrase is even checked.
    bool withinLimits() const;
};

} // namespace strongroom
