// The deletion half of SecretsManagerBackend: DeleteSecret with a recovery window, the bin of
// secrets waiting for their deletion date, restore, and purge.
#include "SecretsManagerBackend.h"

#include "SecretsManagerBinApi.h"
#include "SecretsManagerCalls.h"

#include <QCoreApplication>
#include <QSet>

namespace strongroom {

namespace {

using Kind = BackendError::Kind;
using json = nlohmann::json;
using secretsmanager::callWriteDone;
using secretsmanager::checkName;
using secretsmanager::describeWhileOpen;

constexpr int minRecoveryDays = 7;
constexpr int maxRecoveryDays = 30;
constexpr int defaultRecoveryDays = 30;

QString tr(const char* text) {
    return QCoreApplication::translate("SecretsManagerBackend", text);
}

json secretId(const SecretRef& ref) {
    return json{{"SecretId", ref.path.toStdString()}};
}

// The second step of a purge failed after the first restored the secret: nothing may read as
// if the secret were still in the bin.
BackendError restoredButNotPurged(const QString& name, const BackendError& error) {
    BackendError out(error.kind(),
                     tr("%1 was restored and is live again: deleting it for good failed (%2). "
                        "Delete it again, with or without a recovery window")
                         .arg(name, error.detail().isEmpty() ? BackendError::describe(error.kind())
                                                             : error.detail()));
    out.withRetryAfter(error.retryAfter());
    return out;
}

} // namespace

DeletionRules SecretsManagerBackend::deletionRules() const {
    DeletionRules rules;
    rules.hasBin = true;
    rules.windowChosenPerDelete = true;
    rules.minRecoveryDays = minRecoveryDays;
    rules.maxRecoveryDays = maxRecoveryDays;
    rules.defaultRecoveryDays = defaultRecoveryDays;
    return rules;
}

QCoro::Task<Status> SecretsManagerBackend::deleteSecret(SecretRef ref, DeleteOptions options) {
    QPointer<SecretsManagerBackend> self(this);
    if (auto bad = checkName(ref)) {
        co_return *bad;
    }
    const int days = options.recoveryDays == 0 ? defaultRecoveryDays : options.recoveryDays;
    if (!options.force && !deletionRules().acceptsWindow(days)) {
        co_return BackendError(Kind::InvalidInput,
                               tr("the recovery window must be 7 to 30 days, not %1").arg(days));
    }
    json params = secretId(ref);
    if (options.force) {
        params["ForceDeleteWithoutRecovery"] = true;
    } else {
        params["RecoveryWindowInDays"] = days;
    }
    auto calling = callWriteDone(self, QStringLiteral("DeleteSecret"), std::move(params), ref.path);
    co_return co_await std::move(calling);
}

QCoro::Task<Result<QList<DeletedSecret>>>
SecretsManagerBackend::deletedSecrets(QString prefix, CancelToken cancel) {
    QPointer<SecretsManagerBackend> self(this);
    QList<DeletedSecret> out;
    QString nextToken;
    QSet<QString> seenTokens;
    for (;;) {
        if (cancel.isCancelled()) {
            co_return BackendError(Kind::Cancelled, tr("the listing was cancelled"));
        }
        auto calling = call(QStringLiteral("ListSecrets"),
                            secretsmanager::deletedListParams(prefix, nextToken),
                            AwsJsonClient::Safety::Read, QString(), {}, cancel);
        auto reply = co_await std::move(calling);
        if (!self) {
            co_return BackendError(Kind::Cancelled);
        }
        if (!reply) {
            co_return reply.error();
        }
        auto page = secretsmanager::readDeletedPage(reply.value(), prefix, out);
        if (!page) {
            co_return page.error();
        }
        nextToken = page.value();
        if (nextToken.isEmpty()) {
            break;
        }
        // A server that hands out the same token again would keep us listing forever.
        if (seenTokens.contains(nextToken)) {
            co_return BackendError(Kind::InvalidResponse,
                                   tr("ListSecrets reply: the same NextToken came back twice; the "
                                      "listing does not advance"));
        }
        seenTokens.insert(nextToken);
    }
    co_return out;
}

QCoro::Task<Status> SecretsManagerBackend::restoreSecret(SecretRef ref) {
    QPointer<SecretsManagerBackend> self(this);
    if (auto bad = checkName(ref)) {
        co_return *bad;
    }
    auto calling = callWriteDone(self, QStringLiteral("RestoreSecret"), secretId(ref), ref.path);
    co_return co_await std::move(calling);
}

QCoro::Task<Status> SecretsManagerBackend::purgeSecret(SecretRef ref) {
    QPointer<SecretsManagerBackend> self(this);
    if (auto bad = checkName(ref)) {
        co_return *bad;
    }
    // Restore + force delete would also delete a live secret: only one in the bin is purged.
    auto describing = describeWhileOpen(self, ref);
    auto described = co_await std::move(describing);
    if (!described) {
        co_return described.error();
    }
    if (!described->isScheduledForDeletion()) {
        co_return BackendError(
            Kind::NotFound,
            tr("%1 is not deleted: only a secret in the bin can be purged").arg(ref.path));
    }
    auto restoring = callWriteDone(self, QStringLiteral("RestoreSecret"), secretId(ref), ref.path);
    auto restored = co_await std::move(restoring);
    if (!restored) {
        co_return restored.error();
    }
    json params = secretId(ref);
    params["ForceDeleteWithoutRecovery"] = true;
    auto deleting =
        callWriteDone(self, QStringLiteral("DeleteSecret"), std::move(params), ref.path);
    auto deleted = co_await std::move(deleting);
    if (!deleted) {
        co_return restoredButNotPurged(ref.path, deleted.error());
    }
    co_return Done{};
}

} // namespace strongroom
