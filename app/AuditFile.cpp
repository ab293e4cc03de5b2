#include "AuditFile.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHash>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strongroom {

namespace {

QByteArray sha256Hex(const QByteArray& line) {
    return QCryptographicHash::hash(line, QCryptographicHash::Sha256).toHex();
}

BackendError fileError(const QString& what) {
    return BackendError(BackendError::Kind::InvalidInput,
                        what + QStringLiteral(": ") + QString::fromLocal8Bit(std::strerror(errno)));
}

// Closes the descriptor (which also drops the flock) on every return path.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd)
        : m_fd(fd) {}
    ~FileDescriptor() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

struct SplitFile {
    QList<QByteArray> lines;
    bool endsWithNewline = true;
};

SplitFile splitLines(const QByteArray& content) {
    SplitFile result;
    if (content.isEmpty()) {
        return result;
    }
    result.endsWithNewline = content.endsWith('\n');
    result.lines = content.split('\n');
    if (result.endsWithNewline) {
        result.lines.removeLast(); // the empty piece after the final newline
    }
    return result;
}

bool writeAll(int fd, const QByteArray& bytes) {
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t written =
            ::write(fd, bytes.constData() + done, static_cast<size_t>(bytes.size() - done));
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        done += written;
    }
    return true;
}

} // namespace

AuditFile::AuditFile(QString path)
    : m_path(std::move(path)) {}

bool AuditFile::rescan(int fd, qint64 size) {
    QByteArray content(size, Qt::Uninitialized);
    qint64 done = 0;
    while (done < size) {
        const ssize_t got =
            ::pread(fd, content.data() + done, static_cast<size_t>(size - done), done);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            return false;
        }
        done += got;
    }
    const SplitFile split = splitLines(content);
    m_lineCount = split.lines.size();
    m_lastLineHash = split.lines.isEmpty() ? QByteArray() : sha256Hex(split.lines.last());
    m_endsWithNewline = split.endsWithNewline;
    m_knownSize = size;
    return true;
}

