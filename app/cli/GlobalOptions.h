#pragma once

#include <QString>

#include <optional>

namespace strongroom::cli {

// Options every command accepts, wherever they appear on the command line.
struct GlobalOptions {
    QString connection = QStringLiteral("local");
    bool json = false;
    // Where a passphrase comes from in scripts; never the passphrase itself (argv is visible to
    // every user through /proc).
    std::optional<int> passphraseFd;
    QString passphraseFile;
    // A one-time code for a sign-in that needs MFA (short-lived, so argv is acceptable).
    QString mfaCode;

    bool hasPassphraseSource() const {
        return passphraseFd.has_value() || !passphraseFile.isEmpty();
    }
};

} // namespace strongroom::cli
