#include "SecretPresenter.h"

#include "AppSettings.h"
#include "AuditActions.h"
#include "AuditEntriesModel.h"
#include "AuditLog.h"
#include "Connection.h"
#include "DiffModel.h"
#include "SecretFieldsModel.h"
#include "SecretService.h"
#include "VersionsModel.h"
#include "Workspace.h"

#include <chrono>

namespace strongroom {

namespace {
std::chrono::milliseconds revealTimeout(AppSettings* settings) {
    return std::chrono::seconds(settings ? settings->revealSeconds()
                                         : AppSettings::DefaultRevealSeconds);
}
BackendError noSecret() {
    return BackendError(BackendError::Kind::InvalidInput, SecretPresenter::tr("no secret is open"));
}
} // namespace

SecretPresenter::SecretPresenter(Workspace* workspace, QObject* parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_fields(new SecretFieldsModel(this))
    , m_versions(new VersionsModel(this))
    , m_diff(new DiffModel(this))
    , m_activity(new AuditEntriesModel(this)) {
    m_fields->setRevealTimeout(revealTimeout(workspace->settings()));
    connect(workspace->settings(), &AppSettings::revealSecondsChanged, this,
            [this](int seconds) { m_fields->setRevealTimeout(std::chrono::seconds(seconds)); });
    connect(workspace->auditLog(), &AuditLog::appended, m_activity, &AuditEntriesModel::addEntry);
    connect(workspace, &Workspace::connectionRemoved, this, [this](const QString& id) {
        if (!m_connection || m_connection->id() == id) {
            close();
        }
    });
}

SecretPresenter::~SecretPresenter() = default;

void SecretPresenter::open(const QString& connectionId, const QString& path) {
    Connection* connection = m_workspace ? m_workspace->connection(connectionId) : nullptr;
    ++m_generation;
    m_connection = connection;
    m_ref = SecretRef{path};
    m_shownVersion.clear();
    m_diffBefore.clear();
    m_diffAfter.clear();
    m_capabilities = Capabilities();
    m_metadata = SecretMetadata();
    m_fields->clear();
    m_versions->clear();
    m_diff->clear();
    m_activity->setFilter(connectionId, path);
    m_activity->clear();
    Q_EMIT secretChanged();
    if (connection) {
        load(m_generation);
    }
}

void SecretPresenter::close() {
    open(QString(), QString());
    m_activity->setFilter(QStringLiteral("\n"), QString()); // matches nothing while closed
}

void SecretPresenter::reload() {
    if (hasSecret()) {
        ++m_generation;
        load(m_generation);
    }
}

void SecretPresenter::clearValues() {
    ++m_generation; // a load in flight must not refill what the lock just dropped
    m_fields->clear();
    m_diff->clear();
    setBusy(false);
}

void SecretPresenter::reveal(int row) {
    if (!m_fields->bytesAt(row)) {
        return;
    }
    m_fields->reveal(row);
    if (m_workspace && m_connection) {
        m_workspace->secrets()->recordAccess(m_connection, m_ref, actions::reveal(),
                                             m_shownVersion);
    }
}

void SecretPresenter::recordCopy(int row) {
    if (m_fields->bytesAt(row) && m_workspace && m_connection) {
        m_workspace->secrets()->recordAccess(m_connection, m_ref, actions::copy(), m_shownVersion);
    }
}

void SecretPresenter::compare(const QString& before, const QString& after) {
    if (!hasSecret()) {
        return;
    }
    m_diffBefore = before;
    m_diffAfter = after;
    loadDiff(m_generation, before, after);
}

bool SecretPresenter::isStale(const QPointer<SecretPresenter>& self, quint64 generation) const {
    return !self || self->m_generation != generation || !self->m_connection || !self->m_workspace;
}

QCoro::Task<> SecretPresenter::load(quint64 generation) {
    QPointer<SecretPresenter> self(this);
    setBusy(true);
    SecretService* service = m_workspace->secrets();
    const SecretRef ref = m_ref;

    auto capabilitiesTask = service->capabilities(m_connection, ref);
    auto capabilities = co_await capabilitiesTask;
    if (isStale(self, generation)) {
        co_return;
    }
    if (capabilities.ok()) {
        m_capabilities = capabilities.value();
    } else {
        // An unknown permission is a refused one: every action stays disabled and says why.
        m_capabilities = Capabilities();
        const QString why =
            tr("could not check permissions: %1").arg(capabilities.error().message());
        for (Capability capability :
             {Capability::Read, Capability::Write, Capability::Rollback, Capability::DeleteVersion,
              Capability::UndeleteVersion, Capability::DestroyVersion, Capability::DeleteSecret,
              Capability::EditMetadata, Capability::Rotate, Capability::RotationStatus,
              Capability::ConfigureRotation, Capability::ClearStuckRotation,
              Capability::EnableVersion, Capability::MoveLabel, Capability::PurgeSecret}) {
            m_capabilities.deny(capability, why);
        }
        fail(capabilities.error().message());
    }

    auto versionsTask = service->versions(m_connection, ref);
    auto versions = co_await versionsTask;
    if (isStale(self, generation)) {
        co_return;
    }
    if (versions.ok()) {
        m_versions->setVersions(versions.value());
    } else if (versions.error().kind() != BackendError::Kind::Unsupported) {
        fail(versions.error().message());
    }

    auto metadataTask = service->metadata(m_connection, ref);
    auto metadata = co_await metadataTask;
    if (isStale(self, generation)) {
        co_return;
    }
    if (metadata.ok()) {
        m_metadata = metadata.value();
    }

    auto valueTask = service->read(m_connection, ref, QString());
    auto value = co_await valueTask;
    if (isStale(self, generation)) {
        co_return;
    }
    if (value.ok()) {
        m_shownVersion = m_versions->currentVersionId();
        if (m_shownVersion.isEmpty()) {
            m_shownVersion = m_metadata.currentVersion;
        }
        m_fields->setValue(std::move(value).value());
    } else {
        fail(value.error().message());
    }

    auto entriesTask = m_workspace->auditLog()->entriesFor(m_connection->id(), ref.path);
    auto entries = co_await entriesTask;
    if (isStale(self, generation)) {
        co_return;
    }
    if (entries.ok()) {
        m_activity->setEntries(entries.value());
    }
    setBusy(false);
    Q_EMIT loaded();
}

QCoro::Task<> SecretPresenter::loadDiff(quint64 generation, QString before, QString after) {
    QPointer<SecretPresenter> self(this);
    auto diffTask = m_workspace->secrets()->compareVersions(m_connection, m_ref, before, after);
    auto diff = co_await diffTask;
    if (isStale(self, generation)) {
        co_return;
    }
    if (!diff.ok()) {
        fail(diff.error().message());
        co_return;
    }
    m_diff->setDiff(std::move(diff).value());
    Q_EMIT diffReady();
}

QCoro::Task<Result<SecretValue>> SecretPresenter::readVersion(QString version) {
    if (!hasSecret()) {
        co_return noSecret();
    }
    auto task = m_workspace->secrets()->read(m_connection, m_ref, version);
    co_return co_await task;
}

QCoro::Task<Result<WriteResult>> SecretPresenter::save(SecretValue value, QString expectedVersion) {
    if (!hasSecret()) {
        co_return noSecret();
    }
    QPointer<SecretPresenter> self(this);
    WriteRequest request{m_ref, std::move(value), expectedVersion, {}};
    auto resultTask = m_workspace->secrets()->write(m_connection, std::move(request));
    auto result = co_await resultTask;
    if (self && result.ok()) {
        reload();
    }
    co_return result;
}

QCoro::Task<Result<WriteResult>> SecretPresenter::create(QString connectionId, QString path,
                                                         SecretValue value) {
    Connection* connection = m_workspace ? m_workspace->connection(connectionId) : nullptr;
    if (!connection) {
        co_return BackendError(BackendError::Kind::InvalidInput, tr("no such connection"));
    }
    WriteRequest request{SecretRef{path}, std::move(value), QString(), {}};
    auto task = m_workspace->secrets()->write(connection, std::move(request));
    co_return co_await task;
}

QCoro::Task<Result<RollbackPreview>> SecretPresenter::previewRollback(QString targetVersion) {
    if (!hasSecret()) {
        co_return noSecret();
    }
    auto task = m_workspace->secrets()->previewRollback(m_connection, m_ref, targetVersion);
    co_return co_await task;
}

QCoro::Task<Result<WriteResult>>
SecretPresenter::rollback(QString targetVersion, QString expectedCurrent, QString auditAction) {
    if (!hasSecret()) {
        co_return noSecret();
    }
    QPointer<SecretPresenter> self(this);
    auto resultTask = m_workspace->secrets()->rollback(m_connection, m_ref, targetVersion,
                                                       expectedCurrent, std::move(auditAction));
    auto result = co_await resultTask;
    if (self && result.ok()) {
        reload();
    }
    co_return result;
}

QCoro::Task<Status> SecretPresenter::deleteVersions(QStringList versions) {
    if (!hasSecret()) {
        co_return noSecret();
    }
    QPointer<SecretPresenter> self(this);
    auto resultTask = m_workspace->secrets()->deleteVersions(m_connection, m_ref, versions);
    auto result = co_await resultTask;
    if (self && result.ok()) {
        reload();
    }
    co_return result;
}

QCoro::Task<Status> SecretPresenter::undeleteVersions(QStringList versions) {
    if (!hasSecret()) {
        co_return noSecret();
    }
    QPointer<SecretPresenter> self(this);
    auto resultTask = m_workspace->secrets()->undeleteVersions(m_connection, m_ref, versions);
    auto result = co_await resultTask;
    if (self && result.ok()) {
        reload();
    }
    co_return result;
}

QCoro::Task<Status> SecretPresenter::updateMetadata(MetadataUpdate update) {
    if (!hasSecret()) {
        co_return noSecret();
    }
    QPointer<SecretPresenter> self(this);
    auto resultTask =
        m_workspace->secrets()->updateMetadata(m_connection, m_ref, std::move(update));
    auto result = co_await resultTask;
    if (self && result.ok()) {
        reload();
    }
    co_return result;
}

QCoro::Task<Status> SecretPresenter::destroyVersions(QStringList versions) {
    if (!hasSecret()) {
        co_return noSecret();
    }
    QPointer<SecretPresenter> self(this);
    auto resultTask = m_workspace->secrets()->destroyVersions(m_connection, m_ref, versions);
    auto result = co_await resultTask;
    if (self && result.ok()) {
        reload();
    }
    co_return result;
}

QCoro::Task<Status> SecretPresenter::setVersionsEnabled(QStringList versions, bool enabled) {
    if (!hasSecret()) {
        co_return noSecret();
    }
    QPointer<SecretPresenter> self(this);
    auto resultTask =
        m_workspace->secrets()->setVersionsEnabled(m_connection, m_ref, versions, enabled);
    auto result = co_await resultTask;
    if (self && result.ok()) {
        reload();
    }
    co_return result;
}

void SecretPresenter::setBusy(bool busy) {
    if (m_busy != busy) {
        m_busy = busy;
        Q_EMIT busyChanged(busy);
    }
}

void SecretPresenter::fail(const QString& message) {
    Q_EMIT errorOccurred(message);
}

} // namespace strongroom
