// What Vault KV can do at all and what this token may do on one path
// (sys/capabilities-self), apart from the rest of VaultBackend only to keep each file short.
#include "VaultBackend.h"

#include "VaultParsers.h"

#include <QPointer>

namespace strongroom {

namespace {

using Kind = BackendError::Kind;
using json = nlohmann::json;

QString jsonString(const QString& text) {
    return QString::fromStdString(json(text.toStdString()).dump());
}

bool has(const QStringList& granted, std::initializer_list<const char*> any) {
    if (granted.contains(QLatin1String("root"))) {
        return true;
    }
    if (granted.contains(QLatin1String("deny"))) {
        return false;
    }
    for (const auto* capability : any) {
        if (granted.contains(QLatin1String(capability))) {
            return true;
        }
    }
    return false;
}

} // namespace

Capabilities VaultBackend::storeCapabilities() const {
    Capabilities caps(Capability::List | Capability::Read | Capability::Write |
                      Capability::Versions | Capability::ReadVersion | Capability::DeleteVersion |
                      Capability::UndeleteVersion | Capability::DestroyVersion |
                      Capability::DeleteSecret | Capability::Rollback | Capability::EditMetadata |
                      Capability::CheckAndSet);
    // What KV lacks, in words an operator can act on (shown on the disabled actions).
    const QString noBin = tr("Vault KV has no bin: deleting a secret removes every version at "
                             "once");
    for (const auto capability : {Capability::RecoverableDelete, Capability::ListDeleted,
                                  Capability::RestoreSecret, Capability::PurgeSecret}) {
        caps.deny(capability, noBin);
    }
    caps.deny(Capability::EnableVersion,
              tr("Vault KV versions cannot be disabled; delete a version to hide it and undelete "
                 "it to bring it back"));
    caps.deny(Capability::MoveLabel, tr("Vault KV versions carry no labels to move; roll back to "
                                        "make an old version current"));
    const QString noRotation = tr("KV secrets do not rotate in Vault; rotate database credentials "
                                  "in the database secrets engine");
    for (const auto capability : {Capability::RotationStatus, Capability::Rotate,
                                  Capability::ConfigureRotation, Capability::ClearStuckRotation}) {
        caps.deny(capability, noRotation);
    }
    return caps;
}

QCoro::Task<Result<Capabilities>> VaultBackend::capabilitiesFor(SecretRef ref) {
    QPointer<VaultBackend> self(this);
    auto resolving = resolve(ref.path);
    auto resolved = co_await std::move(resolving);
    if (!resolved) {
        co_return resolved.error();
    }
    const auto& kv = resolved.value();
    const VaultKvPath folder(
        kv.mount(), ref.folder().mid(std::min(ref.folder().size(), kv.mount().path.size())));
    QStringList paths{kv.data(), kv.metadata(), folder.metadata()};
    if (kv.isV2()) {
        paths << kv.api(QStringLiteral("delete")) << kv.api(QStringLiteral("undelete"))
              << kv.api(QStringLiteral("destroy"));
    }
    paths.removeDuplicates();
    QStringList quoted;
    for (const auto& path : paths) {
        quoted << jsonString(path);
    }
    auto asking = run(VaultCall::post(
        QStringLiteral("sys/capabilities-self"),
        SecretBytes::fromUtf8(QStringLiteral("{\"paths\":[%1]}").arg(quoted.join(',')))));
    auto reply = co_await std::move(asking);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!reply) {
        co_return reply.error();
    }
    auto parsed = vault::parseCapabilities(reply.value(), paths);
    if (!parsed) {
        co_return parsed.error();
    }
    const auto& granted = parsed.value();
    Capabilities caps = storeCapabilities();
    const auto require = [&](Capability capability, const QString& path,
                             std::initializer_list<const char*> any) {
        if (!has(granted.value(path), any)) {
            caps.deny(capability, QStringLiteral("needs '%1' on %2").arg(*any.begin(), path));
        }
    };
    require(Capability::List, folder.metadata(), {"list"});
    require(Capability::Read, kv.data(), {"read"});
    require(Capability::Write, kv.data(), {"update", "create"});
    require(Capability::Rollback, kv.data(), {"update", "create"});
    require(Capability::Rollback, kv.data(), {"read"});
    if (kv.isV2()) {
        require(Capability::Versions, kv.metadata(), {"read"});
        require(Capability::ReadVersion, kv.data(), {"read"});
        require(Capability::DeleteVersion, kv.api(QStringLiteral("delete")), {"update"});
        require(Capability::UndeleteVersion, kv.api(QStringLiteral("undelete")), {"update"});
        require(Capability::DestroyVersion, kv.api(QStringLiteral("destroy")), {"update"});
        require(Capability::DeleteSecret, kv.metadata(), {"delete"});
        require(Capability::EditMetadata, kv.metadata(), {"update", "create"});
    } else {
        const auto why =
            QStringLiteral("%1 is a KV version 1 mount: it keeps no versions").arg(kv.mount().path);
        for (auto capability :
             {Capability::Versions, Capability::ReadVersion, Capability::DeleteVersion,
              Capability::UndeleteVersion, Capability::DestroyVersion, Capability::Rollback,
              Capability::EditMetadata, Capability::CheckAndSet}) {
            caps.deny(capability, why);
        }
        require(Capability::DeleteSecret, kv.data(), {"delete"});
    }
    co_return caps;
}

} // namespace strongroom
