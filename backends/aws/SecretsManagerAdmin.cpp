#include "SecretsManagerAdmin.h"

#include "AwsJsonClient.h"
#include "AwsTimestamp.h"
#include "SecretsManagerBackend.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>

namespace strongroom {

namespace {

using Kind = BackendError::Kind;
using json = nlohmann::json;
using Safety = AwsJsonClient::Safety;

const QString awsPending = QStringLiteral("AWSPENDING");
constexpr int maxRotationDays = 1000;
constexpr int listPageSize = 100;

QString tr(const char* text) {
    return QCoreApplication::translate("SecretsManagerAdmin", text);
}

BackendError gone() {
    return BackendError(Kind::Cancelled, tr("the connection was closed"));
}

BackendError invalidInput(const QString& why) {
    return BackendError(Kind::InvalidInput, why);
}

BackendError invalidReply(const char* operation, const QString& why) {
    return BackendError(Kind::InvalidResponse,
                        QStringLiteral("%1 reply: %2").arg(QString::fromLatin1(operation), why));
}

std::optional<BackendError> checkRef(const SecretRef& ref) {
    if (ref.path.isEmpty())
        return invalidInput(tr("no secret name given"));
    return std::nullopt;
}

json secretId(const SecretRef& ref) {
    return json{{"SecretId", ref.path.toStdString()}};
}

// What every call here checks first: the connection is still there and a secret is named.
std::optional<BackendError> cannotCall(const QPointer<SecretsManagerBackend>& backend,
                                       const SecretRef& ref) {
    if (!backend)
        return gone();
    return checkRef(ref);
}

// One writing call for `ref`; gone() when the connection closed while it ran. Only `backend` is
// used across the await: the SecretsManagerAdmin may be gone by then.
QCoro::Task<Result<json>> runWrite(QPointer<SecretsManagerBackend> backend, QString operation,
                                   json params, SecretRef ref, QString token = {}) {
    auto calling =
        backend->call(std::move(operation), std::move(params), Safety::Write, ref.path, token);
    auto reply = co_await std::move(calling);
    if (!backend)
        co_return gone();
    co_return reply;
}

// runWrite for the calls whose reply says nothing beyond success.
QCoro::Task<Status> runWriteDone(QPointer<SecretsManagerBackend> backend, QString operation,
                                 json params, SecretRef ref, QString token = {}) {
    auto running = runWrite(backend, std::move(operation), std::move(params), std::move(ref),
                            std::move(token));
    auto reply = co_await std::move(running);
    if (!reply)
        co_return reply.error();
    co_return Done{};
}

// The calls that send nothing but the secret's name.
QCoro::Task<Status> runWriteById(QPointer<SecretsManagerBackend> backend, QString operation,
                                 SecretRef ref) {
    if (auto problem = cannotCall(backend, ref))
        co_return *problem;
    auto running = runWriteDone(backend, std::move(operation), secretId(ref), ref);
    co_return co_await std::move(running);
}

// A ClientRequestToken: AWS wants 32..64 characters and suggests a UUIDv4.
QString freshRequestToken() {
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// RotateSecret's parameters before the schedule; `token` is reused when the call is retried.
json rotateParams(const SecretRef& ref, const QString& token, bool immediately) {
    json params = secretId(ref);
    params["ClientRequestToken"] = token.toStdString();
    params["RotateImmediately"] = immediately;
    return params;
}

// RotationLambdaARN and RotationRules of `request` into `params`. A schedule is either a number
// of days or an expression, never both; `needSchedule` when the call only makes sense with one.
std::optional<BackendError> addRotation(json& params, const AwsRotationRequest& request,
                                        bool needSchedule) {
    const bool byDays = request.automaticallyAfterDays != 0;
    const bool byExpression = !request.scheduleExpression.trimmed().isEmpty();
    if (byDays && byExpression)
        return invalidInput(tr("give the rotation schedule as a number of days or as a schedule "
                               "expression, not both"));
    if (byDays &&
        (request.automaticallyAfterDays < 1 || request.automaticallyAfterDays > maxRotationDays))
        return invalidInput(tr("rotate every 1 to %1 days, not %2")
                                .arg(maxRotationDays)
                                .arg(request.automaticallyAfterDays));
    if (needSchedule && !byDays && !byExpression)
        return invalidInput(tr("say when the secret rotates: a number of days or a schedule "
                               "expression"));
    if (!request.lambdaArn.trimmed().isEmpty())
        params["RotationLambdaARN"] = request.lambdaArn.trimmed().toStdString();
    json rules = json::object();
    if (byDays)
        rules["AutomaticallyAfterDays"] = request.automaticallyAfterDays;
    if (byExpression)
        rules["ScheduleExpression"] = request.scheduleExpression.trimmed().toStdString();
    if (!request.duration.trimmed().isEmpty())
        rules["Duration"] = request.duration.trimmed().toStdString();
    if (!rules.empty())
        params["RotationRules"] = std::move(rules);
    return std::nullopt;
}

// The Conflict of clearPending: what happened to the label since the operator looked.
BackendError pendingMoved(const AwsSecretDescription& now, const QString& versionId) {
    const QStringList labels = now.versionStages.value(versionId);
    QString why;
    if (!now.versionStages.contains(versionId))
        why = tr("version %1 no longer exists").arg(versionId);
    else if (labels.contains(QStringLiteral("AWSCURRENT")))
        why = tr("version %1 is now AWSCURRENT: the rotation finished, there is nothing to clear")
                  .arg(versionId);
    else if (const auto elsewhere = now.stuckPendingVersion())
        why = tr("AWSPENDING moved from version %1 to version %2").arg(versionId, *elsewhere);
    else
        why = tr("version %1 no longer holds AWSPENDING: there is nothing to clear").arg(versionId);
    return BackendError(Kind::Conflict, why).withCurrentVersion(now.currentVersion());
}

// ListSecrets' name filter takes a prefix, but only of these characters, and "!" negates it:
// any other prefix is matched here alone.
bool serverCanFilter(const QString& prefix) {
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9 :_@/+=.\\-]{1,512}$"));
    return allowed.match(prefix).hasMatch();
}

json listParams(const QString& prefix, const QString& nextToken) {
    json params{{"IncludePlannedDeletion", true}, {"MaxResults", listPageSize}};
    if (serverCanFilter(prefix))
        params["Filters"] =
            json::array({json{{"Key", "name"}, {"Values", json::array({prefix.toStdString()})}}});
    if (!nextToken.isEmpty())
        params["NextToken"] = nextToken.toStdString();
    return params;
}

// The secrets of one ListSecrets page that wait for deletion, and the next page's token (empty
// on the last page: AWS leaves it out, moto sends null, some send "").
Result<QString> readDeletionPage(const json& reply, const QString& prefix,
                                 QList<AwsScheduledDeletion>& out) {
    if (!reply.is_object())
        return invalidReply("ListSecrets", tr("not a JSON object"));
    const auto list = reply.find("SecretList");
    if (list != reply.end() && !list->is_null()) {
        if (!list->is_array())
            return invalidReply("ListSecrets", tr("SecretList is a JSON %1, expected a list")
                                                   .arg(QString::fromLatin1(list->type_name())));
        for (std::size_t i = 0; i < list->size(); ++i) {
            const json& entry = (*list)[i];
            auto described = AwsSecretDescription::fromJson(
                entry, QStringLiteral("ListSecrets entry %1").arg(i));
            if (!described)
                return described.error();
            if (!described->isScheduledForDeletion() || !described->name.startsWith(prefix))
                continue;
            AwsScheduledDeletion deletion;
            deletion.name = described->name;
            deletion.deletedDate = described->deletedDate;
            // AWS documents DescribeSecret's DeletedDate as "the date the secret is scheduled for
            // deletion" (moto 5.2.5 sends now + window there), so that is when it goes unless a
            // DeletionDate, which ListSecrets does not document, says otherwise.
            deletion.deletionDate = described->deletedDate;
            if (const auto given = entry.find("DeletionDate");
                given != entry.end() && !given->is_null()) {
                const auto when = awsTimestampFromJson(*given);
                if (!when)
                    return invalidReply("ListSecrets",
                                        tr("entry %1 has an unreadable DeletionDate").arg(i));
                deletion.deletionDate = *when;
            }
            out.append(deletion);
        }
    }
    const auto next = reply.find("NextToken");
    if (next == reply.end() || next->is_null())
        return QString();
    if (!next->is_string())
        return invalidReply("ListSecrets", tr("NextToken is a JSON %1, expected a string")
                                               .arg(QString::fromLatin1(next->type_name())));
    return QString::fromStdString(next->get_ref<const std::string&>());
}

} // namespace

SecretsManagerAdmin::SecretsManagerAdmin(SecretsManagerBackend* backend)
    : m_backend(backend) {}

QCoro::Task<Result<QString>>
SecretsManagerAdmin::rotateNow(SecretRef ref, std::optional<AwsRotationRequest> request) {
    // Only the backend is used across the await: this object may be gone by then.
    QPointer<SecretsManagerBackend> backend = m_backend;
    if (auto problem = cannotCall(backend, ref))
        co_return *problem;
    const QString token = freshRequestToken();
    json params = rotateParams(ref, token, true);
    if (request) {
        if (auto problem = addRotation(params, *request, false))
            co_return *problem;
    }
    auto running = runWrite(backend, QStringLiteral("RotateSecret"), std::move(params), ref, token);
    auto reply = co_await std::move(running);
    if (!reply)
        co_return reply.error();
    const json& body = reply.value();
    const auto version = body.is_object() ? body.find("VersionId") : body.end();
    if (!body.is_object() || version == body.end() || !version->is_string() ||
        version->get_ref<const std::string&>().empty())
        co_return invalidReply("RotateSecret", tr("no VersionId for the new version"));
    co_return QString::fromStdString(version->get_ref<const std::string&>());
}

QCoro::Task<Status> SecretsManagerAdmin::configureRotation(SecretRef ref,
                                                           AwsRotationRequest request) {
    QPointer<SecretsManagerBackend> backend = m_backend;
    if (auto problem = cannotCall(backend, ref))
        co_return *problem;
    const QString token = freshRequestToken();
    json params = rotateParams(ref, token, false);
    if (auto problem = addRotation(params, request, true))
        co_return *problem;
    auto running =
        runWriteDone(backend, QStringLiteral("RotateSecret"), std::move(params), ref, token);
    co_return co_await std::move(running);
}

QCoro::Task<Status> SecretsManagerAdmin::cancelRotation(SecretRef ref) {
    return runWriteById(m_backend, QStringLiteral("CancelRotateSecret"), std::move(ref));
}

QCoro::Task<Status> SecretsManagerAdmin::clearPending(SecretRef ref, QString versionId) {
    QPointer<SecretsManagerBackend> backend = m_backend;
    if (auto problem = cannotCall(backend, ref))
        co_return *problem;
    if (versionId.isEmpty())
        co_return invalidInput(tr("no version given to clear AWSPENDING from"));

    auto describing = backend->describe(ref);
    auto described = co_await std::move(describing);
    if (!backend)
        co_return gone();
    if (!described)
        co_return described.error();
    const QStringList labels = described->versionStages.value(versionId);
    if (!labels.contains(awsPending) || labels.contains(QStringLiteral("AWSCURRENT")))
        co_return pendingMoved(described.value(), versionId);

    json params = secretId(ref);
    params["VersionStage"] = awsPending.toStdString();
    params["RemoveFromVersionId"] = versionId.toStdString();
    auto running =
        runWriteDone(backend, QStringLiteral("UpdateSecretVersionStage"), std::move(params), ref);
    co_return co_await std::move(running);
}

QCoro::Task<Result<QDateTime>> SecretsManagerAdmin::scheduleDeletion(SecretRef ref,
                                                                     int recoveryDays) {
    QPointer<SecretsManagerBackend> backend = m_backend;
    if (auto problem = cannotCall(backend, ref))
        co_return *problem;
    if (!isValidRecoveryWindow(recoveryDays))
        co_return invalidInput(tr("the recovery window is 7 to 30 days, not %1").arg(recoveryDays));
    json params = secretId(ref);
    params["RecoveryWindowInDays"] = recoveryDays;
    auto running = runWrite(backend, QStringLiteral("DeleteSecret"), std::move(params), ref);
    auto reply = co_await std::move(running);
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
    if (auto problem = cannotCall(backend, ref))
        co_return *problem;
    json params = secretId(ref);
    params["ForceDeleteWithoutRecovery"] = true;
    auto running = runWriteDone(backend, QStringLiteral("DeleteSecret"), std::move(params), ref);
    co_return co_await std::move(running);
}

QCoro::Task<Status> SecretsManagerAdmin::restore(SecretRef ref) {
    return runWriteById(m_backend, QStringLiteral("RestoreSecret"), std::move(ref));
}

QCoro::Task<Result<QList<AwsScheduledDeletion>>>
SecretsManagerAdmin::scheduledDeletions(QString prefix, CancelToken cancel) {
    QPointer<SecretsManagerBackend> backend = m_backend;
    if (!backend)
        co_return gone();
    QList<AwsScheduledDeletion> out;
    QString nextToken;
    QSet<QString> seenTokens;
    for (;;) {
        if (cancel.isCancelled())
            co_return BackendError(Kind::Cancelled, tr("the listing was cancelled"));
        auto calling = backend->call(QStringLiteral("ListSecrets"), listParams(prefix, nextToken),
                                     Safety::Read, QString(), {}, cancel);
        auto reply = co_await std::move(calling);
        if (!backend)
            co_return gone();
        if (!reply)
            co_return reply.error();
        auto page = readDeletionPage(reply.value(), prefix, out);
        if (!page)
            co_return page.error();
        nextToken = page.value();
        if (nextToken.isEmpty())
            break;
        // A server that hands out the same token again would keep us listing forever.
        if (seenTokens.contains(nextToken))
            co_return invalidReply("ListSecrets",
                                   tr("the same NextToken came back twice; the listing does not "
                                      "advance"));
        seenTokens.insert(nextToken);
    }
    co_return out;
}

} // namespace strongroom
