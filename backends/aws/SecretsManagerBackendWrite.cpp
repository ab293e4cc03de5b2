// The writing half of SecretsManagerBackend (new versions, rollback, label moves, tags), apart
// from the reading half only to keep each file short.
#include "SecretsManagerBackend.h"

#include "SecretsManagerApi.h"
#include "SecretsManagerCalls.h"

#include <QCoreApplication>
#include <QUuid>

namespace strongroom {

namespace {

using Kind = BackendError::Kind;
using Safety = AwsJsonClient::Safety;
using json = nlohmann::json;
using secretsmanager::callWrite;
using secretsmanager::callWriteDone;
using secretsmanager::checkName;
using secretsmanager::describeWhileOpen;

const QString awsCurrent = QStringLiteral("AWSCURRENT");

QString tr(const char* text) {
    return QCoreApplication::translate("SecretsManagerBackend", text);
}

std::string utf8(const QString& text) {
    return text.toStdString();
}

// ClientRequestToken: the caller's key (the same on every retry), else a fresh UUIDv4.
QString requestToken(const QString& idempotencyKey) {
    return idempotencyKey.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                                    : idempotencyKey;
}

BackendError conflict(const QString& name, const QString& expected, const QString& actual) {
    return BackendError(Kind::Conflict,
                        tr("%1 changed meanwhile: the current version is %2, not %3")
                            .arg(name, actual.isEmpty() ? tr("none") : actual,
                                 expected.isEmpty() ? tr("a new secret") : expected))
        .withCurrentVersion(actual);
}

QString versionIdOf(const json& reply, const QString& fallback) {
    const auto found = reply.find("VersionId");
    if (found != reply.end() && found->is_string() && !found->get_ref<const std::string&>().empty())
        return QString::fromStdString(found->get_ref<const std::string&>());
    return fallback;
}

// The Conflict of moveLabel: `label` is not where the operator saw it.
BackendError labelMoved(const QString& name, const QString& label, const QString& expected,
                        const QString& holder) {
    const QString now = holder.isEmpty() ? tr("on no version") : tr("on version %1").arg(holder);
    const QString seen =
        expected.isEmpty() ? tr("on no version") : tr("on version %1").arg(expected);
    return BackendError(Kind::Conflict, tr("the label %1 of %2 moved meanwhile: it is %3 now, "
                                           "not %4")
                                            .arg(label, name, now, seen))
        .withCurrentVersion(holder);
}

} // namespace

QCoro::Task<Result<WriteResult>> SecretsManagerBackend::write(WriteRequest request) {
    QPointer<SecretsManagerBackend> self(this);
    if (auto bad = checkName(request.ref)) {
        co_return *bad;
    }
    if (request.expectedCurrentVersion.isEmpty()) {
        auto creating = create(std::move(request));
        co_return co_await std::move(creating);
    }
    auto describing = describeWhileOpen(self, request.ref);
    auto described = co_await std::move(describing);
    if (!described) {
        co_return described.error();
    }
    const QString actual = described->currentVersion();
    if (actual != request.expectedCurrentVersion) {
        // A retry of a write that did land: its token is a version of the secret already.
        if (!request.idempotencyKey.isEmpty() &&
            described->versionStages.contains(request.idempotencyKey)) {
            co_return WriteResult{request.idempotencyKey};
        }
        co_return conflict(request.ref.path, request.expectedCurrentVersion, actual);
    }
    const QString token = requestToken(request.idempotencyKey);
    json params{{"SecretId", utf8(request.ref.path)}, {"ClientRequestToken", utf8(token)}};
    secretsmanager::putSecretValue(params, request.value);
    auto calling = callWrite(self, QStringLiteral("PutSecretValue"), std::move(params),
                             request.ref.path, token);
    auto reply = co_await std::move(calling);
    if (!reply) {
        co_return reply.error();
    }
    co_return WriteResult{versionIdOf(reply.value(), token)};
}

QCoro::Task<Result<WriteResult>> SecretsManagerBackend::create(WriteRequest request) {
    QPointer<SecretsManagerBackend> self(this);
    const QString token = requestToken(request.idempotencyKey);
    json params{{"Name", utf8(request.ref.path)}, {"ClientRequestToken", utf8(token)}};
    secretsmanager::putSecretValue(params, request.value);
    auto calling = call(QStringLiteral("CreateSecret"), std::move(params), Safety::Write,
                        request.ref.path, token);
    auto reply = co_await std::move(calling);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (reply) {
        co_return WriteResult{versionIdOf(reply.value(), token)};
    }
    if (reply.error().kind() != Kind::Conflict) {
        co_return reply.error();
    }
    // Say which version is there now, so the conflict dialog can show it; or recognise our own
    // earlier attempt when this is a retry.
    auto describing = describe(request.ref);
    auto described = co_await std::move(describing);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!described) {
        co_return reply.error();
    }
    if (!request.idempotencyKey.isEmpty() &&
        described->versionStages.contains(request.idempotencyKey)) {
        co_return WriteResult{request.idempotencyKey};
    }
    const QString actual = described->currentVersion();
    co_return BackendError(Kind::Conflict,
                           tr("a secret named %1 already exists (current version %2)")
                               .arg(request.ref.path, actual.isEmpty() ? tr("none") : actual))
        .withCurrentVersion(actual);
}

