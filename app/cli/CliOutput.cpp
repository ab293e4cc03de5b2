#include "CliOutput.h"

#include "BackendError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <unistd.h>

namespace strongroom::cli {

CliOutput::CliOutput(int outFd, int errFd)
    : m_outFd(outFd)
    , m_errFd(errFd) {}

void CliOutput::line(const QString& text) const {
    const QByteArray bytes = text.toUtf8() + '\n';
    writeAll(m_outFd, {bytes.constData(), static_cast<std::size_t>(bytes.size())});
}

void CliOutput::writeJson(const QJsonValue& value) const {
    QJsonDocument document;
    if (value.isArray()) {
        document.setArray(value.toArray());
    } else {
        document.setObject(value.toObject());
    }
    const QByteArray bytes = document.toJson(QJsonDocument::Indented);
    writeAll(m_outFd, {bytes.constData(), static_cast<std::size_t>(bytes.size())});
}

void CliOutput::writeSecret(std::string_view bytes) const {
    writeAll(m_outFd, bytes);
}

void CliOutput::note(const QString& text) const {
    const QByteArray bytes = text.toUtf8() + '\n';
    writeAll(m_errFd, {bytes.constData(), static_cast<std::size_t>(bytes.size())});
}

int CliOutput::fail(ExitCode code, const QString& message) const {
    note(QStringLiteral("strongroom-cli: ") + singleLine(message));
    return toInt(code);
}

int CliOutput::fail(const BackendError& error, const QString& context) const {
    const QString message =
        context.isEmpty() ? error.message() : context + QStringLiteral(": ") + error.message();
    return fail(exitCodeFor(error.kind()), message);
}

QString CliOutput::singleLine(QString text) {
    text.replace(QLatin1Char('\r'), QLatin1Char(' '));
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text.trimmed();
}

void CliOutput::writeAll(int fd, std::string_view bytes) const {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t written = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            return; // stdout closed (e.g. `| head`): nothing useful left to do with the bytes
        }
        done += static_cast<std::size_t>(written);
    }
}

} // namespace strongroom::cli
