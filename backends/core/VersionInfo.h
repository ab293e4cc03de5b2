#pragma once

#include <QDateTime>
#include <QFlags>
#include <QString>
#include <QStringList>

namespace strongroom {

// Marks a version can carry, in the common vocabulary of every store:
// Vault/local: Current, Deleted, Destroyed. AWS: Current (AWSCURRENT), Previous, Pending, and
// Deprecated when unlabeled. GCP: Disabled, Destroyed. Azure: Disabled, Expired, NotYetValid.
enum class VersionMark {
    Current = 0x01,
    Deleted = 0x02,
    Destroyed = 0x04,
    Disabled = 0x08,
    Deprecated = 0x10,
    Expired = 0x20,
    NotYetValid = 0x40,
    Previous = 0x80,
    Pending = 0x100,
};
Q_DECLARE_FLAGS(VersionMarks, VersionMark)
Q_DECLARE_OPERATORS_FOR_FLAGS(VersionMarks)

struct VersionInfo {
    QString id; // store's own id: integer, UUID, 32-hex...
    QDateTime created;
    QDateTime deletedAt; // soft delete time (Vault/local) or scheduled deletion
    QDateTime expires;   // Azure expiry
    QDateTime notBefore; // Azure not-before
    VersionMarks marks;
    QStringList labels;  // AWS staging labels, GCP aliases, custom labels (movable: MoveLabel)
    QDateTime destroyAt; // a pending destroy: when the store destroys it (GCP delayed destroy)

    // True when the value can still be read (not deleted, destroyed or disabled).
    bool isReadable() const {
        return !(marks & (VersionMark::Deleted | VersionMark::Destroyed | VersionMark::Disabled));
    }
};

// Short words for the marks ("current", "deleted", ...), for tables and the CLI.
QStringList markNames(VersionMarks marks);

} // namespace strongroom
