#include "SecretService.h"

#include "AuditActions.h"

namespace strongroom {

namespace {

BackendError noConnection() {
    return BackendError(BackendError::Kind::InvalidInput, QStringLiteral("no connection"));
}

QString orDefault(const QString& action, const QString& fallback) {
    return action.isEmpty() ? fallback : action;
}

QStringList nonEmpty(const QString& first, const QString& second = {}) {
    QStringList list;
    for (const QString* version : {&first, &second}) {
        if (!version->isEmpty()) {
            list << *version;
        }
    }
    return list;
}

} // namespace

SecretService::SecretService(AuditLog* audit, QObject* parent)
    : QObject(parent)
    , m_audit(audit) {}

QCoro::Task<void> SecretService::audit(QString connection, QString path, QString action,
                                       QStringList versions, QString result, QString detail) {
    auto recording = m_audit.record(std::move(connection), std::move(path), std::move(action),
                                    std::move(versions), std::move(result), std::move(detail));
    co_await std::move(recording);
}

QCoro::Task<Result<ListPage>> SecretService::list(Connection* connection, QString folder,
                                                  PageRequest page, CancelToken cancel) {
    if (!connection) {
        co_return noConnection();
    }
    auto listing =
        connection->backend()->list(std::move(folder), std::move(page), std::move(cancel));
    co_return co_await std::move(listing);
}

QCoro::Task<Result<QList<VersionInfo>>> SecretService::versions(Connection* connection,
                                                                SecretRef ref) {
    if (!connection) {
        co_return noConnection();
    }
    auto loadingVersions = connection->backend()->versions(std::move(ref));
    co_return co_await std::move(loadingVersions);
}

QCoro::Task<Result<SecretMetadata>> SecretService::metadata(Connection* connection, SecretRef ref) {
    if (!connection) {
        co_return noConnection();
    }
    auto loadingMetadata = connection->backend()->metadata(std::move(ref));
    co_return co_await std::move(loadingMetadata);
}

QCoro::Task<Result<Capabilities>> SecretService::capabilities(Connection* connection,
                                                              SecretRef ref) {
    if (!connection) {
        co_return noConnection();
    }
    auto checking = connection->backend()->capabilitiesFor(std::move(ref));
    co_return co_await std::move(checking);
}

QCoro::Task<Result<SecretValue>> SecretService::read(Connection* connection, SecretRef ref,
                                                     QString version) {
    if (!connection) {
        co_return noConnection();
    }
    QPointer<SecretService> self(this);
    const QString id = connection->id();
    auto reading = connection->backend()->read(ref, version);
    auto result = co_await std::move(reading);
    if (self) {
        const QString detail = result.ok() && version.isEmpty()
                                   ? QStringLiteral("current version")
                                   : OperationAudit::failureDetail(result);
        // Named first: GCC 12 destroys temporaries inside a co_await expression twice.
        auto auditing = self->audit(id, ref.path, actions::read(), nonEmpty(version),
                                    OperationAudit::outcome(result), detail);
        co_await std::move(auditing);
    }
    co_return result;
}

QCoro::Task<Result<WriteResult>> SecretService::write(Connection* connection, WriteRequest request,
                                                      QString auditAction) {
    if (!connection) {
        co_return noConnection();
    }
    QPointer<SecretService> self(this);
    const QString id = connection->id();
    const QString path = request.ref.path;
    const QString expected = request.expectedCurrentVersion;
    const QString format = formatName(request.value.format());
    auto writing = connection->backend()->write(std::move(request));
    auto result = co_await std::move(writing);
    if (self) {
        QString detail = expected.isEmpty()
                             ? QStringLiteral("new secret, %1").arg(format)
                             : QStringLiteral("based on version %1, %2").arg(expected, format);
        if (!result.ok()) {
            detail += QStringLiteral("; ") + OperationAudit::failureDetail(result);
        }
        const QStringList versions = nonEmpty(result.ok() ? result->newVersion : QString());
        auto auditing = self->audit(id, path, orDefault(auditAction, actions::write()), versions,
                                    OperationAudit::outcome(result), detail);
        co_await std::move(auditing);
    }
    co_return result;
}

QCoro::Task<Result<WriteResult>> SecretService::rollback(Connection* connection, SecretRef ref,
                                                         QString targetVersion,
                                                         QString expectedCurrentVersion,
                                                         QString auditAction) {
    if (!connection) {
        co_return noConnection();
    }
    QPointer<SecretService> self(this);
    const QString id = connection->id();
    auto rollingBack = connection->backend()->rollback(ref, targetVersion, expectedCurrentVersion);
    auto result = co_await std::move(rollingBack);
    if (self) {
        QString detail =
            QStringLiteral("to version %1 from %2").arg(targetVersion, expectedCurrentVersion);
        if (!result.ok()) {
            detail += QStringLiteral("; ") + OperationAudit::failureDetail(result);
        }
        const QStringList versions =
            nonEmpty(targetVersion, result.ok() ? result->newVersion : QString());
        auto auditing = self->audit(id, ref.path, orDefault(auditAction, actions::rollback()),
                                    versions, OperationAudit::outcome(result), detail);
        co_await std::move(auditing);
    }
    co_return result;
}

QCoro::Task<Status> SecretService::deleteVersions(Connection* connection, SecretRef ref,
                                                  QStringList versions, QString auditAction) {
    return m_audit.run<Done>(
        connection, ref.path, orDefault(auditAction, actions::deleteVersions()),
        [ref, versions](SecretBackend& store) { return store.deleteVersions(ref, versions); }, {},
        [versions](const Status&) { return versions; });
}

QCoro::Task<Status> SecretService::undeleteVersions(Connection* connection, SecretRef ref,
                                                    QStringList versions, QString auditAction) {
    return m_audit.run<Done>(
        connection, ref.path, orDefault(auditAction, actions::undeleteVersions()),
        [ref, versions](SecretBackend& store) { return store.undeleteVersions(ref, versions); }, {},
        [versions](const Status&) { return versions; });
}

QCoro::Task<Status> SecretService::destroyVersions(Connection* connection, SecretRef ref,
                                                   QStringList versions, QString auditAction) {
    return m_audit.run<Done>(
        connection, ref.path, orDefault(auditAction, actions::destroyVersions()),
        [ref, versions](SecretBackend& store) { return store.destroyVersions(ref, versions); }, {},
        [versions](const Status&) { return versions; });
}

QCoro::Task<Status> SecretService::setVersionsEnabled(Connection* connection, SecretRef ref,
                                                      QStringList versions, bool enabled) {
    return m_audit.run<Done>(
        connection, ref.path, enabled ? actions::enableVersions() : actions::disableVersions(),
        [ref, versions, enabled](SecretBackend& store) {
            return store.setVersionsEnabled(ref, versions, enabled);
        },
        {}, [versions](const Status&) { return versions; });
}

QCoro::Task<Status> SecretService::moveLabel(Connection* connection, SecretRef ref, QString label,
                                             QString toVersion, QString expectedFromVersion) {
    const QString detail =
        expectedFromVersion.isEmpty()
            ? QStringLiteral("%1 set on %2").arg(label, toVersion)
            : QStringLiteral("%1 from %2 to %3").arg(label, expectedFromVersion, toVersion);
    const QStringList versions = nonEmpty(expectedFromVersion, toVersion);
    return m_audit.run<Done>(
        connection, ref.path, actions::moveLabel(),
        [ref, label, toVersion, expectedFromVersion](SecretBackend& store) {
            return store.moveLabel(ref, label, toVersion, expectedFromVersion);
        },
        detail, [versions](const Status&) { return versions; });
}

QCoro::Task<Status> SecretService::updateMetadata(Connection* connection, SecretRef ref,
                                                  MetadataUpdate update, QString auditAction) {
    if (!connection) {
        co_return noConnection();
    }
    QPointer<SecretService> self(this);
    const QString id = connection->id();
    QStringList changed;
    if (update.maxVersions) {
        changed << QStringLiteral("max versions %1").arg(*update.maxVersions);
    }
    if (update.casRequired) {
        changed << QStringLiteral("cas required %1")
                       .arg(*update.casRequired ? QStringLiteral("on") : QStringLiteral("off"));
    }
    if (update.deleteVersionAfter) {
        changed << QStringLiteral("delete after '%1'").arg(*update.deleteVersionAfter);
    }
    if (update.customMetadata) {
        changed << QStringLiteral("custom metadata (%1 keys)").arg(update.customMetadata->size());
    }
    auto updating = connection->backend()->updateMetadata(ref, std::move(update));
    auto result = co_await std::move(updating);
    if (self) {
        QString detail = changed.join(QStringLiteral(", "));
        if (!result.ok()) {
            detail += QStringLiteral("; ") + OperationAudit::failureDetail(result);
        }
        auto auditing = self->audit(id, ref.path, orDefault(auditAction, actions::updateMetadata()),
                                    QStringList(), OperationAudit::outcome(result), detail);
        co_await std::move(auditing);
    }
    co_return result;
}

QCoro::Task<Result<RollbackPreview>>
SecretService::previewRollback(Connection* connection, SecretRef ref, QString targetVersion) {
    if (!connection) {
        co_return noConnection();
    }
    QPointer<SecretService> self(this);
    const QString id = connection->id();
    QPointer<Connection> guard(connection);
    auto previewing = buildPreview(guard, ref, targetVersion);
    auto result = co_await std::move(previewing);
    if (self) {
        const QStringList versions =
            nonEmpty(result.ok() ? result->currentVersion : QString(), targetVersion);
        auto auditing =
            self->audit(id, ref.path, actions::previewRollback(), versions,
                        OperationAudit::outcome(result), OperationAudit::failureDetail(result));
        co_await std::move(auditing);
    }
    co_return result;
}

QCoro::Task<Result<RollbackPreview>>
SecretService::buildPreview(QPointer<Connection> connection, SecretRef ref, QString targetVersion) {
    const BackendError gone(BackendError::Kind::Cancelled, QStringLiteral("connection closed"));
    auto loadingHistory = connection->backend()->versions(ref);
    auto history = co_await std::move(loadingHistory);
    if (!history.ok()) {
        co_return history.error();
    }
    QString current;
    for (const auto& version : history.value()) {
        if (version.marks.testFlag(VersionMark::Current)) {
            current = version.id;
        }
    }
    if (current.isEmpty()) {
        co_return BackendError(BackendError::Kind::NotFound,
                               QStringLiteral("the secret has no current version"));
    }
    if (!connection) {
        co_return gone;
    }
    // The current value is read by its id, so the preview and the conflict guard agree even if
    // someone writes in between.
    auto readingCurrent = connection->backend()->read(ref, current);
    auto before = co_await std::move(readingCurrent);
    if (!before.ok()) {
        co_return before.error();
    }
    if (!connection) {
        co_return gone;
    }
    auto readingTarget = connection->backend()->read(ref, targetVersion);
    auto after = co_await std::move(readingTarget);
    if (!after.ok()) {
        co_return after.error();
    }
    co_return RollbackPreview{current, targetVersion,
                              SecretDiff::between(before.value(), after.value())};
}

QCoro::Task<Result<SecretDiff>> SecretService::compareVersions(Connection* connection,
                                                               SecretRef ref, QString before,
                                                               QString after) {
    if (!connection) {
        co_return noConnection();
    }
    QPointer<SecretService> self(this);
    QPointer<Connection> guard(connection);
    const QString id = connection->id();
    auto readingOlder = connection->backend()->read(ref, before);
    auto older = co_await std::move(readingOlder);
    Result<SecretDiff> result = BackendError(BackendError::Kind::Cancelled);
    if (!older.ok()) {
        result = older.error();
    } else if (guard) {
        auto readingNewer = guard->backend()->read(ref, after);
        auto newer = co_await std::move(readingNewer);
        result = newer.ok() ? Result<SecretDiff>(SecretDiff::between(older.value(), newer.value()))
                            : Result<SecretDiff>(newer.error());
    }
    if (self) {
        const QStringList versions{before.isEmpty() ? QStringLiteral("current") : before,
                                   after.isEmpty() ? QStringLiteral("current") : after};
        auto auditing =
            self->audit(id, ref.path, actions::compare(), versions, OperationAudit::outcome(result),
                        OperationAudit::failureDetail(result));
        co_await std::move(auditing);
    }
    co_return result;
}

QCoro::Task<void> SecretService::recordAccess(Connection* connection, SecretRef ref, QString action,
                                              QString version) {
    if (!connection) {
        co_return;
    }
    const QStringList versions = nonEmpty(version);
    auto auditing =
        audit(connection->id(), ref.path, std::move(action), versions, QStringLiteral("ok"));
    co_await std::move(auditing);
}

} // namespace strongroom
