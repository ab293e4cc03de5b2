#include "AwsSecretOperations.h"

#include "AuditLog.h"
#include "Connection.h"
#include "SecretsManagerBackend.h"
#include "Workspace.h"

namespace strongroom {

namespace {
BackendError notConnected() {
    return BackendError(BackendError::Kind::Unauthenticated,
                        AwsSecretOperations::tr("the AWS connection is not open"));
}

template <typename T> std::optional<BackendError> errorOf(const Result<T>& result) {
    return result.ok() ? std::nullopt : std::optional<BackendError>(result.error());
}
} // namespace

AwsSecretOperations::AwsSecretOperations(Workspace* workspace, QString connectionId,
                                         QObject* parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_connectionId(std::move(connectionId)) {}

SecretsManagerBackend* AwsSecretOperations::backend() const {
    const Connection* connection = m_workspace ? m_workspace->connection(m_connectionId) : nullptr;
    return connection ? qobject_cast<SecretsManagerBackend*>(connection->backend()) : nullptr;
}

void AwsSecretOperations::audit(const QString& path, const QString& action,
                                const QStringList& versions,
                                const std::optional<BackendError>& error, const QString& detail) {
    if (!m_workspace) {
        return;
    }
    AuditRecord record;
    record.connection = m_connectionId;
    record.path = path;
    record.action = action;
    record.versions = versions;
    record.result = error ? BackendError::kindName(error->kind()) : QStringLiteral("ok");
    record.detail = error ? (detail.isEmpty() ? error->detail()
                                              : detail + QStringLiteral("; ") + error->detail())
                          : detail;
    m_workspace->auditLog()->append(std::move(record));
}

QCoro::Task<Result<AwsSecretDescription>> AwsSecretOperations::describe(QString name) {
    SecretsManagerBackend* aws = backend();
    if (!aws) {
        co_return notConnected();
    }
    auto describing = aws->describe(SecretRef{name});
    co_return co_await std::move(describing);
}

QCoro::Task<Result<QString>> AwsSecretOperations::rotateNow(QString name) {
    SecretsManagerBackend* aws = backend();
    if (!aws) {
        co_return notConnected();
    }
    QPointer<AwsSecretOperations> self(this);
    SecretsManagerAdmin admin(aws);
    auto rotating = admin.rotateNow(SecretRef{name});
    auto result = co_await std::move(rotating);
    if (self) {
        audit(name, QStringLiteral("rotate"),
              result.ok() ? QStringList{result.value()} : QStringList{}, errorOf(result),
              QStringLiteral("rotate now"));
    }
    co_return result;
}

QCoro::Task<Status> AwsSecretOperations::configureRotation(QString name,
                                                           AwsRotationRequest request) {
    SecretsManagerBackend* aws = backend();
    if (!aws) {
        co_return notConnected();
    }
    QPointer<AwsSecretOperations> self(this);
    const QString detail =
        QStringLiteral("lambda %1; %2")
            .arg(request.lambdaArn.isEmpty() ? QStringLiteral("unchanged") : request.lambdaArn,
                 request.scheduleExpression.isEmpty()
                     ? QStringLiteral("every %1 days").arg(request.automaticallyAfterDays)
                     : request.scheduleExpression);
    SecretsManagerAdmin admin(aws);
    auto configuring = admin.configureRotation(SecretRef{name}, std::move(request));
    auto result = co_await std::move(configuring);
    if (self) {
        audit(name, QStringLiteral("configure-rotation"), {}, errorOf(result), detail);
    }
    co_return result;
}

QCoro::Task<Status> AwsSecretOperations::cancelRotation(QString name) {
    SecretsManagerBackend* aws = backend();
    if (!aws) {
        co_return notConnected();
    }
    QPointer<AwsSecretOperations> self(this);
    SecretsManagerAdmin admin(aws);
    auto cancelling = admin.cancelRotation(SecretRef{name});
    auto result = co_await std::move(cancelling);
    if (self) {
        audit(name, QStringLiteral("disable-rotation"), {}, errorOf(result), {});
    }
    co_return result;
}

QCoro::Task<Status> AwsSecretOperations::clearPending(QString name, QString versionId) {
    SecretsManagerBackend* aws = backend();
    if (!aws) {
        co_return notConnected();
    }
    QPointer<AwsSecretOperations> self(this);
    SecretsManagerAdmin admin(aws);
    auto clearing = admin.clearPending(SecretRef{name}, versionId);
    auto result = co_await std::move(clearing);
    if (self) {
        audit(name, QStringLiteral("clear-pending"), {versionId}, errorOf(result),
              QStringLiteral("AWSPENDING removed from a stuck rotation"));
    }
    co_return result;
}

QCoro::Task<Result<QDateTime>> AwsSecretOperations::scheduleDeletion(QString name,
                                                                     int recoveryDays) {
    SecretsManagerBackend* aws = backend();
    if (!aws) {
        co_return notConnected();
    }
    QPointer<AwsSecretOperations> self(this);
    SecretsManagerAdmin admin(aws);
    auto deleting = admin.scheduleDeletion(SecretRef{name}, recoveryDays);
    auto result = co_await std::move(deleting);
    if (self) {
        audit(name, QStringLiteral("schedule-deletion"), {}, errorOf(result),
              QStringLiteral("recovery window %1 days").arg(recoveryDays));
    }
    co_return result;
}

QCoro::Task<Status> AwsSecretOperations::forceDelete(QString name) {
    SecretsManagerBackend* aws = backend();
    if (!aws) {
        co_return notConnected();
    }
    QPointer<AwsSecretOperations> self(this);
    SecretsManagerAdmin admin(aws);
    auto deleting = admin.forceDelete(SecretRef{name});
    auto result = co_await std::move(deleting);
    if (self) {
        audit(name, QStringLiteral("force-delete"), {}, errorOf(result),
              QStringLiteral("without recovery"));
    }
    co_return result;
}

QCoro::Task<Status> AwsSecretOperations::restore(QString name) {
    SecretsManagerBackend* aws = backend();
    if (!aws) {
        co_return notConnected();
    }
    QPointer<AwsSecretOperations> self(this);
    SecretsManagerAdmin admin(aws);
    auto restoring = admin.restore(SecretRef{name});
    auto result = co_await std::move(restoring);
    if (self) {
        audit(name, QStringLiteral("restore"), {}, errorOf(result), {});
    }
    co_return result;
}

QCoro::Task<Result<QList<AwsScheduledDeletion>>> AwsSecretOperations::scheduledDeletions() {
    SecretsManagerBackend* aws = backend();
    if (!aws) {
        co_return notConnected();
    }
    SecretsManagerAdmin admin(aws);
    auto listing = admin.scheduledDeletions();
    co_return co_await std::move(listing);
}

} // namespace strongroom
