#pragma once

#include <QFlags>
#include <QHash>
#include <QString>

namespace strongroom {

// What can be done: first what the store supports at all, then narrowed to what this
// credential may do on one path. The UI enables actions from this alone, never from
// "which provider is this".
enum class Capability {
    List = 0x0001,
    Read = 0x0002,
    Write = 0x0004,
    Versions = 0x0008,    // keeps and lists old versions
    ReadVersion = 0x0010, // can read a given old version
    DeleteVersion = 0x0020,
    UndeleteVersion = 0x0040,
    DestroyVersion = 0x0080,
    DeleteSecret = 0x0100,
    Rollback = 0x0200,
    EditMetadata = 0x0400,
    Rotate = 0x0800, // starts a rotation now
    BinaryValues = 0x1000,
    CheckAndSet = 0x2000, // the write conflict guard is enforced by the store itself
    // Recoverable deletion: the secret goes to a bin (a recovery window, a soft-deleted state)
    // from which it can be restored until its purge date.
    RecoverableDelete = 0x4000,
    ListDeleted = 0x8000, // the bin can be listed, with the date each secret goes for good
    RestoreSecret = 0x10000,
    PurgeSecret = 0x20000,         // remove from the bin now (or delete without recovery)
    EnableVersion = 0x40000,       // enable / disable single versions (GCP, Azure)
    MoveLabel = 0x80000,           // labels/aliases an operator can move (AWS stages, GCP aliases)
    RotationStatus = 0x100000,     // describes how and when the secret rotates
    ConfigureRotation = 0x200000,  // sets or turns off the schedule and who rotates
    ClearStuckRotation = 0x400000, // clears a rotation that did not finish
};
Q_DECLARE_FLAGS(CapabilitySet, Capability)
Q_DECLARE_OPERATORS_FOR_FLAGS(CapabilitySet)

class Capabilities {
public:
    Capabilities() = default;
    explicit Capabilities(CapabilitySet allowed)
        : m_allowed(allowed) {}

    bool can(Capability capability) const { return m_allowed.testFlag(capability); }
    CapabilitySet allowed() const { return m_allowed; }

    // Marks `capability` as not allowed, with the reason shown in a disabled action's tooltip
    // (e.g. "needs 'update' on secret/data/app").
    void deny(Capability capability, QString reason);
    // Why `capability` is not allowed; empty when it is.
    QString whyNot(Capability capability) const;
    // The intersection with `narrower` (store support ∩ credential permission).
    Capabilities narrowedTo(const Capabilities& narrower) const;

private:
    CapabilitySet m_allowed;
    QHash<int, QString> m_reasons;
};

QString capabilityName(Capability capability);

} // namespace strongroom
