#pragma once

#include "ExitCode.h"

#include <QJsonValue>
#include <QString>

#include <string_view>

namespace strongroom {
class BackendError;
}

namespace strongroom::cli {

// Where the CLI speaks: results on stdout, diagnostics and prompts on stderr. Errors are always
// ONE line prefixed with the program name, so scripts can grep them and so a multi-line store
// detail cannot smuggle extra lines into a log. Secret values only go to stdout, through
// writeSecret(), never through an error.
class CliOutput {
public:
    explicit CliOutput(int outFd = 1, int errFd = 2);

    void line(const QString& text) const;
    void writeJson(const QJsonValue& value) const;
    // Raw bytes to stdout, without any intermediate QString copy.
    void writeSecret(std::string_view bytes) const;
    // A note on stderr (previews, prompts' context) that must not pollute stdout.
    void note(const QString& text) const;

    // Prints `strongroom-cli: <message>` on stderr and returns `code` for the caller to return.
    int fail(ExitCode code, const QString& message) const;
    int fail(const BackendError& error, const QString& context = {}) const;

    static QString singleLine(QString text);

private:
    void writeAll(int fd, std::string_view bytes) const;

    int m_outFd;
    int m_errFd;
};

} // namespace strongroom::cli
