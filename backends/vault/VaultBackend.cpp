#include "VaultBackend.h"

#include "JsonWipe.h"
#include "VaultParsers.h"

#include <QCoroFuture>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace strongroom {

namespace {

using Kind = BackendError::Kind;
using json = nlohmann::json;

struct ParsedKeys {
    QStringList keys;
    std::optional<BackendError> error;
};

QString jsonString(const QString& text) {
    return QString::fromStdString(json(text.toStdString()).dump());
}

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

// Errors that say nothing about the path but about the connection: passed on as they are, so an
// expired token asks for a login and a sealed server says so, instead of "no such mount".
bool connectionProblem(const BackendError& error) {
    switch (error.kind()) {
    case Kind::Unauthenticated:
    case Kind::Sealed:
    case Kind::Network:
    case Kind::Tls:
    case Kind::Throttled:
    case Kind::Cancelled:
        return true;
    default:
        return false;
    }
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

VaultBackend::VaultBackend(VaultEndpoint endpoint, QObject* parent)
    : SecretBackend(parent)
    , m_session(new VaultSession(std::move(endpoint), this))
    , m_listing(new VaultFolderListing(
          [this](VaultCall call, CancelToken cancel) {
              return listKeys(std::move(call), std::move(cancel));
          },
          this)) {
    QObject::connect(m_session, &VaultSession::tokenRejected, this,
                     [this] { setState(ConnectionState::Expired); });
    QObject::connect(m_session, &VaultSession::sealed, this,
                     [this] { setState(ConnectionState::Sealed); });
}

VaultBackend::~VaultBackend() = default;

QString VaultBackend::providerId() const {
    return QStringLiteral("vault");
}

void VaultBackend::setState(ConnectionState state) {
    if (m_state != state) {
        m_state = state;
        Q_EMIT stateChanged(state);
    }
}

QCoro::Task<Result<VaultTokenInfo>> VaultBackend::connectToServer() {
    QPointer<VaultBackend> self(this);
    setState(ConnectionState::Connecting);
    auto looking = m_session->lookupSelf();
    auto info = co_await std::move(looking);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!info) {
        const auto kind = info.error().kind();
        setState(kind == Kind::Sealed ? ConnectionState::Sealed
                 : kind == Kind::Unauthenticated || kind == Kind::PermissionDenied
                     ? ConnectionState::Expired
                     : ConnectionState::Offline);
        if (kind == Kind::PermissionDenied) {
            co_return BackendError(Kind::Unauthenticated,
                                   QStringLiteral("%1 does not accept this token (expired, "
                                                  "revoked or wrong)")
                                       .arg(m_session->describe()));
        }
        co_return info.error();
    }
    auto loading = mounts(true);
    auto loaded = co_await std::move(loading);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!loaded && loaded.error().kind() != Kind::PermissionDenied) {
        setState(loaded.error().kind() == Kind::Sealed ? ConnectionState::Sealed
                                                       : ConnectionState::Offline);
        co_return loaded.error();
    }
    setState(ConnectionState::Connected);
    co_return info;
}

void VaultBackend::disconnect() {
    m_session->clearToken();
    m_listing->clear();
    m_mounts.clear();
    m_mountsLoaded = false;
    setState(ConnectionState::Locked);
}

QCoro::Task<Result<json>> VaultBackend::run(VaultCall call, CancelToken cancel) {
    QPointer<VaultBackend> self(this);
    auto calling = m_session->call(std::move(call), std::move(cancel));
    auto reply = co_await std::move(calling);
    if (self && reply && m_state != ConnectionState::Connected) {
        setState(ConnectionState::Connected);
    }
    co_return reply;
}

QCoro::Task<Result<QList<VaultMount>>> VaultBackend::mounts(bool refresh) {
    QPointer<VaultBackend> self(this);
    if (m_mountsLoaded && !refresh) {
        // A copy on purpose: QCoro 0.8's return_value(U&&) moves from an lvalue it is given,
        // which would empty the cache.
        co_return QList<VaultMount>(m_mounts);
    }
    auto calling = run(VaultCall::get(QStringLiteral("sys/internal/ui/mounts")));
    auto reply = co_await std::move(calling);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!reply) {
        co_return reply.error();
    }
    auto parsed = vault::parseMounts(reply.value());
    if (!parsed) {
        co_return parsed.error();
    }
    QList<VaultMount> kv;
    for (const auto& mount : parsed.value()) {
        if (mount.isKv()) {
            kv.push_back(mount);
        }
    }
    // Keep mounts the operator added by hand that the listing cannot show.
    for (const auto& known : std::as_const(m_mounts)) {
        const bool listed = std::any_of(kv.begin(), kv.end(), [&](const VaultMount& mount) {
            return mount.path == known.path;
        });
        if (!listed) {
            kv.push_back(known);
        }
    }
    std::sort(kv.begin(), kv.end(),
              [](const VaultMount& a, const VaultMount& b) { return a.path < b.path; });
    m_mounts = kv;
    m_mountsLoaded = true;
    co_return QList<VaultMount>(m_mounts);
}

