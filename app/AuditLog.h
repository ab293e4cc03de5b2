#pragma once

#include "AuditEntry.h"
#include "AuditVerification.h"
#include "Result.h"

#include <QCoroTask>
#include <QList>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <memory>

namespace strongroom {

class AuditFile;

// The local, append-only record of every operator action: one JSON object per line, each line
// carrying the SHA-256 of the line before it, so an edited, removed or reordered line is found by
// verify(). Lines are written (append, flush, fsync) on a single worker thread, in the order
// append() was called, never on the calling thread. Several processes (GUI and CLI) may append to
// the same file: the worker takes an exclusive lock and re-reads the tail when the file grew.
class AuditLog : public QObject {
    Q_OBJECT
public:
    explicit AuditLog(QString file, QObject* parent = nullptr);
    // Waits for queued lines to reach the disk: an audit line must not be lost on quit.
    ~AuditLog() override;

    QString filePath() const { return m_file; }

    // Writes one entry; resolves with the entry as written (seq, time, actor, prev filled in).
    QCoro::Task<Result<AuditEntry>> append(AuditRecord record);
    // Checks the whole chain.
    QCoro::Task<AuditVerification> verify();
    // Every entry about one secret, oldest first (for the Activity tab).
    QCoro::Task<Result<QList<AuditEntry>>> entriesFor(QString connection, QString path);
    // The last `count` entries (all of them when count <= 0), oldest first (for the log viewer).
    QCoro::Task<Result<QList<AuditEntry>>> recent(int count);

    // The OS user name recorded as actor.
    static QString currentActor();

Q_SIGNALS:
    void appended(const strongroom::AuditEntry& entry);
    // A line could not be written (disk full, permissions): the UI must say so loudly.
    void appendFailed(const QString& reason);

private:
    QString m_file;
    std::shared_ptr<AuditFile> m_state; // shared with the worker tasks
    QThreadPool m_worker;
};

} // namespace strongroom
