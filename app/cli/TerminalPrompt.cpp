#include "TerminalPrompt.h"

#include "InputReader.h"

#include <csignal>
#include <termios.h>
#include <unistd.h>

namespace strongroom::cli {

namespace {

// The terminal settings to restore if a signal ends the process while echo is off; a shell left
// without echo after Ctrl-C at a passphrase prompt is a real support question.
termios g_savedTerminal{};
volatile std::sig_atomic_t g_echoDisabled = 0;

extern "C" void restoreTerminalAndReraise(int signalNumber) {
    if (g_echoDisabled) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &g_savedTerminal);
    }
    std::signal(signalNumber, SIG_DFL);
    std::raise(signalNumber);
}

class EchoOff {
public:
    EchoOff() {
        if (::tcgetattr(STDIN_FILENO, &g_savedTerminal) != 0) {
            return;
        }
        termios quiet = g_savedTerminal;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        quiet.c_lflag |= ECHONL;
        std::signal(SIGINT, restoreTerminalAndReraise);
        std::signal(SIGTERM, restoreTerminalAndReraise);
        g_echoDisabled = 1;
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    ~EchoOff() {
        if (g_echoDisabled) {
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_savedTerminal);
            g_echoDisabled = 0;
            std::signal(SIGINT, SIG_DFL);
            std::signal(SIGTERM, SIG_DFL);
        }
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;
};

void writePrompt(const QString& prompt) {
    const QByteArray bytes = prompt.toUtf8();
    ssize_t done = 0;
    while (done < bytes.size()) {
        const ssize_t written = ::write(STDERR_FILENO, bytes.constData() + done,
                                        static_cast<std::size_t>(bytes.size() - done));
        if (written <= 0) {
            return;
        }
        done += written;
    }
}

} // namespace

bool TerminalPrompt::isInteractive() {
    return ::isatty(STDIN_FILENO) == 1;
}

QCoro::Task<Result<SecretBytes>> TerminalPrompt::askHidden(QString prompt) {
    writePrompt(prompt);
    EchoOff echoOff;
    co_return co_await InputReader::readLine(STDIN_FILENO);
}

QCoro::Task<Result<QString>> TerminalPrompt::ask(QString prompt) {
    writePrompt(prompt);
    auto line = co_await InputReader::readLine(STDIN_FILENO);
    if (!line) {
        co_return line.error();
    }
    co_return line->toDisplayString();
}

QCoro::Task<bool> TerminalPrompt::confirm(QString question) {
    // Named first: GCC 12 destroys temporaries inside a co_await expression twice.
    auto asking = ask(question + QStringLiteral(" [y/N] "));
    auto answer = co_await std::move(asking);
    if (!answer) {
        co_return false;
    }
    const QString word = answer->trimmed().toLower();
    co_return word == QStringLiteral("y") || word == QStringLiteral("yes");
}

} // namespace strongroom::cli
