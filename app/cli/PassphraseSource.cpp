#include "PassphraseSource.h"

#include "InputReader.h"
#include "TerminalPrompt.h"

namespace strongroom::cli {

namespace {
using Kind = BackendError::Kind;
}

PassphraseSource::PassphraseSource(const GlobalOptions& options)
    : m_fd(options.passphraseFd)
    , m_file(options.passphraseFile) {
    if (!m_fd && m_file.isEmpty()) {
        m_file = qEnvironmentVariable(environmentVariable().toLatin1().constData());
    }
}

bool PassphraseSource::hasScriptSource() const {
    return m_fd.has_value() || !m_file.isEmpty();
}

QCoro::Task<Result<SecretBytes>> PassphraseSource::fromScriptSource() {
    QCoro::Task<Result<SecretBytes>> reading =
        m_fd ? InputReader::readLine(*m_fd) : InputReader::readFirstLine(m_file);
    auto passphrase = co_await reading;
    if (!passphrase && passphrase.error().kind() == Kind::NotFound) {
        // A missing passphrase file is a mistake on the command line, not a missing secret.
        co_return BackendError(Kind::InvalidInput, passphrase.error().detail());
    }
    co_return nonEmpty(std::move(passphrase));
}

QCoro::Task<Result<SecretBytes>> PassphraseSource::forUnlock() {
    if (hasScriptSource()) {
        co_return co_await fromScriptSource();
    }
    if (!TerminalPrompt::isInteractive()) {
        co_return BackendError(Kind::Unauthenticated,
                               QStringLiteral("the local store is passphrase-protected and stdin "
                                              "is not a terminal: use --passphrase-fd, "
                                              "--passphrase-file or $%1")
                                   .arg(environmentVariable()));
    }
    // Named first: GCC 12 destroys temporaries inside a co_await expression twice.
    auto asking = TerminalPrompt::askHidden(QStringLiteral("Store passphrase: "));
    co_return nonEmpty(co_await std::move(asking));
}

QCoro::Task<Result<SecretBytes>> PassphraseSource::forNewStore() {
    if (hasScriptSource()) {
        co_return co_await fromScriptSource();
    }
    if (!TerminalPrompt::isInteractive()) {
        co_return BackendError(Kind::InvalidInput,
                               QStringLiteral("stdin is not a terminal: give the new passphrase "
                                              "with --passphrase-fd or --passphrase-file"));
    }
    auto askingFirst = TerminalPrompt::askHidden(QStringLiteral("New passphrase: "));
    auto first = nonEmpty(co_await std::move(askingFirst));
    if (!first) {
        co_return first;
    }
    auto askingSecond = TerminalPrompt::askHidden(QStringLiteral("Repeat passphrase: "));
    auto second = co_await std::move(askingSecond);
    if (!second) {
        co_return second;
    }
    if (!first->equals(second.value())) {
        co_return BackendError(Kind::InvalidInput, QStringLiteral("the passphrases do not match"));
    }
    co_return first;
}

Result<SecretBytes> PassphraseSource::nonEmpty(Result<SecretBytes> passphrase) {
    if (passphrase && passphrase->isEmpty()) {
        return BackendError(Kind::InvalidInput, QStringLiteral("the passphrase is empty"));
    }
    return passphrase;
}

} // namespace strongroom::cli
