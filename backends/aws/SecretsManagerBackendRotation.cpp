// The rotation half of SecretsManagerBackend: the description from DescribeSecret, RotateSecret
// (now, or only configuring), CancelRotateSecret, and clearing a rotation that did not finish.
#include "SecretsManagerBackend.h"

#include "SecretsManagerCalls.h"

#include <QCoreApplication>
#include <QUuid>

namespace strongroom {

namespace {

using Kind = BackendError::Kind;
using json = nlohmann::json;
using secretsmanager::callWrite;
using secretsmanager::callWriteDone;
using secretsmanager::checkName;
using secretsmanager::describeWhileOpen;

const QString awsCurrent = QStringLiteral("AWSCURRENT");
const QString awsPending = QStringLiteral("AWSPENDING");

QString tr(const char* text) {
    return QCoreApplication::translate("SecretsManagerBackend", text);
}

// A ClientRequestToken: AWS wants 32..64 characters and suggests a UUIDv4.
QString freshRequestToken() {
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// The Conflict of clearStuckRotation: what happened to the label since the operator looked.
BackendError pendingMoved(const AwsSecretDescription& now, const QString& versionId) {
    const QStringList labels = now.versionStages.value(versionId);
    QString why;
    if (!now.versionStages.contains(versionId))
        why = tr("version %1 no longer exists").arg(versionId);
    else if (labels.contains(awsCurrent))
        why = tr("version %1 is now AWSCURRENT: the rotation finished, there is nothing to clear")
                  .arg(versionId);
    else if (const auto elsewhere = now.stuckPendingVersion())
        why = tr("AWSPENDING moved from version %1 to version %2").arg(versionId, *elsewhere);
    else
        why = tr("version %1 no longer holds AWSPENDING: there is nothing to clear").arg(versionId);
    return BackendError(Kind::Conflict, why).withCurrentVersion(now.currentVersion());
}

} // namespace

QCoro::Task<Result<RotationInfo>> SecretsManagerBackend::rotation(SecretRef ref) {
    auto describing = describe(std::move(ref));
    auto described = co_await std::move(describing);
    if (!described) {
        co_return described.error();
    }
    co_return secretsmanager::describeRotation(described.value());
}

QCoro::Task<Result<QString>> SecretsManagerBackend::rotateSecret(SecretRef ref,
                                                                 AwsRotationRequest request) {
    QPointer<SecretsManagerBackend> self(this);
    if (auto bad = checkName(ref)) {
        co_return *bad;
    }
    const QString token = freshRequestToken();
    auto params = secretsmanager::rotateSecretParams(ref.path, token, request);
    if (!params) {
        co_return params.error();
    }
    auto calling =
        callWrite(self, QStringLiteral("RotateSecret"), std::move(params).value(), ref.path, token);
    auto reply = co_await std::move(calling);
    if (!reply) {
        co_return reply.error();
    }
    if (!request.rotateImmediately) {
        co_return QString();
    }
    co_return secretsmanager::rotatedVersion(reply.value());
}

QCoro::Task<Result<QString>> SecretsManagerBackend::rotateNow(SecretRef ref) {
    auto rotating = rotateSecret(std::move(ref), AwsRotationRequest{});
    co_return co_await std::move(rotating);
}

QCoro::Task<Status> SecretsManagerBackend::configureRotation(SecretRef ref,
                                                             RotationSettings settings) {
    auto request = secretsmanager::rotationRequestFromSettings(settings);
    if (!request) {
        co_return request.error();
    }
    auto configuring = rotateSecret(std::move(ref), std::move(request).value());
    auto configured = co_await std::move(configuring);
    if (!configured) {
        co_return configured.error();
    }
    co_return Done{};
}

QCoro::Task<Status> SecretsManagerBackend::disableRotation(SecretRef ref) {
    QPointer<SecretsManagerBackend> self(this);
    if (auto bad = checkName(ref)) {
        co_return *bad;
    }
    auto calling = callWriteDone(self, QStringLiteral("CancelRotateSecret"),
                                 json{{"SecretId", ref.path.toStdString()}}, ref.path);
    co_return co_await std::move(calling);
}

QCoro::Task<Status> SecretsManagerBackend::clearStuckRotation(SecretRef ref, QString stuckVersion) {
    QPointer<SecretsManagerBackend> self(this);
    if (auto bad = checkName(ref)) {
        co_return *bad;
    }
    if (stuckVersion.isEmpty()) {
        co_return BackendError(Kind::InvalidInput, tr("no version given to clear AWSPENDING from"));
    }
    auto describing = describeWhileOpen(self, ref);
    auto described = co_await std::move(describing);
    if (!described) {
        co_return described.error();
    }
    const QStringList labels = described->versionStages.value(stuckVersion);
    if (!labels.contains(awsPending) || labels.contains(awsCurrent)) {
        co_return pendingMoved(described.value(), stuckVersion);
    }
    json params{{"SecretId", ref.path.toStdString()},
                {"VersionStage", awsPending.toStdString()},
                {"RemoveFromVersionId", stuckVersion.toStdString()}};
    auto calling = callWriteDone(self, QStringLiteral("UpdateSecretVersionStage"),
                                 std::move(params), ref.path);
    co_return co_await std::move(calling);
}

} // namespace strongroom
