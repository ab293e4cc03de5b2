#include "SecretsManagerAdmin.h"

#include "AwsJsonClient.h"
#include "AwsTimestamp.h"
#include "SecretsManagerBackend.h"

#include <QCoreApplication>

namespace strongroom {

namespace {

using Kind = BackendError::Kind;
using json = nlohmann::json;

QString tr(const char* text) {
    return QCoreApplication::translate("SecretsManagerAdmin", text);
}

BackendError gone() {
    return BackendError(Kind::Cancelled, tr("the connection was closed"));
}

BackendError invalidReply(const char* operation, const QString& why) {
    return BackendError(Kind::InvalidResponse,
                        QStringLiteral("%1 reply: %2").arg(QString::fromLatin1(operation), why));
}

// A RotateSecret that only configures: its success, without the (absent) version.
QCoro::Task<Status> statusOf(QCoro::Task<Result<QString>> task) {
    auto reply = co_await std::move(task);
    if (!reply)
        co_return reply.error();
    co_return Done{};
}

} // namespace

// Each call below uses only the backend across its await: this object may be gone by then.
SecretsManagerAdmin::SecretsManagerAdmin(SecretsManagerBackend* backend)
    : m_backend(backend) {}

QCoro::Task<Result<QString>>
SecretsManagerAdmin::rotateNow(SecretRef ref, std::optional<AwsRotationRequest> request) {
    QPointer<SecretsManagerBackend> backend = m_backend;
    if (!backend)
        co_return gone();
    AwsRotationRequest rotating = request.value_or(AwsRotationRequest{});
    rotating.rotateImmediately = true;
    auto running = backend->rotateSecret(std::move(ref), std::move(rotating));
    co_return co_await std::move(running);
}

QCoro::Task<Status> SecretsManagerAdmin::configureRotation(SecretRef ref,
                                                           AwsRotationRequest request) {
    QPointer<SecretsManagerBackend> backend = m_backend;
    if (!backend)
        co_return gone();
    request.rotateImmediately = false;
    auto running = statusOf(backend->rotateSecret(std::move(ref), std::move(request)));
    co_return co_await std::move(running);
}

QCoro::Task<Status> SecretsManagerAdmin::cancelRotation(SecretRef ref) {
    QPointer<SecretsManagerBackend> backend = m_backend;
    if (!backend)
        co_return gone();
    auto running = backend->disableRotation(std::move(ref));
    co_return co_await std::move(running);
}

QCoro::Task<Status> SecretsManagerAdmin::clearPending(SecretRef ref, QString versionId) {
    QPointer<SecretsManagerBackend> backend = m_backend;
    if (!backend)
        co_return gone();
    auto running = backend->clearStuckRotation(std::move(ref), std::move(versionId));
    co_return co_await std::move(running);
}

QCoro::Task<Result<QDateTime>> SecretsManagerAdmin::scheduleDeletion(SecretRef ref,
                                                                     int recoveryDays) {
    QPointer<SecretsManagerBackend> backend = m_backend;
    if (!backend)
        co_return gone();
    if (ref.path.isEmpty())
        co_return BackendError(Kind::InvalidInput, tr("no secret name given"));
    if (!isValidRecoveryWindow(recoveryDays))
        co_return BackendError(Kind::InvalidInput,
                               tr("the recovery window is 7 to 30 days, not %1").arg(recoveryDays));
    json params{{"SecretId", ref.path.toStdString()}, {"RecoveryWindowInDays", recoveryDays}};
    auto running = backend->call(QStringLiteral("DeleteSecret"), std::move(params),
                                 AwsJsonClient::Safety::Write, ref.path);
    auto reply = co_await std::move(running);
    if (!backend)
        co_return gone();
    if (!reply)
        co_return reply.error();
    const json& body = reply.value();
    const auto date = body.is_object() ? body.find("DeletionDate") : body.end();
    std::optional<QDateTime> when;
    if (body.is_object() && date != body.end())
        when = awsTimestampFromJson(*date);
    if (!when)
        co_return invalidReply("DeleteSecret",
                               tr("no readable DeletionDate; the secret may be scheduled for "
                                  "deletion, check it before retrying"));
    co_return *when;
}

QCoro::Task<Status> SecretsManagerAdmin::forceDelete(SecretRef ref) {
    QPointer<SecretsManagerBackend> backend = m_backend;
    if (!backend)
        co_return gone();
    DeleteOptions options;
    options.force = true;
    auto running = backend->deleteSecret(std::move(ref), options);
    co_return co_await std::move(running);
}

QCoro::Task<Status> SecretsManagerAdmin::restore(SecretRef ref) {
    QPointer<SecretsManagerBackend> backend = m_backend;
    if (!backend)
        co_return gone();
    auto running = backend->restoreSecret(std::move(ref));
    co_return co_await std::move(running);
}

QCoro::Task<Result<QList<AwsScheduledDeletion>>>
SecretsManagerAdmin::scheduledDeletions(QString prefix, CancelToken cancel) {
    QPointer<SecretsManagerBackend> backend = m_backend;
    if (!backend)
        co_return gone();
    auto listing = backend->deletedSecrets(std::move(prefix), std::move(cancel));
    auto listed = co_await std::move(listing);
    if (!listed)
        co_return listed.error();
    QList<AwsScheduledDeletion> out;
    for (const auto& deleted : listed.value()) {
        // deletedAt is set only when the reply carried DeletedDate apart from DeletionDate;
        // otherwise DeletedDate is the purge date (see SecretsManagerBinApi.h).
        out.append({deleted.path, deleted.deletedAt.isValid() ? deleted.deletedAt : deleted.purgeAt,
                    deleted.purgeAt});
    }
    co_return out;
}

} // namespace strongroom
