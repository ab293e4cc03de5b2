// FakeStore's bin and rotation: what the generic delete, bin and rotation dialogs drive.
#include "FakeStore.h"

namespace strongroom::testing {

namespace {
BackendError notFound() {
    return BackendError(BackendError::Kind::NotFound);
}

QString scheduleOf(const RotationSettings& settings) {
    if (const QString expression = settings.value(QStringLiteral("scheduleExpression")).toString();
        !expression.isEmpty()) {
        return expression;
    }
    const int days = settings.value(QStringLiteral("automaticallyAfterDays")).toInt();
    return days > 0 ? QStringLiteral("every %1 days").arg(days) : QString();
}
} // namespace

void FakeStore::setRotation(const QString& path, RotationInfo rotation) {
    m_secrets[path].rotation = std::move(rotation);
}

std::optional<RotationInfo> FakeStore::rotationOf(const QString& path) const {
    const auto it = m_secrets.constFind(path);
    return it == m_secrets.constEnd() ? std::nullopt : it->rotation;
}

QCoro::Task<Status> FakeStore::deleteSecret(SecretRef ref, DeleteOptions options) {
    if (auto error = refuse(options.force ? Capability::PurgeSecret : Capability::DeleteSecret)) {
        co_return *error;
    }
    m_lastDelete = options;
    const auto it = m_secrets.find(ref.path);
    if (it == m_secrets.end()) {
        co_return notFound();
    }
    if (!options.force && m_rules.hasBin) {
        const int days =
            options.recoveryDays > 0 ? options.recoveryDays : m_rules.defaultRecoveryDays;
        if (m_rules.windowChosenPerDelete && options.recoveryDays > 0 &&
            !m_rules.acceptsWindow(days)) {
            co_return BackendError(BackendError::Kind::InvalidInput,
                                   QStringLiteral("recovery window out of range"));
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        m_bin.insert(ref.path, {*it, {ref.path, now, now.addDays(days)}});
    }
    m_secrets.erase(it);
    co_return Done{};
}

QCoro::Task<Result<QList<DeletedSecret>>> FakeStore::deletedSecrets(QString prefix, CancelToken) {
    if (auto error = refuse(Capability::ListDeleted)) {
        co_return *error;
    }
    QList<DeletedSecret> listed;
    for (const Binned& binned : std::as_const(m_bin)) {
        if (binned.entry.path.startsWith(prefix)) {
            listed.append(binned.entry);
        }
    }
    co_return listed;
}

QCoro::Task<Status> FakeStore::restoreSecret(SecretRef ref) {
    if (auto error = refuse(Capability::RestoreSecret)) {
        co_return *error;
    }
    const auto it = m_bin.find(ref.path);
    if (it == m_bin.end()) {
        co_return notFound();
    }
    m_secrets.insert(ref.path, it->secret);
    m_bin.erase(it);
    co_return Done{};
}

QCoro::Task<Status> FakeStore::purgeSecret(SecretRef ref) {
    if (auto error = refuse(Capability::PurgeSecret)) {
        co_return *error;
    }
    if (m_bin.remove(ref.path) == 0) {
        co_return notFound();
    }
    co_return Done{};
}

QCoro::Task<Result<RotationInfo>> FakeStore::rotation(SecretRef ref) {
    if (auto error = refuse(Capability::RotationStatus)) {
        co_return *error;
    }
    const auto it = m_secrets.constFind(ref.path);
    if (it == m_secrets.constEnd()) {
        co_return notFound();
    }
    co_return it->rotation.value_or(RotationInfo{});
}

QCoro::Task<Result<QString>> FakeStore::rotateNow(SecretRef ref) {
    if (auto error = refuse(Capability::Rotate)) {
        co_return *error;
    }
    auto it = m_secrets.find(ref.path);
    if (it == m_secrets.end() || it->versions.empty()) {
        co_return notFound();
    }
    // A generated value: the current one again, as a new version.
    it->versions.push_back(newVersion(it->versions.back().value));
    RotationInfo rotation = it->rotation.value_or(RotationInfo{});
    rotation.lastRotated = QDateTime::currentDateTimeUtc();
    it->rotation = rotation;
    co_return QString::number(it->versions.size());
}

QCoro::Task<Status> FakeStore::configureRotation(SecretRef ref, RotationSettings settings) {
    if (auto error = refuse(Capability::ConfigureRotation)) {
        co_return *error;
    }
    auto it = m_secrets.find(ref.path);
    if (it == m_secrets.end()) {
        co_return notFound();
    }
    m_configured.append(settings);
    RotationInfo rotation = it->rotation.value_or(RotationInfo{});
    rotation.enabled = true;
    rotation.schedule = scheduleOf(settings);
    for (auto setting = settings.cbegin(); setting != settings.cend(); ++setting) {
        rotation.settings.insert(setting.key(), setting.value());
    }
    it->rotation = rotation;
    co_return Done{};
}

QCoro::Task<Status> FakeStore::disableRotation(SecretRef ref) {
    if (auto error = refuse(Capability::ConfigureRotation)) {
        co_return *error;
    }
    auto it = m_secrets.find(ref.path);
    if (it == m_secrets.end()) {
        co_return notFound();
    }
    RotationInfo rotation = it->rotation.value_or(RotationInfo{});
    rotation.enabled = false;
    it->rotation = rotation;
    co_return Done{};
}

QCoro::Task<Status> FakeStore::clearStuckRotation(SecretRef ref, QString stuckVersion) {
    if (auto error = refuse(Capability::ClearStuckRotation)) {
        co_return *error;
    }
    auto it = m_secrets.find(ref.path);
    if (it == m_secrets.end()) {
        co_return notFound();
    }
    if (!it->rotation || it->rotation->state != RotationInfo::State::Stuck ||
        it->rotation->stuckVersion != stuckVersion) {
        co_return BackendError(BackendError::Kind::Conflict);
    }
    it->rotation->state = RotationInfo::State::Idle;
    it->rotation->stuckReason.clear();
    it->rotation->stuckVersion.clear();
    co_return Done{};
}

} // namespace strongroom::testing
