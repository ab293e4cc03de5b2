#include "FakeBackend.h"

#include <QSet>

using namespace strongroom;

namespace {
BackendError notFound() {
    return BackendError(BackendError::Kind::NotFound);
}
} // namespace

Capabilities FakeBackend::storeCapabilities() const {
    return Capabilities(CapabilitySet(Capability::List) | Capability::Read | Capability::Write |
                        Capability::Versions | Capability::ReadVersion | Capability::DeleteVersion |
                        Capability::UndeleteVersion | Capability::DestroyVersion |
                        Capability::DeleteSecret | Capability::Rollback | Capability::CheckAndSet);
}

std::optional<BackendError> FakeBackend::takeError() {
    auto error = std::move(m_nextError);
    m_nextError.reset();
    return error;
}

void FakeBackend::setState(ConnectionState state) {
    m_state = state;
    Q_EMIT stateChanged(state);
}

QCoro::Task<Result<Capabilities>> FakeBackend::capabilitiesFor(SecretRef) {
    if (auto error = takeError()) {
        co_return *error;
    }
    co_return storeCapabilities();
}

QCoro::Task<Result<ListPage>> FakeBackend::list(QString folder, PageRequest, CancelToken) {
    if (auto error = takeError()) {
        co_return *error;
    }
    ListPage page;
    QSet<QString> seen;
    for (auto it = m_secrets.cbegin(); it != m_secrets.cend(); ++it) {
        if (!it.key().startsWith(folder)) {
            continue;
        }
        const QString rest = it.key().mid(folder.size());
        const auto slash = rest.indexOf(QLatin1Char('/'));
        Entry entry;
        if (slash >= 0) {
            entry = {Entry::Kind::Folder, rest.left(slash), folder + rest.left(slash + 1)};
        } else {
            entry = {Entry::Kind::Secret, rest, it.key()};
        }
        if (!seen.contains(entry.path)) {
            seen.insert(entry.path);
            page.entries.append(entry);
        }
    }
    co_return page;
}

QCoro::Task<Result<SecretValue>> FakeBackend::read(SecretRef ref, QString version) {
    if (auto error = takeError()) {
        co_return *error;
    }
    const auto it = m_secrets.constFind(ref.path);
    if (it == m_secrets.constEnd() || it->versions.empty()) {
        co_return notFound();
    }
    const qsizetype index =
        version.isEmpty() ? qsizetype(it->versions.size()) : version.toLongLong();
    if (index < 1 || index > qsizetype(it->versions.size())) {
        co_return notFound();
    }
    const Version& found = it->versions[std::size_t(index - 1)];
    if (found.deleted || found.destroyed) {
        co_return notFound();
    }
    co_return found.value;
}

QCoro::Task<Result<QList<VersionInfo>>> FakeBackend::versions(SecretRef ref) {
    if (auto error = takeError()) {
        co_return *error;
    }
    const auto it = m_secrets.constFind(ref.path);
    if (it == m_secrets.constEnd()) {
        co_return notFound();
    }
    QList<VersionInfo> list;
    for (std::size_t i = 0; i < it->versions.size(); ++i) {
        VersionInfo info;
        info.id = QString::number(i + 1);
        if (i + 1 == it->versions.size()) {
            info.marks |= VersionMark::Current;
        }
        if (it->versions[i].deleted) {
            info.marks |= VersionMark::Deleted;
        }
        if (it->versions[i].destroyed) {
            info.marks |= VersionMark::Destroyed;
        }
        list.append(info);
    }
    co_return list;
}

QCoro::Task<Result<SecretMetadata>> FakeBackend::metadata(SecretRef ref) {
    if (auto error = takeError()) {
        co_return *error;
    }
    const auto it = m_secrets.constFind(ref.path);
    if (it == m_secrets.constEnd()) {
        co_return notFound();
    }
    SecretMetadata meta;
    meta.currentVersion = QString::number(it->versions.size());
    meta.oldestVersion = QStringLiteral("1");
    co_return meta;
}

Result<WriteResult> FakeBackend::put(const QString& path, SecretValue value,
                                     const QString& expected) {
    auto& secret = m_secrets[path];
    const QString current =
        secret.versions.empty() ? QString() : QString::number(secret.versions.size());
    if (current != expected) {
        if (secret.versions.empty()) {
            m_secrets.remove(path);
        }
        return BackendError(BackendError::Kind::Conflict).withCurrentVersion(current);
    }
    secret.versions.push_back({std::move(value)});
    return WriteResult{QString::number(secret.versions.size())};
}

QCoro::Task<Result<WriteResult>> FakeBackend::write(WriteRequest request) {
    if (auto error = takeError()) {
        co_return *error;
    }
    co_return put(request.ref.path, std::move(request.value), request.expectedCurrentVersion);
}

QCoro::Task<Result<WriteResult>> FakeBackend::rollback(SecretRef ref, QString version,
                                                       QString expectedCurrentVersion) {
    if (auto error = takeError()) {
        co_return *error;
    }
    const auto it = m_secrets.constFind(ref.path);
    const qsizetype index = version.toLongLong();
    if (it == m_secrets.constEnd() || index < 1 || index > qsizetype(it->versions.size())) {
        co_return notFound();
    }
    SecretValue old = it->versions[std::size_t(index - 1)].value;
    co_return put(ref.path, std::move(old), expectedCurrentVersion);
}

Status FakeBackend::mark(const QString& path, const QStringList& versions,
                         void (*apply)(Version&)) {
    auto it = m_secrets.find(path);
    if (it == m_secrets.end()) {
        return notFound();
    }
    for (const auto& id : versions) {
        const qsizetype index = id.toLongLong();
        if (index < 1 || index > qsizetype(it->versions.size())) {
            return notFound();
        }
        apply(it->versions[std::size_t(index - 1)]);
    }
    return Done{};
}

QCoro::Task<Status> FakeBackend::deleteVersions(SecretRef ref, QStringList versions) {
    if (auto error = takeError()) {
        co_return *error;
    }
    co_return mark(ref.path, versions, [](Version& v) { v.deleted = true; });
}

QCoro::Task<Status> FakeBackend::undeleteVersions(SecretRef ref, QStringList versions) {
    if (auto error = takeError()) {
        co_return *error;
    }
    co_return mark(ref.path, versions, [](Version& v) { v.deleted = false; });
}

QCoro::Task<Status> FakeBackend::destroyVersions(SecretRef ref, QStringList versions) {
    if (auto error = takeError()) {
        co_return *error;
    }
    co_return mark(ref.path, versions, [](Version& v) {
        v.destroyed = true;
        v.value = SecretValue();
    });
}

QCoro::Task<Status> FakeBackend::deleteSecret(SecretRef ref, DeleteOptions) {
    if (auto error = takeError()) {
        co_return *error;
    }
    if (m_secrets.remove(ref.path) == 0) {
        co_return notFound();
    }
    co_return Done{};
}
