// The writing half of VaultBackend (new versions with check-and-set, rollback, version
// actions, deleting a secret, metadata), apart from the reading half only to keep each file
// short.
#include "VaultBackend.h"

#include "JsonWipe.h"
#include "VaultParsers.h"

#include <QPointer>

namespace strongroom {

namespace {

using Kind = BackendError::Kind;
using json = nlohmann::json;

QString versionsBody(const QStringList& versions) {
    QStringList numbers;
    for (const auto& version : versions) {
        bool ok = false;
        const auto number = version.toLongLong(&ok);
        if (ok && number > 0) {
            numbers << QString::number(number);
        }
    }
    return QStringLiteral("{\"versions\":[%1]}").arg(numbers.join(QLatin1Char(',')));
}

bool validVersions(const QStringList& versions) {
    if (versions.isEmpty()) {
        return false;
    }
    for (const auto& version : versions) {
        bool ok = false;
        if (version.toLongLong(&ok) <= 0 || !ok) {
            return false;
        }
    }
    return true;
}

// "{\"options\":{\"cas\":N},\"data\":<value>}" built around the serialized value so the secret is
// only ever in wiped buffers.
SecretBytes kvV2WriteBody(const SecretBytes& data, long long cas) {
    SecretBytes body(std::string_view("{\"options\":{\"cas\":"));
    body.append(std::to_string(cas));
    body.append("},\"data\":");
    body.append(data.view());
    body.append("}");
    return body;
}

} // namespace

QCoro::Task<Result<WriteResult>> VaultBackend::write(WriteRequest request) {
    QPointer<VaultBackend> self(this);
    if (request.value.format() != SecretValue::Format::KeyValue) {
        co_return BackendError(Kind::InvalidInput,
                               QStringLiteral("Vault KV stores key/value data; this value is "
                                              "%1")
                                   .arg(formatName(request.value.format())));
    }
    auto resolving = resolve(request.ref.path);
    auto resolved = co_await std::move(resolving);
    if (!resolved) {
        co_return resolved.error();
    }
    const auto kv = resolved.value();
    if (kv.relative().isEmpty() || kv.relative().endsWith(QLatin1Char('/'))) {
        co_return BackendError(
            Kind::InvalidInput,
            QStringLiteral("'%1' is a folder, not a secret name").arg(request.ref.path));
    }
    const auto data = request.value.serialize();
    if (!kv.isV2()) {
        // KV v1 has no versions and no check-and-set: the guard is "create only if absent".
        if (request.expectedCurrentVersion.isEmpty()) {
            auto probing = m_session->exchange(VaultCall::get(kv.data()));
            auto probe = co_await std::move(probing);
            if (!self) {
                co_return BackendError(Kind::Cancelled);
            }
            if (probe && probe->isSuccess()) {
                co_return BackendError(Kind::Conflict,
                                       QStringLiteral("%1 already exists").arg(request.ref.path))
                    .withCurrentVersion(QStringLiteral("1"));
            }
        }
        auto writing = run(VaultCall::post(kv.data(), data));
        auto written = co_await std::move(writing);
        if (!written) {
            co_return written.error();
        }
        co_return WriteResult{};
    }
    long long cas = 0;
    if (!request.expectedCurrentVersion.isEmpty()) {
        bool ok = false;
        cas = request.expectedCurrentVersion.toLongLong(&ok);
        if (!ok || cas < 0) {
            co_return BackendError(Kind::InvalidInput,
                                   QStringLiteral("'%1' is not a KV version number")
                                       .arg(request.expectedCurrentVersion));
        }
    }
    auto writing = run(VaultCall::post(kv.data(), kvV2WriteBody(data, cas)));
    auto written = co_await std::move(writing);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!written) {
        const auto& error = written.error();
        if (error.kind() == Kind::InvalidInput &&
            error.detail().contains(QLatin1String("check-and-set"))) {
            auto asking = currentVersion(kv);
            auto now = co_await std::move(asking);
            const auto current = now ? now.value() : QString();
            co_return BackendError(
                Kind::Conflict,
                current.isEmpty() || current == QLatin1String("0")
                    ? QStringLiteral("%1 changed since you started").arg(request.ref.path)
                    : QStringLiteral("%1 is now at version %2; you started from %3")
                          .arg(request.ref.path, current,
                               request.expectedCurrentVersion.isEmpty()
                                   ? QStringLiteral("nothing (a new secret)")
                                   : request.expectedCurrentVersion))
                .withCurrentVersion(current);
        }
        co_return error;
    }
    const auto* dataObject =
        written->is_object() && written->contains("data") ? &written->at("data") : nullptr;
    if (!dataObject || !dataObject->is_object() || !dataObject->contains("version") ||
        !dataObject->at("version").is_number_integer()) {
        co_return BackendError(Kind::InvalidResponse,
                               QStringLiteral("the write reply does not say which version it "
                                              "made"));
    }
    co_return WriteResult{QString::number(dataObject->at("version").get<long long>())};
}

