#include "SecretRotation.h"

namespace strongroom {

QString rotationStateName(RotationInfo::State state) {
    switch (state) {
    case RotationInfo::State::Idle:
        return QStringLiteral("idle");
    case RotationInfo::State::InProgress:
        return QStringLiteral("in progress");
    case RotationInfo::State::Stuck:
        return QStringLiteral("stuck");
    }
    return {};
}

QString rotatorName(RotationInfo::Rotator rotator) {
    switch (rotator) {
    case RotationInfo::Rotator::None:
        return QStringLiteral("none");
    case RotationInfo::Rotator::Function:
        return QStringLiteral("function");
    case RotationInfo::Rotator::Notification:
        return QStringLiteral("notification");
    case RotationInfo::Rotator::DatabaseRole:
        return QStringLiteral("database role");
    case RotationInfo::Rotator::GeneratedValue:
        return QStringLiteral("generated value");
    }
    return {};
}

} // namespace strongroom
