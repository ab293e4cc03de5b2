#pragma once

#include <QCoreApplication>
#include <QString>

namespace strongroom {

// A rough, honest hint about a new passphrase while the operator types it. It estimates entropy
// from length and the kinds of characters used, and says "too short" below the minimum the
// store accepts. It is a nudge, not a guarantee: it cannot know that a phrase is a quotation.
class PassphraseStrength {
    Q_DECLARE_TR_FUNCTIONS(PassphraseStrength)

public:
    enum class Level { TooShort, Weak, Fair, Strong };

    static constexpr int MinimumLength = 8;

    // `passphrase` is only inspected, never kept.
    static Level assess(const QString& passphrase);
    static double estimatedBits(const QString& passphrase);
    // "Too short (at least 8 characters)", "Weak", "Fair", "Strong", with a short reason.
    static QString describe(Level level);
};

} // namespace strongroom