QCoro::Task<Result<WriteResult>> VaultBackend::rollback(SecretRef ref, QString version,
                                                        QString expectedCurrentVersion) {
    QPointer<VaultBackend> self(this);
    auto listing = versions(ref);
    auto known = co_await std::move(listing);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!known) {
        co_return known.error();
    }
    const auto found = std::find_if(known->begin(), known->end(),
                                    [&](const VersionInfo& info) { return info.id == version; });
    if (found == known->end()) {
        co_return BackendError(Kind::NotFound,
                               QStringLiteral("%1 has no version %2").arg(ref.path, version));
    }
    if (found->marks.testFlag(VersionMark::Destroyed)) {
        co_return BackendError(
            Kind::InvalidInput,
            QStringLiteral("version %1 was destroyed; it cannot be restored").arg(version));
    }
    if (found->marks.testFlag(VersionMark::Deleted)) {
        co_return BackendError(Kind::InvalidInput,
                               QStringLiteral("version %1 is deleted; undelete it first, then "
                                              "roll back")
                                   .arg(version));
    }
    auto reading = read(ref, version);
    auto value = co_await std::move(reading);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!value) {
        co_return value.error();
    }
    WriteRequest request{ref, std::move(value.value()), expectedCurrentVersion, {}};
    auto writing = write(std::move(request));
    co_return co_await std::move(writing);
}

QCoro::Task<Status> VaultBackend::versionAction(SecretRef ref, QStringList versions,
                                                QString action) {
    QPointer<VaultBackend> self(this);
    if (!validVersions(versions)) {
        co_return BackendError(Kind::InvalidInput,
                               QStringLiteral("give one or more version numbers"));
    }
    auto resolving = resolve(ref.path);
    auto resolved = co_await std::move(resolving);
    if (!resolved) {
        co_return resolved.error();
    }
    const auto& kv = resolved.value();
    if (!kv.isV2()) {
        co_return BackendError(Kind::Unsupported,
                               QStringLiteral("%1 is a KV version 1 mount: it keeps no versions")
                                   .arg(kv.mount().path));
    }
    auto call = VaultCall::post(kv.api(action), SecretBytes::fromUtf8(versionsBody(versions)));
    call.idempotent = true; // deleting, undeleting or destroying twice changes nothing more
    auto acting = run(std::move(call));
    auto reply = co_await std::move(acting);
    if (!reply) {
        co_return reply.error();
    }
    co_return Done{};
}

QCoro::Task<Status> VaultBackend::deleteVersions(SecretRef ref, QStringList versions) {
    return versionAction(std::move(ref), std::move(versions), QStringLiteral("delete"));
}

QCoro::Task<Status> VaultBackend::undeleteVersions(SecretRef ref, QStringList versions) {
    return versionAction(std::move(ref), std::move(versions), QStringLiteral("undelete"));
}

QCoro::Task<Status> VaultBackend::destroyVersions(SecretRef ref, QStringList versions) {
    return versionAction(std::move(ref), std::move(versions), QStringLiteral("destroy"));
}

DeletionRules VaultBackend::deletionRules() const {
    DeletionRules rules;
    rules.note = tr("Vault has no bin: deleting a secret removes every version and its metadata "
                    "at once");
    return rules;
}

void VaultBackend::lock() {
    disconnect();
}

QCoro::Task<Status> VaultBackend::deleteSecret(SecretRef ref, DeleteOptions options) {
    if (options.recoveryDays != 0) {
        co_return BackendError(BackendError::Kind::Unsupported, deletionRules().note);
    }
    QPointer<VaultBackend> self(this);
    auto resolving = resolve(ref.path);
    auto resolved = co_await std::move(resolving);
    if (!resolved) {
        co_return resolved.error();
    }
    auto deleting = run(VaultCall::del(resolved->metadata()));
    auto reply = co_await std::move(deleting);
    if (!reply) {
        co_return reply.error();
    }
    co_return Done{};
}

QCoro::Task<Status> VaultBackend::updateMetadata(SecretRef ref, MetadataUpdate update) {
    QPointer<VaultBackend> self(this);
    auto resolving = resolve(ref.path);
    auto resolved = co_await std::move(resolving);
    if (!resolved) {
        co_return resolved.error();
    }
    if (!resolved->isV2()) {
        co_return BackendError(Kind::Unsupported,
                               QStringLiteral("%1 is a KV version 1 mount: it has no metadata")
                                   .arg(resolved->mount().path));
    }
    json body = json::object();
    if (update.maxVersions) {
        if (*update.maxVersions < 0) {
            co_return BackendError(Kind::InvalidInput,
                                   QStringLiteral("max versions cannot be negative"));
        }
        body["max_versions"] = *update.maxVersions;
    }
    if (update.casRequired) {
        body["cas_required"] = *update.casRequired;
    }
    if (update.deleteVersionAfter) {
        const auto text = update.deleteVersionAfter->trimmed();
        body["delete_version_after"] = text.isEmpty() ? std::string("0s") : text.toStdString();
    }
    if (update.customMetadata) {
        json custom = json::object();
        for (auto it = update.customMetadata->cbegin(); it != update.customMetadata->cend(); ++it) {
            custom[it.key().toStdString()] = it.value().toStdString();
        }
        body["custom_metadata"] = custom;
    }
    auto call = VaultCall::post(resolved->metadata(), SecretBytes(body.dump()));
    call.idempotent = true; // setting the same fields twice gives the same metadata
    auto updating = run(std::move(call));
    auto reply = co_await std::move(updating);
    if (!reply) {
        co_return reply.error();
    }
    co_return Done{};
}

} // namespace strongroom
