#include "Capabilities.h"

#include <QCoreApplication>

namespace strongroom {

void Capabilities::deny(Capability capability, QString reason) {
    m_allowed.setFlag(capability, false);
    m_reasons.insert(static_cast<int>(capability), std::move(reason));
}

QString Capabilities::whyNot(Capability capability) const {
    if (can(capability)) {
        return {};
    }
    const auto reason = m_reasons.value(static_cast<int>(capability));
    if (!reason.isEmpty()) {
        return reason;
    }
    return QCoreApplication::translate("Capabilities", "This store cannot %1")
        .arg(capabilityName(capability));
}

Capabilities Capabilities::narrowedTo(const Capabilities& narrower) const {
    Capabilities result(m_allowed & narrower.m_allowed);
    for (auto it = m_reasons.begin(); it != m_reasons.end(); ++it) {
        result.m_reasons.insert(it.key(), it.value());
    }
    for (auto it = narrower.m_reasons.begin(); it != narrower.m_reasons.end(); ++it) {
        if (!result.m_reasons.contains(it.key())) {
            result.m_reasons.insert(it.key(), it.value());
        }
    }
    return result;
}

QString capabilityName(Capability capability) {
    switch (capability) {
    case Capability::List:
        return QStringLiteral("list");
    case Capability::Read:
        return QStringLiteral("read");
    case Capability::Write:
        return QStringLiteral("write");
    case Capability::Versions:
        return QStringLiteral("keep versions");
    case Capability::ReadVersion:
        return QStringLiteral("read old versions");
    case Capability::DeleteVersion:
        return QStringLiteral("delete versions");
    case Capability::UndeleteVersion:
        return QStringLiteral("undelete versions");
    case Capability::DestroyVersion:
        return QStringLiteral("destroy versions");
    case Capability::DeleteSecret:
        return QStringLiteral("delete secrets");
    case Capability::Rollback:
        return QStringLiteral("roll back");
    case Capability::EditMetadata:
        return QStringLiteral("edit metadata");
    case Capability::Rotate:
        return QStringLiteral("rotate");
    case Capability::BinaryValues:
        return QStringLiteral("store binary values");
    case Capability::CheckAndSet:
        return QStringLiteral("check-and-set");
    case Capability::RecoverableDelete:
        return QStringLiteral("delete with a recovery window");
    case Capability::ListDeleted:
        return QStringLiteral("list deleted secrets");
    case Capability::RestoreSecret:
        return QStringLiteral("restore deleted secrets");
    case Capability::PurgeSecret:
        return QStringLiteral("purge secrets");
    case Capability::EnableVersion:
        return QStringLiteral("enable or disable versions");
    case Capability::MoveLabel:
        return QStringLiteral("move version labels");
    case Capability::RotationStatus:
        return QStringLiteral("describe rotation");
    case Capability::ConfigureRotation:
        return QStringLiteral("configure rotation");
    case Capability::ClearStuckRotation:
        return QStringLiteral("clear a stuck rotation");
    }
    return {};
}

} // namespace strongroom
