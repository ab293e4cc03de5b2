#include "RotationService.h"

namespace strongroom {

namespace {
BackendError noConnection() {
    return BackendError(BackendError::Kind::InvalidInput, QStringLiteral("no connection"));
}

QStringList nonEmpty(const QString& version) {
    return version.isEmpty() ? QStringList() : QStringList{version};
}
} // namespace

RotationService::RotationService(AuditLog* audit, QObject* parent)
    : QObject(parent)
    , m_audit(audit) {}

QCoro::Task<Result<RotationInfo>> RotationService::rotation(Connection* connection, SecretRef ref) {
    if (!connection) {
        co_return noConnection();
    }
    const OperationAudit audit = m_audit;
    const QString id = connection->id();
    auto describing = connection->backend()->rotation(ref);
    auto result = co_await std::move(describing);
    auto auditing =
        audit.record(id, ref.path, actions::showRotation(), {}, OperationAudit::outcome(result),
                     OperationAudit::failureDetail(result));
    co_await std::move(auditing);
    co_return result;
}

QCoro::Task<Result<QString>> RotationService::rotateNow(Connection* connection, SecretRef ref) {
    if (!connection) {
        co_return noConnection();
    }
    const OperationAudit audit = m_audit;
    const QString id = connection->id();
    auto rotating = connection->backend()->rotateNow(ref);
    auto result = co_await std::move(rotating);
    auto auditing = audit.record(
        id, ref.path, actions::rotate(), nonEmpty(result.ok() ? result.value() : QString()),
        OperationAudit::outcome(result), OperationAudit::failureDetail(result));
    co_await std::move(auditing);
    co_return result;
}

QCoro::Task<Status> RotationService::configure(Connection* connection, SecretRef ref,
                                               RotationSettings settings, QString summary) {
    if (!connection) {
        co_return noConnection();
    }
    const OperationAudit audit = m_audit;
    const QString id = connection->id();
    auto configuring = connection->backend()->configureRotation(ref, std::move(settings));
    auto result = co_await std::move(configuring);
    auto auditing = audit.record(id, ref.path, actions::configureRotation(), {},
                                 OperationAudit::outcome(result),
                                 OperationAudit::withFailure(std::move(summary), result));
    co_await std::move(auditing);
    co_return result;
}

QCoro::Task<Status> RotationService::disable(Connection* connection, SecretRef ref) {
    if (!connection) {
        co_return noConnection();
    }
    const OperationAudit audit = m_audit;
    const QString id = connection->id();
    auto disabling = connection->backend()->disableRotation(ref);
    auto result = co_await std::move(disabling);
    auto auditing =
        audit.record(id, ref.path, actions::disableRotation(), {}, OperationAudit::outcome(result),
                     OperationAudit::failureDetail(result));
    co_await std::move(auditing);
    co_return result;
}

QCoro::Task<Status> RotationService::clearStuck(Connection* connection, SecretRef ref,
                                                QString stuckVersion) {
    if (!connection) {
        co_return noConnection();
    }
    const OperationAudit audit = m_audit;
    const QString id = connection->id();
    auto clearing = connection->backend()->clearStuckRotation(ref, stuckVersion);
    auto result = co_await std::move(clearing);
    auto auditing =
        audit.record(id, ref.path, actions::clearStuckRotation(), nonEmpty(stuckVersion),
                     OperationAudit::outcome(result), OperationAudit::failureDetail(result));
    co_await std::move(auditing);
    co_return result;
}

} // namespace strongroom
