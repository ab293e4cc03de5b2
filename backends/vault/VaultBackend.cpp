#include "VaultBackend.h"

#include "SecretPathRules.h"

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
    setCredentialExpiry({});
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
    // Before anything is asked of the server, mount table included.
    if (auto escape = pathEscapeProblem(path)) {
        co_return *escape;
    }
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

} // namespace strongroom