QCoro::Task<Result<VaultMount>> VaultBackend::addMount(QString path, int kvVersion) {
    QPointer<VaultBackend> self(this);
    path = path.trimmed();
    while (path.startsWith(QLatin1Char('/'))) {
        path.remove(0, 1);
    }
    if (path.isEmpty()) {
        co_return BackendError(Kind::InvalidInput, QStringLiteral("the mount path is empty"));
    }
    if (!path.endsWith(QLatin1Char('/'))) {
        path += QLatin1Char('/');
    }
    VaultMount mount;
    auto asking = run(VaultCall::get(QStringLiteral("sys/internal/ui/mounts/") + path));
    auto reply = co_await std::move(asking);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (reply) {
        auto parsed = vault::parseSingleMount(reply.value(), path);
        if (!parsed) {
            co_return parsed.error();
        }
        mount = parsed.value();
        if (!mount.isKv()) {
            co_return BackendError(
                Kind::Unsupported,
                QStringLiteral("'%1' is a %2 mount, not a KV store").arg(mount.path, mount.type));
        }
    } else if (kvVersion == 1 || kvVersion == 2) {
        mount.path = path;
        mount.type = QStringLiteral("kv");
        mount.kvVersion = kvVersion;
    } else {
        co_return BackendError(reply.error().kind(),
                               QStringLiteral("cannot tell the KV version of '%1' (%2); give "
                                              "it explicitly")
                                   .arg(path, reply.error().detail()));
    }
    m_mounts.erase(
        std::remove_if(m_mounts.begin(), m_mounts.end(),
                       [&](const VaultMount& known) { return known.path == mount.path; }),
        m_mounts.end());
    m_mounts.push_back(mount);
    std::sort(m_mounts.begin(), m_mounts.end(),
              [](const VaultMount& a, const VaultMount& b) { return a.path < b.path; });
    co_return mount;
}

// Gives Cancelled itself when the backend went away while it waited, so callers need not check.
QCoro::Task<Result<VaultKvPath>> VaultBackend::resolve(QString path) {
    QPointer<VaultBackend> self(this);
    while (path.startsWith(QLatin1Char('/'))) {
        path.remove(0, 1);
    }
    const auto longestKnown = [this, &path]() -> const VaultMount* {
        const VaultMount* best = nullptr;
        for (const auto& mount : std::as_const(m_mounts)) {
            if ((path.startsWith(mount.path) || path + QLatin1Char('/') == mount.path) &&
                (!best || mount.path.size() > best->path.size())) {
                best = &mount;
            }
        }
        return best;
    };
    if (!longestKnown() && !m_mountsLoaded) {
        auto loading = mounts();
        auto loaded = co_await std::move(loading);
        if (!self) {
            co_return BackendError(Kind::Cancelled);
        }
        if (!loaded && connectionProblem(loaded.error())) {
            co_return loaded.error();
        }
    }
    if (!longestKnown()) {
        auto adding = addMount(path.section(QLatin1Char('/'), 0, 0));
        auto added = co_await std::move(adding);
        if (!self) {
            co_return BackendError(Kind::Cancelled);
        }
        if (!added && connectionProblem(added.error())) {
            co_return added.error();
        }
        if (!added) {
            co_return BackendError(Kind::NotFound,
                                   QStringLiteral("'%1' is not inside a KV mount this token can "
                                                  "see")
                                       .arg(path));
        }
    }
    const auto* mount = longestKnown();
    if (!mount) {
        co_return BackendError(Kind::NotFound, QStringLiteral("no KV mount for '%1'").arg(path));
    }
    co_return VaultKvPath(*mount, path.mid(std::min(path.size(), mount->path.size())));
}