Result<AuditEntry> AuditFile::append(const AuditRecord& record, const QString& actor) {
    const QByteArray path = QFile::encodeName(m_path);
    FileDescriptor fd(::open(path.constData(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600));
    if (fd.get() < 0) {
        return fileError(QStringLiteral("cannot open the audit log"));
    }
    // Another Strongroom process (GUI and CLI) may append to the same chain.
    while (::flock(fd.get(), LOCK_EX) != 0) {
        if (errno != EINTR) {
            return fileError(QStringLiteral("cannot lock the audit log"));
        }
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) {
        return fileError(QStringLiteral("cannot read the audit log"));
    }
    if (info.st_size != m_knownSize && !rescan(fd.get(), info.st_size)) {
        return fileError(QStringLiteral("cannot read the audit log"));
    }

    AuditEntry entry;
    entry.seq = m_lineCount + 1;
    entry.time = QDateTime::currentDateTimeUtc();
    entry.actor = actor;
    entry.connection = record.connection;
    entry.path = record.path;
    entry.action = record.action;
    entry.versions = record.versions;
    entry.result = record.result;
    entry.detail = record.detail;
    entry.prev =
        m_lastLineHash.isEmpty() ? AuditEntry::genesis() : QString::fromLatin1(m_lastLineHash);
    const QByteArray line = entry.toJsonLine();
    // A last line cut short by a crash stays as it is (verify reports it); ours starts afresh.
    const QByteArray bytes = (m_endsWithNewline ? QByteArray() : QByteArray("\n")) + line + '\n';
    if (!writeAll(fd.get(), bytes) || ::fsync(fd.get()) != 0) {
        m_knownSize = -1; // unknown now: rescan next time
        return fileError(QStringLiteral("cannot write the audit log"));
    }
    m_knownSize = info.st_size + bytes.size();
    m_lineCount = entry.seq;
    m_lastLineHash = sha256Hex(line);
    m_endsWithNewline = true;
    m_writtenLineCount = m_lineCount;
    m_writtenLastHash = m_lastLineHash;
    return entry;
}

AuditVerification AuditFile::verify() {
    AuditVerification outcome;
    QFile file(m_path);
    if (!file.exists()) {
        if (m_writtenLineCount > 0) {
            outcome.problem = AuditVerification::Problem::MissingLines;
            outcome.brokenLine = 1;
            outcome.reason =
                QStringLiteral("The audit log was removed after this session wrote to it.");
        }
        return outcome;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        outcome.problem = AuditVerification::Problem::Unreadable;
        outcome.reason = QStringLiteral("The audit log cannot be read: %1").arg(file.errorString());
        return outcome;
    }
    const SplitFile split = splitLines(file.readAll());
    const auto& lines = split.lines;
    outcome.lineCount = lines.size();

    QList<std::optional<AuditEntry>> parsed;
    parsed.reserve(lines.size());
    QHash<qint64, qsizetype> lineOfSeq;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        parsed.append(AuditEntry::fromJsonLine(lines[i]));
        if (parsed.last()) {
            lineOfSeq.insert(parsed.last()->seq, i);
        }
    }

    auto fail = [&](AuditVerification::Problem problem, qint64 line, const QString& reason) {
        outcome.problem = problem;
        outcome.brokenLine = line;
        outcome.reason = reason;
        return outcome;
    };
    using Problem = AuditVerification::Problem;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const qint64 lineNo = i + 1;
        const auto& entry = parsed[i];
        if (!entry) {
            if (i == lines.size() - 1 && !split.endsWithNewline) {
                return fail(Problem::TruncatedLastLine, lineNo,
                            QStringLiteral("Line %1, the last one, is cut short.").arg(lineNo));
            }
            return fail(Problem::BadJson, lineNo,
                        QStringLiteral("Line %1 is not a well-formed audit entry.").arg(lineNo));
        }
        if (entry->seq < lineNo || (entry->seq > lineNo && lineOfSeq.contains(lineNo))) {
            return fail(Problem::ReorderedLines, lineNo,
                        QStringLiteral("Line %1 carries entry %2: lines were moved.")
                            .arg(lineNo)
                            .arg(entry->seq));
        }
        if (entry->seq > lineNo) {
            return fail(Problem::MissingLines, lineNo,
                        QStringLiteral("Entries %1 to %2 are missing before line %1.")
                            .arg(lineNo)
                            .arg(entry->seq - 1));
        }
        const QString expected =
            i == 0 ? AuditEntry::genesis() : QString::fromLatin1(sha256Hex(lines[i - 1]));
        if (entry->prev != expected) {
            const qint64 edited = i == 0 ? 1 : lineNo - 1;
            return fail(Problem::EditedLine, edited,
                        QStringLiteral("Line %1 was changed after it was written (its hash no "
                                       "longer matches the chain).")
                            .arg(edited));
        }
    }
    // The chain cannot see its own end; what this session wrote can.
    if (m_writtenLineCount > lines.size()) {
        return fail(Problem::MissingLines, lines.size() + 1,
                    QStringLiteral("The log ends at line %1, but this session wrote up to line %2.")
                        .arg(lines.size())
                        .arg(m_writtenLineCount));
    }
    if (m_writtenLineCount > 0 && sha256Hex(lines[m_writtenLineCount - 1]) != m_writtenLastHash) {
        return fail(
            Problem::EditedLine, m_writtenLineCount,
            QStringLiteral("Line %1 was changed after it was written.").arg(m_writtenLineCount));
    }
    return outcome;
}

Result<QList<AuditEntry>> AuditFile::entries(const std::function<bool(const AuditEntry&)>& keep,
                                             qsizetype lastCount) {
    QFile file(m_path);
    if (!file.exists()) {
        return QList<AuditEntry>();
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return BackendError(BackendError::Kind::InvalidInput,
                            QStringLiteral("cannot read the audit log: ") + file.errorString());
    }
    QList<AuditEntry> result;
    for (const QByteArray& line : splitLines(file.readAll()).lines) {
        auto entry = AuditEntry::fromJsonLine(line);
        if (entry && keep(*entry)) {
            result.append(std::move(*entry));
        }
    }
    if (lastCount > 0 && result.size() > lastCount) {
        result = result.mid(result.size() - lastCount);
    }
    return result;
}

} // namespace strongroom
