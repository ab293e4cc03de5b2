#include "PassphraseStrength.h"

#include <QSet>

#include <cmath>

namespace strongroom {

namespace {

// Below these estimates a passphrase is weak / fair; from the strong threshold on an offline
// guessing attack against the Argon2-protected store is out of reach for years.
constexpr double kFairBits = 50.0;
constexpr double kStrongBits = 72.0;

} // namespace

double PassphraseStrength::estimatedBits(const QString& passphrase) {
    bool lower = false, upper = false, digit = false, symbol = false, other = false;
    QSet<QChar> distinct;
    for (const QChar c : passphrase) {
        distinct.insert(c);
        if (c.unicode() > 0x7f) {
            other = true;
        } else if (c.isLower()) {
            lower = true;
        } else if (c.isUpper()) {
            upper = true;
        } else if (c.isDigit()) {
            digit = true;
        } else {
            symbol = true;
        }
    }
    const int alphabet = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) +
                         (symbol ? 33 : 0) + (other ? 100 : 0);
    if (alphabet == 0) {
        return 0.0;
    }
    // Repeated characters ("aaaaaaaa", "abababab") add little: count each character's first use
    // fully and every repeat at a quarter.
    const double effectiveLength =
        distinct.size() + 0.25 * double(passphrase.size() - distinct.size());
    return effectiveLength * std::log2(double(alphabet));
}

PassphraseStrength::Level PassphraseStrength::assess(const QString& passphrase) {
    if (passphrase.size() < MinimumLength) {
        return Level::TooShort;
    }
    const double bits = estimatedBits(passphrase);
    if (bits >= kStrongBits) {
        return Level::Strong;
    }
    return bits >= kFairBits ? Level::Fair : Level::Weak;
}

QString PassphraseStrength::describe(Level level) {
    switch (level) {
    case Level::TooShort:
        return tr("Too short: use at least %1 characters.").arg(MinimumLength);
    case Level::Weak:
        return tr("Weak: make it longer, or mix words, digits and symbols.");
    case Level::Fair:
        return tr("Fair: a few more words or characters would make it strong.");
    case Level::Strong:
        return tr("Strong.");
    }
    return {};
}

} // namespace strongroom