Capabilities VaultBackend::storeCapabilities() const {
    return Capabilities(Capability::List | Capability::Read | Capability::Write |
                        Capability::Versions | Capability::ReadVersion | Capability::DeleteVersion |
                        Capability::UndeleteVersion | Capability::DestroyVersion |
                        Capability::DeleteSecret | Capability::Rollback | Capability::EditMetadata |
                        Capability::CheckAndSet);
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

QCoro::Task<Result<ListPage>> VaultBackend::listMounts() {
    QPointer<VaultBackend> self(this);
    auto loading = mounts(!m_mountsLoaded);
    auto loaded = co_await std::move(loading);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!loaded) {
        co_return loaded.error();
    }
    ListPage page;
    for (const auto& mount : loaded.value()) {
        auto name = mount.path;
        name.chop(1);
        page.entries.push_back({Entry::Kind::Folder, name, mount.path});
    }
    co_return page;
}

QCoro::Task<Result<ListPage>> VaultBackend::list(QString folder, PageRequest page,
                                                 CancelToken cancel) {
    QPointer<VaultBackend> self(this);
    if (folder.isEmpty() || folder == QLatin1String("/")) {
        co_return co_await listMounts();
    }
    if (!folder.endsWith(QLatin1Char('/'))) {
        folder += QLatin1Char('/');
    }
    auto resolving = resolve(folder);
    auto resolved = co_await std::move(resolving);
    if (!resolved) {
        co_return resolved.error();
    }
    const auto& kv = resolved.value();
    QString nextCursor;
    auto paging = m_listing->page(kv.metadata(), page.cursor, page.limit, cancel, &nextCursor);
    auto keys = co_await std::move(paging);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!keys) {
        if (keys.error().kind() == Kind::NotFound) {
            co_return ListPage{}; // an empty folder, or one that is gone
        }
        co_return keys.error();
    }
    ListPage out;
    out.entries.reserve(keys->size());
    for (const auto& key : std::as_const(keys.value())) {
        if (key.endsWith(QLatin1Char('/'))) {
            out.entries.push_back({Entry::Kind::Folder, key.chopped(1), folder + key});
        } else {
            out.entries.push_back({Entry::Kind::Secret, key, folder + key});
        }
    }
    out.nextCursor = nextCursor;
    co_return out;
}

QCoro::Task<Result<QStringList>> VaultBackend::listKeys(VaultCall call, CancelToken cancel) {
    QPointer<VaultBackend> self(this);
    auto exchanging = m_session->exchange(std::move(call), std::move(cancel));
    auto exchanged = co_await std::move(exchanging);
    if (!exchanged) {
        co_return exchanged.error();
    }
    if (!exchanged->isSuccess()) {
        if (!self) {
            co_return VaultSession::errorFor(exchanged.value());
        }
        auto explaining = m_session->explain(exchanged.value());
        co_return co_await std::move(explaining);
    }
    if (self && m_state != ConnectionState::Connected) {
        setState(ConnectionState::Connected);
    }
    // A big folder's reply (100k keys are 1.3 MB of JSON) is parsed on a worker thread so the
    // UI thread never stalls on it.
    auto parse = [](SecretBytes body, int status) {
        ParsedKeys out;
        auto parsed = vault::parseBody(body, status);
        if (!parsed) {
            out.error = parsed.error();
            return out;
        }
        auto keys = vault::parseListKeys(parsed.value());
        if (keys) {
            out.keys = std::move(keys.value());
        } else {
            out.error = keys.error();
        }
        return out;
    };
    ParsedKeys parsed;
    if (exchanged->body.size() > 64 * 1024) {
        auto future = QtConcurrent::run(parse, std::move(exchanged->body), exchanged->status);
        parsed = co_await future;
    } else {
        parsed = parse(std::move(exchanged->body), exchanged->status);
    }
    if (parsed.error) {
        co_return *parsed.error;
    }
    co_return std::move(parsed.keys);
}

