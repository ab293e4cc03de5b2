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
    Rotate = 0x0800,
    BinaryValues = 0x1000,
    CheckAndSet = 0x2000, // the write conflict guard is enforced by the store itself
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
