#pragma once

#include "GlobalOptions.h"
#include "Result.h"
#include "SecretBytes.h"

#include <QCoroTask>

namespace strongroom::cli {

// Finds the local store's passphrase without ever taking it from argv: --passphrase-fd,
// --passphrase-file, the file named by $STRONGROOM_PASSPHRASE_FILE, or a no-echo prompt when
// stdin is a terminal, in that order.
class PassphraseSource {
public:
    explicit PassphraseSource(const GlobalOptions& options);

    // For unlocking an existing store: one answer.
    QCoro::Task<Result<SecretBytes>> forUnlock();
    // For a new store: from a script source once, or typed twice at the terminal.
    QCoro::Task<Result<SecretBytes>> forNewStore();

    // True when a passphrase can be had without asking anyone (a script source is set).
    bool hasScriptSource() const;

    static QString environmentVariable() { return QStringLiteral("STRONGROOM_PASSPHRASE_FILE"); }

private:
    QCoro::Task<Result<SecretBytes>> fromScriptSource();
    static Result<SecretBytes> nonEmpty(Result<SecretBytes> passphrase);

    std::optional<int> m_fd;
    QString m_file;
};

} // namespace strongroom::cli