QCoro::Task<Result<SecretValue>> VaultBackend::read(SecretRef ref, QString version) {
    QPointer<VaultBackend> self(this);
    auto resolving = resolve(ref.path);
    auto resolved = co_await std::move(resolving);
    if (!resolved) {
        co_return resolved.error();
    }
    const auto& kv = resolved.value();
    auto call = VaultCall::get(kv.data());
    if (kv.isV2() && !version.isEmpty()) {
        call.query.addQueryItem(QStringLiteral("version"), version);
    } else if (!kv.isV2() && !version.isEmpty()) {
        co_return BackendError(Kind::Unsupported,
                               QStringLiteral("%1 is a KV version 1 mount: it keeps no versions")
                                   .arg(kv.mount().path));
    }
    auto exchanging = m_session->exchange(std::move(call));
    auto exchanged = co_await std::move(exchanging);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!exchanged) {
        co_return exchanged.error();
    }
    auto& response = exchanged.value();
    if (response.status == 404 && kv.isV2() && !response.body.isEmpty()) {
        // A deleted or destroyed version answers 404 with its metadata.
        auto body = vault::parseBody(response.body, response.status);
        if (body) {
            auto parsed = vault::parseKvV2Read(body.value());
            if (parsed && (parsed->deleted || parsed->destroyed)) {
                co_return BackendError(
                    Kind::NotFound,
                    parsed->destroyed
                        ? QStringLiteral("version %1 of %2 was destroyed; it cannot be read or "
                                         "restored")
                              .arg(parsed->version, ref.path)
                        : QStringLiteral("version %1 of %2 is deleted; undelete it to read it")
                              .arg(parsed->version, ref.path));
            }
        }
    }
    if (response.status == 404) {
        co_return BackendError(Kind::NotFound,
                               version.isEmpty()
                                   ? QStringLiteral("no secret at %1").arg(ref.path)
                                   : QStringLiteral("no version %1 of %2").arg(version, ref.path));
    }
    if (!response.isSuccess()) {
        auto explaining = m_session->explain(response);
        co_return co_await std::move(explaining);
    }
    if (self && m_state != ConnectionState::Connected) {
        setState(ConnectionState::Connected);
    }
    auto body = vault::parseBody(response.body, response.status);
    if (!body) {
        co_return body.error();
    }
    auto parsed =
        kv.isV2() ? vault::parseKvV2Read(body.value()) : vault::parseKvV1Read(body.value());
    if (!parsed) {
        co_return parsed.error();
    }
    co_return std::move(parsed->value);
}

QCoro::Task<Result<QList<VersionInfo>>> VaultBackend::versions(SecretRef ref) {
    QPointer<VaultBackend> self(this);
    auto resolving = resolve(ref.path);
    auto resolved = co_await std::move(resolving);
    if (!resolved) {
        co_return resolved.error();
    }
    const auto& kv = resolved.value();
    if (!kv.isV2()) {
        co_return QList<VersionInfo>{};
    }
    auto reading = run(VaultCall::get(kv.metadata()));
    auto reply = co_await std::move(reading);
    if (!reply) {
        co_return reply.error();
    }
    auto parsed = vault::parseKvMetadata(reply.value());
    if (!parsed) {
        co_return parsed.error();
    }
    co_return parsed->versions;
}

QCoro::Task<Result<SecretMetadata>> VaultBackend::metadata(SecretRef ref) {
    QPointer<VaultBackend> self(this);
    auto resolving = resolve(ref.path);
    auto resolved = co_await std::move(resolving);
    if (!resolved) {
        co_return resolved.error();
    }
    const auto& kv = resolved.value();
    const MetadataDetail mountDetail{
        QStringLiteral("Mount"),
        QStringLiteral("%1 (KV version %2)").arg(kv.mount().path).arg(kv.mount().kvVersion)};
    if (!kv.isV2()) {
        SecretMetadata meta;
        meta.details.push_back(mountDetail);
        co_return meta;
    }
    auto reading = run(VaultCall::get(kv.metadata()));
    auto reply = co_await std::move(reading);
    if (!reply) {
        co_return reply.error();
    }
    auto parsed = vault::parseKvMetadata(reply.value());
    if (!parsed) {
        co_return parsed.error();
    }
    parsed->metadata.details.prepend(mountDetail);
    co_return parsed->metadata;
}

QCoro::Task<Result<QString>> VaultBackend::currentVersion(const VaultKvPath& path) {
    auto reading = run(VaultCall::get(path.metadata()));
    auto reply = co_await std::move(reading);
    if (!reply) {
        if (reply.error().kind() == Kind::NotFound) {
            co_return QString();
        }
        co_return reply.error();
    }
    auto parsed = vault::parseKvMetadata(reply.value());
    if (!parsed) {
        co_return parsed.error();
    }
    co_return parsed->metadata.currentVersion;
}

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
