#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace strongroom {

// What the caller tells the audit log about one operator action. There is deliberately no field
// for a value: nothing secret can be passed in.
struct AuditRecord {
    QString connection; // connection id
    QString path;       // secret path inside that connection
    QString action;     // "read", "reveal", "copy", "write", "rollback", "delete-versions", ...
    QStringList versions;
    QString result = QStringLiteral("ok"); // "ok" or BackendError::kindName()
    QString detail;                        // human context, never a value
};

// One line of the audit log as written: the record plus its place in the hash chain.
struct AuditEntry {
    qint64 seq = 0; // 1-based line number
    QDateTime time; // UTC, millisecond precision
    QString actor;  // OS user name
    QString connection;
    QString path;
    QString action;
    QStringList versions;
    QString result;
    QString detail;
    QString prev; // SHA-256 hex of the previous line's exact bytes, or the genesis value

    bool succeeded() const { return result == QStringLiteral("ok"); }

    // The exact bytes of the line (without the trailing newline), fields in a fixed order.
    QByteArray toJsonLine() const;
    // std::nullopt when `line` is not valid JSON or misses a field.
    static std::optional<AuditEntry> fromJsonLine(const QByteArray& line);
    // The `prev` of the first line.
    static QString genesis();
};

} // namespace strongroom
