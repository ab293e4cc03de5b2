#include "InputReader.h"

#include <QCoroFuture>
#include <QFile>
#include <QtConcurrent/QtConcurrentRun>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <unistd.h>

namespace strongroom::cli {

namespace {

using Kind = BackendError::Kind;

// Mirrors Result<SecretBytes> but is default-constructible and cheap to move through a QFuture.
struct ReadOutcome {
    SecretBytes bytes;
    int error = 0;
};

ReadOutcome readFromFd(int fd, bool stopAtNewline) {
    ReadOutcome outcome;
    char chunk[4096];
    const std::size_t want = stopAtNewline ? 1 : sizeof chunk;
    while (true) {
        const ssize_t got = ::read(fd, chunk, want);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            outcome.error = errno;
            break;
        }
        if (got == 0) {
            break;
        }
        if (stopAtNewline && chunk[0] == '\n') {
            break;
        }
        outcome.bytes.append({chunk, static_cast<std::size_t>(got)});
    }
    OPENSSL_cleanse(chunk, sizeof chunk);
    if (stopAtNewline && outcome.bytes.size() > 0 &&
        outcome.bytes.data()[outcome.bytes.size() - 1] == '\r') {
        SecretBytes trimmed(outcome.bytes.data(), outcome.bytes.size() - 1);
        outcome.bytes = std::move(trimmed);
    }
    return outcome;
}

ReadOutcome readFromPath(const QString& path, bool firstLineOnly) {
    const QByteArray name = QFile::encodeName(path);
    const int fd = ::open(name.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return {SecretBytes(), errno};
    }
    ReadOutcome outcome = readFromFd(fd, firstLineOnly);
    ::close(fd);
    return outcome;
}

Result<SecretBytes> toResult(ReadOutcome&& outcome, const QString& what) {
    if (outcome.error == ENOENT) {
        return BackendError(Kind::NotFound, what);
    }
    if (outcome.error == EACCES || outcome.error == EPERM) {
        return BackendError(Kind::PermissionDenied, what);
    }
    if (outcome.error != 0) {
        return BackendError(Kind::InvalidInput,
                            what + QStringLiteral(": ") +
                                QString::fromLocal8Bit(std::strerror(outcome.error)));
    }
    return std::move(outcome.bytes);
}

QString describeFd(int fd) {
    return QStringLiteral("cannot read file descriptor %1").arg(fd);
}

} // namespace

QCoro::Task<Result<SecretBytes>> InputReader::readAll(int fd) {
    // A named future, not a temporary in the co_await: GCC 12 mishandles those.
    QFuture<ReadOutcome> future = QtConcurrent::run([fd] { return readFromFd(fd, false); });
    auto outcome = co_await future;
    co_return toResult(std::move(outcome), describeFd(fd));
}

QCoro::Task<Result<SecretBytes>> InputReader::readLine(int fd) {
    // A named future, not a temporary in the co_await: GCC 12 mishandles those.
    QFuture<ReadOutcome> future = QtConcurrent::run([fd] { return readFromFd(fd, true); });
    auto outcome = co_await future;
    co_return toResult(std::move(outcome), describeFd(fd));
}

QCoro::Task<Result<SecretBytes>> InputReader::readFile(QString path) {
    // A named future, not a temporary in the co_await: GCC 12 mishandles those.
    QFuture<ReadOutcome> future = QtConcurrent::run([path] { return readFromPath(path, false); });
    auto outcome = co_await future;
    co_return toResult(std::move(outcome), QStringLiteral("cannot read %1").arg(path));
}

QCoro::Task<Result<SecretBytes>> InputReader::readFirstLine(QString path) {
    // A named future, not a temporary in the co_await: GCC 12 mishandles those.
    QFuture<ReadOutcome> future = QtConcurrent::run([path] { return readFromPath(path, true); });
    auto outcome = co_await future;
    co_return toResult(std::move(outcome), QStringLiteral("cannot read %1").arg(path));
}

} // namespace strongroom::cli