QCoro::Task<Result<WriteResult>> SecretsManagerBackend::rollback(SecretRef ref, QString version,
                                                                 QString expectedCurrentVersion) {
    QPointer<SecretsManagerBackend> self(this);
    if (auto bad = checkName(ref)) {
        co_return *bad;
    }
    if (version.isEmpty()) {
        co_return BackendError(Kind::InvalidInput, tr("no version to roll back to"));
    }
    auto describing = describeWhileOpen(self, ref);
    auto described = co_await std::move(describing);
    if (!described) {
        co_return described.error();
    }
    const QString actual = described->currentVersion();
    if (actual != expectedCurrentVersion) {
        co_return conflict(ref.path, expectedCurrentVersion, actual);
    }
    if (!described->versionStages.contains(version)) {
        co_return BackendError(Kind::NotFound, tr("%1 has no version %2").arg(ref.path, version));
    }
    if (version == actual) {
        co_return WriteResult{version};
    }
    json params{{"SecretId", utf8(ref.path)},
                {"VersionStage", utf8(awsCurrent)},
                {"MoveToVersionId", utf8(version)}};
    if (!actual.isEmpty()) {
        params["RemoveFromVersionId"] = utf8(actual);
    }
    auto calling = callWriteDone(self, QStringLiteral("UpdateSecretVersionStage"),
                                 std::move(params), ref.path);
    auto done = co_await std::move(calling);
    if (!done) {
        co_return done.error();
    }
    co_return WriteResult{version};
}

QCoro::Task<Status> SecretsManagerBackend::moveLabel(SecretRef ref, QString label,
                                                     QString toVersion,
                                                     QString expectedFromVersion) {
    QPointer<SecretsManagerBackend> self(this);
    if (auto bad = checkName(ref)) {
        co_return *bad;
    }
    if (label.trimmed().isEmpty() || toVersion.isEmpty()) {
        co_return BackendError(Kind::InvalidInput, tr("say which label to move to which version"));
    }
    auto describing = describeWhileOpen(self, ref);
    auto described = co_await std::move(describing);
    if (!described) {
        co_return described.error();
    }
    const QString holder = described->versionWithLabel(label);
    if (holder != expectedFromVersion) {
        co_return labelMoved(ref.path, label, expectedFromVersion, holder);
    }
    if (!described->versionStages.contains(toVersion)) {
        co_return BackendError(Kind::NotFound, tr("%1 has no version %2").arg(ref.path, toVersion));
    }
    if (holder == toVersion) {
        co_return Done{};
    }
    json params{{"SecretId", utf8(ref.path)},
                {"VersionStage", utf8(label)},
                {"MoveToVersionId", utf8(toVersion)}};
    if (!holder.isEmpty()) {
        params["RemoveFromVersionId"] = utf8(holder);
    }
    auto moving = callWriteDone(self, QStringLiteral("UpdateSecretVersionStage"), std::move(params),
                                ref.path);
    auto moved = co_await std::move(moving);
    if (moved || moved.error().kind() != Kind::InvalidInput) {
        co_return moved;
    }
    // AWS refuses a RemoveFromVersionId that no longer holds the label as a bad parameter: when
    // another writer moved it since the describe, that is a lost race, and says so.
    auto rechecking = describeWhileOpen(self, ref);
    auto rechecked = co_await std::move(rechecking);
    if (rechecked && rechecked->versionWithLabel(label) != holder) {
        co_return labelMoved(ref.path, label, expectedFromVersion,
                             rechecked->versionWithLabel(label));
    }
    co_return moved;
}

void SecretsManagerBackend::lock() {
    dropCredentials(ConnectionState::Locked);
}

QCoro::Task<Status> SecretsManagerBackend::updateMetadata(SecretRef ref, MetadataUpdate update) {
    if (auto bad = checkName(ref)) {
        co_return *bad;
    }
    QStringList unsupported;
    if (update.maxVersions) {
        unsupported << tr("a maximum number of versions");
    }
    if (update.casRequired) {
        unsupported << tr("a required check-and-set");
    }
    if (update.deleteVersionAfter) {
        unsupported << tr("deleting versions after a delay");
    }
    if (!unsupported.isEmpty()) {
        co_return BackendError(Kind::Unsupported,
                               tr("AWS Secrets Manager has no %1; only tags can be edited")
                                   .arg(unsupported.join(tr(", "))));
    }
    if (!update.customMetadata) {
        co_return Done{};
    }
    auto changing = changeTags(std::move(ref), std::move(*update.customMetadata));
    co_return co_await std::move(changing);
}

QCoro::Task<Status> SecretsManagerBackend::changeTags(SecretRef ref,
                                                      QMap<QString, QString> wanted) {
    QPointer<SecretsManagerBackend> self(this);
    auto describing = describeWhileOpen(self, ref);
    auto described = co_await std::move(describing);
    if (!described) {
        co_return described.error();
    }
    json tags = json::array();
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
        if (!described->tags.contains(it.key()) || described->tags.value(it.key()) != it.value()) {
            tags.push_back({{"Key", utf8(it.key())}, {"Value", utf8(it.value())}});
        }
    }
    json removed = json::array();
    for (auto it = described->tags.cbegin(); it != described->tags.cend(); ++it) {
        if (!wanted.contains(it.key())) {
            removed.push_back(utf8(it.key()));
        }
    }
    if (!removed.empty()) {
        auto calling =
            callWriteDone(self, QStringLiteral("UntagResource"),
                          json{{"SecretId", utf8(ref.path)}, {"TagKeys", removed}}, ref.path);
        auto done = co_await std::move(calling);
        if (!done) {
            co_return done.error();
        }
    }
    if (!tags.empty()) {
        auto calling = callWriteDone(self, QStringLiteral("TagResource"),
                                     json{{"SecretId", utf8(ref.path)}, {"Tags", tags}}, ref.path);
        co_return co_await std::move(calling);
    }
    co_return Done{};
}

} // namespace strongroom
