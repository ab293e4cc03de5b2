#pragma once

#include "AuditEntry.h"
#include "AuditVerification.h"
#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

namespace strongroom {

// The audit log file itself, used only from AuditLog's single worker thread (never concurrently,
// so it needs no mutex). Knows where the chain ends so an append does not re-read the whole file,
// unless another process appended in between.
class AuditFile {
public:
    explicit AuditFile(QString path);

    // Takes an exclusive lock, appends one line for `record`, flushes and fsyncs it.
    Result<AuditEntry> append(const AuditRecord& record, const QString& actor);
    AuditVerification verify();
    // Every well-formed entry `keep` accepts, in file order; with `lastCount` > 0, only the last
    // that many.
    Result<QList<AuditEntry>> entries(const std::function<bool(const AuditEntry&)>& keep,
                                      qsizetype lastCount = 0);

private:
    // Re-reads the end of the chain (line count, hash of the last line, trailing newline).
    bool rescan(int fd, qint64 size);

    QString m_path;
    qint64 m_knownSize = -1; // file size after our last look; -1 = never looked
    qint64 m_lineCount = 0;
    QByteArray m_lastLineHash; // hex; empty when the file has no line
    bool m_endsWithNewline = true;
    // What this process wrote last, to notice lines removed from the end later on.
    qint64 m_writtenLineCount = 0;
    QByteArray m_writtenLastHash;
};

} // namespace strongroom
