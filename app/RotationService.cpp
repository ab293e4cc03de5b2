#include "RotationService.h"

namespace strongroom {

RotationService::RotationService(AuditLog* audit, QObject* parent)
    : QObject(parent)
    , m_audit(audit) {}

QCoro::Task<Result<RotationInfo>> RotationService::rotation(Connection* connection, SecretRef ref) {
    return m_audit.run<RotationInfo>(connection, ref.path, actions::showRotation(),
                                     [ref](SecretBackend& store) { return store.rotation(ref); });
}

QCoro::Task<Result<QString>> RotationService::rotateNow(Connection* connection, SecretRef ref) {
    return m_audit.run<QString>(
        connection, ref.path, actions::rotate(),
        [ref](SecretBackend& store) { return store.rotateNow(ref); }, {},
        [](const Result<QString>& made) {
            return made.ok() && !made.value().isEmpty() ? QStringList{made.value()} : QStringList();
        });
}

QCoro::Task<Status> RotationService::configure(Connection* connection, SecretRef ref,
                                               RotationSettings settings, QString summary) {
    return m_audit.run<Done>(
        connection, ref.path, actions::configureRotation(),
        [ref, settings](SecretBackend& store) { return store.configureRotation(ref, settings); },
        std::move(summary));
}

QCoro::Task<Status> RotationService::disable(Connection* connection, SecretRef ref) {
    return m_audit.run<Done>(connection, ref.path, actions::disableRotation(),
                             [ref](SecretBackend& store) { return store.disableRotation(ref); });
}

QCoro::Task<Status> RotationService::clearStuck(Connection* connection, SecretRef ref,
                                                QString stuckVersion) {
    return m_audit.run<Done>(
        connection, ref.path, actions::clearStuckRotation(),
        [ref, stuckVersion](SecretBackend& store) {
            return store.clearStuckRotation(ref, stuckVersion);
        },
        {},
        [stuckVersion](const Status&) {
            return stuckVersion.isEmpty() ? QStringList() : QStringList{stuckVersion};
        });
}

} // namespace strongroom
