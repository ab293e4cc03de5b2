#include "FakeStore.h"

#include <QSet>

namespace strongroom::testing {

namespace {
BackendError notFound() {
    return BackendError(BackendError::Kind::NotFound);
}
} // namespace

FakeStore::FakeStore(QString providerId, QObject* parent)
    : SecretBackend(parent)
    , m_providerId(std::move(providerId))
    , m_capabilities(kvCapabilities()) {}

CapabilitySet FakeStore::kvCapabilities() {
    return CapabilitySet(Capability::List) | Capability::Read | Capability::Write |
           Capability::Versions | Capability::ReadVersion | Capability::DeleteVersion |
           Capability::UndeleteVersion | Capability::DestroyVersion | Capability::DeleteSecret |
           Capability::Rollback | Capability::EditMetadata | Capability::CheckAndSet;
}

void FakeStore::deny(Capability capability, const QString& reason) {
    m_denied.insert(static_cast<int>(capability), reason);
}

void FakeStore::generateFolder(const QString& folder, int count) {
    m_generated.insert(folder, count);
}

void FakeStore::put(const QString& path, const QMap<QString, QString>& fields) {
    SecretValue value = SecretValue::keyValue({});
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        const QByteArray utf8 = it.value().toUtf8();
        value.setField(it.key(), SecretBytes(utf8.constData(), std::size_t(utf8.size())));
    }
    auto& secret = m_secrets[path];
    secret.versions.push_back(newVersion(std::move(value)));
}

void FakeStore::annotateVersion(const QString& path, const QString& id,
                                std::function<void(VersionInfo&)> change) {
    auto it = m_secrets.find(path);
    const qsizetype index = id.toLongLong();
    if (it != m_secrets.end() && index >= 1 && index <= qsizetype(it->versions.size())) {
        change(it->versions[std::size_t(index - 1)].extra);
    }
}

FakeStore::Version FakeStore::newVersion(SecretValue value) {
    Version version;
    version.value = std::move(value);
    version.extra.created = QDateTime::currentDateTimeUtc();
    return version;
}

void FakeStore::setState(ConnectionState state) {
    m_state = state;
    Q_EMIT stateChanged(state);
}

int FakeStore::versionCount(const QString& path) const {
    const auto it = m_secrets.constFind(path);
    return it == m_secrets.constEnd() ? 0 : int(it->versions.size());
}

std::optional<BackendError> FakeStore::takeError() {
    auto error = std::move(m_nextError);
    m_nextError.reset();
    return error;
}

std::optional<BackendError> FakeStore::refuse(Capability needed) {
    if (auto error = takeError()) {
        return error;
    }
    if (!m_capabilities.testFlag(needed)) {
        return BackendError(BackendError::Kind::Unsupported);
    }
    if (m_denied.contains(static_cast<int>(needed))) {
        return BackendError(BackendError::Kind::PermissionDenied,
                            m_denied.value(static_cast<int>(needed)));
    }
    return std::nullopt;
}

Capabilities FakeStore::storeCapabilities() const {
    return Capabilities(m_capabilities);
}

QCoro::Task<Result<Capabilities>> FakeStore::capabilitiesFor(SecretRef) {
    if (auto error = takeError()) {
        co_return *error;
    }
    Capabilities capabilities = storeCapabilities();
    for (auto it = m_denied.cbegin(); it != m_denied.cend(); ++it) {
        capabilities.deny(static_cast<Capability>(it.key()), it.value());
    }
    co_return capabilities;
}

ListPage FakeStore::generatedPage(const QString& folder, const PageRequest& page) const {
    ListPage result;
    const int count = m_generated.value(folder);
    const int first = page.cursor.isEmpty() ? 0 : page.cursor.toInt();
    const int last = std::min(count, first + page.limit);
    result.entries.reserve(std::max(0, last - first));
    for (int i = first; i < last; ++i) {
        const QString name = QStringLiteral("s%1").arg(i, 6, 10, QLatin1Char('0'));
        result.entries.append({Entry::Kind::Secret, name, folder + name});
    }
    if (last < count) {
        result.nextCursor = QString::number(last);
    }
    return result;
}

QCoro::Task<Result<ListPage>> FakeStore::list(QString folder, PageRequest page, CancelToken) {
    ++m_listCalls;
    if (auto error = takeError()) {
        co_return *error;
    }
    if (m_generated.contains(folder)) {
        co_return generatedPage(folder, page);
    }
    ListPage result;
    QSet<QString> seen;
    const auto add = [&](const Entry& entry) {
        if (!seen.contains(entry.path)) {
            seen.insert(entry.path);
            result.entries.append(entry);
        }
    };
    for (auto it = m_generated.cbegin(); it != m_generated.cend(); ++it) {
        if (it.key().startsWith(folder) && it.key() != folder) {
            const QString rest = it.key().mid(folder.size());
            const QString name = rest.left(rest.indexOf(QLatin1Char('/')));
            add({Entry::Kind::Folder, name, folder + name + QLatin1Char('/')});
        }
    }
    for (auto it = m_secrets.cbegin(); it != m_secrets.cend(); ++it) {
        if (!it.key().startsWith(folder)) {
            continue;
        }
        const QString rest = it.key().mid(folder.size());
        const auto slash = rest.indexOf(QLatin1Char('/'));
        add(slash >= 0 ? Entry{Entry::Kind::Folder, rest.left(slash), folder + rest.left(slash + 1)}
                       : Entry{Entry::Kind::Secret, rest, it.key()});
    }
    co_return result;
}

QCoro::Task<Result<SecretValue>> FakeStore::read(SecretRef ref, QString version) {
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
    if (found.deleted || found.destroyed || found.disabled) {
        co_return notFound();
    }
    co_return found.value;
}

QCoro::Task<Result<QList<VersionInfo>>> FakeStore::versions(SecretRef ref) {
    if (auto error = takeError()) {
        co_return *error;
    }
    const auto it = m_secrets.constFind(ref.path);
    if (it == m_secrets.constEnd()) {
        co_return notFound();
    }
    QList<VersionInfo> list;
    for (std::size_t i = 0; i < it->versions.size(); ++i) {
        const Version& version = it->versions[i];
        VersionInfo info = version.extra;
        info.id = QString::number(i + 1);
        info.marks.setFlag(VersionMark::Current, i + 1 == it->versions.size());
        info.marks.setFlag(VersionMark::Deleted, version.deleted);
        info.marks.setFlag(VersionMark::Destroyed, version.destroyed);
        info.marks.setFlag(VersionMark::Disabled, version.disabled);
        list.append(info);
    }
    co_return list;
}

QCoro::Task<Result<SecretMetadata>> FakeStore::metadata(SecretRef ref) {
    if (auto error = takeError()) {
        co_return *error;
    }
    const auto it = m_secrets.constFind(ref.path);
    if (it == m_secrets.constEnd()) {
        co_return notFound();
    }
    SecretMetadata meta = it->metadata;
    meta.currentVersion = QString::number(it->versions.size());
    meta.oldestVersion = QStringLiteral("1");
    co_return meta;
}

Result<WriteResult> FakeStore::put(const QString& path, SecretValue value,
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
    secret.versions.push_back(newVersion(std::move(value)));
    return WriteResult{QString::number(secret.versions.size())};
}

QCoro::Task<Result<WriteResult>> FakeStore::write(WriteRequest request) {
    if (auto error = refuse(Capability::Write)) {
        co_return *error;
    }
    co_return put(request.ref.path, std::move(request.value), request.expectedCurrentVersion);
}

QCoro::Task<Result<WriteResult>> FakeStore::rollback(SecretRef ref, QString version,
                                                     QString expectedCurrentVersion) {
    if (auto error = refuse(Capability::Rollback)) {
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

Status FakeStore::mark(const QString& path, const QStringList& versions,
                       const std::function<void(Version&)>& apply) {
    auto it = m_secrets.find(path);
    if (it == m_secrets.end()) {
        return notFound();
    }
    for (const auto& id : versions) {
        const qsizetype index = id.toLongLong();
        if (index < 1 || index > qsizetype(it->versions.size())) {
            return notFound();
        }
    }
    for (const auto& id : versions) {
        apply(it->versions[std::size_t(id.toLongLong() - 1)]);
    }
    return Done{};
}

QCoro::Task<Status> FakeStore::deleteVersions(SecretRef ref, QStringList versions) {
    if (auto error = refuse(Capability::DeleteVersion)) {
        co_return *error;
    }
    co_return mark(ref.path, versions, [](Version& v) { v.deleted = true; });
}

QCoro::Task<Status> FakeStore::undeleteVersions(SecretRef ref, QStringList versions) {
    if (auto error = refuse(Capability::UndeleteVersion)) {
        co_return *error;
    }
    co_return mark(ref.path, versions, [](Version& v) { v.deleted = false; });
}

QCoro::Task<Status> FakeStore::destroyVersions(SecretRef ref, QStringList versions) {
    if (auto error = refuse(Capability::DestroyVersion)) {
        co_return *error;
    }
    co_return mark(ref.path, versions, [](Version& v) {
        v.destroyed = true;
        v.value = SecretValue();
    });
}

QCoro::Task<Status> FakeStore::setVersionsEnabled(SecretRef ref, QStringList versions,
                                                  bool enabled) {
    if (auto error = refuse(Capability::EnableVersion)) {
        co_return *error;
    }
    co_return mark(ref.path, versions, [enabled](Version& v) { v.disabled = !enabled; });
}

QCoro::Task<Status> FakeStore::updateMetadata(SecretRef ref, MetadataUpdate update) {
    if (auto error = refuse(Capability::EditMetadata)) {
        co_return *error;
    }
    auto it = m_secrets.find(ref.path);
    if (it == m_secrets.end()) {
        co_return notFound();
    }
    if (update.maxVersions) {
        it->metadata.maxVersions = *update.maxVersions;
    }
    if (update.customMetadata) {
        it->metadata.customMetadata = *update.customMetadata;
    }
    co_return Done{};
}

} // namespace strongroom::testing
