#pragma once

#include "Capabilities.h"
#include "Connection.h"
#include "Result.h"
#include "RollbackPreview.h"
#include "SecretMetadata.h"
#include "SecretRef.h"
#include "SecretValue.h"
#include "WriteRequest.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace strongroom {

class AuditEntriesModel;
class DiffModel;
class SecretFieldsModel;
class VersionsModel;
class Workspace;

// Everything the secret pane shows about one secret, and the coroutines that load and change it
// through SecretService (so every action is audited). Widgets only render the models and call
// in here; anything resuming after an await checks this presenter, the connection and the
// secret it started for are still the ones shown.
class SecretPresenter : public QObject {
    Q_OBJECT
public:
    explicit SecretPresenter(Workspace* workspace, QObject* parent = nullptr);
    ~SecretPresenter() override;

    SecretFieldsModel* fields() const { return m_fields; }
    VersionsModel* versions() const { return m_versions; }
    DiffModel* diff() const { return m_diff; }
    AuditEntriesModel* activity() const { return m_activity; }
    const SecretMetadata& metadata() const { return m_metadata; }
    const Capabilities& capabilities() const { return m_capabilities; }
    Connection* connection() const { return m_connection; }
    const SecretRef& ref() const { return m_ref; }
    bool hasSecret() const { return m_connection && !m_ref.path.isEmpty(); }
    bool isBusy() const { return m_busy; }
    // The version the Data tab shows, which edits start from (the conflict guard).
    QString shownVersion() const { return m_shownVersion; }
    QString diffBefore() const { return m_diffBefore; }
    QString diffAfter() const { return m_diffAfter; }

    void open(const QString& connectionId, const QString& path);
    void close();
    void reload();
    // On lock: drops every decrypted value (fields and diff).
    void clearValues();

    // Reveals one Data-tab value (re-masked by the model's timeout) and audits it.
    void reveal(int row);
    // Audits a copy of one Data-tab value (the clipboard itself is the caller's).
    void recordCopy(int row);
    // Fills the diff model with `before` -> `after` (version ids; empty = current).
    void compare(const QString& before, const QString& after);

    QCoro::Task<Result<SecretValue>> readVersion(QString version);
    QCoro::Task<Result<WriteResult>> save(SecretValue value, QString expectedVersion);
    // Creates a secret at `path` in the current connection (it must not exist yet).
    QCoro::Task<Result<WriteResult>> create(QString connectionId, QString path, SecretValue value);
    QCoro::Task<Result<RollbackPreview>> previewRollback(QString targetVersion);
    // `auditAction` names the audit entry ("undo-rollback"); "rollback" when empty.
    QCoro::Task<Result<WriteResult>> rollback(QString targetVersion, QString expectedCurrent,
                                              QString auditAction = {});
    QCoro::Task<Status> deleteVersions(QStringList versions);
    QCoro::Task<Status> undeleteVersions(QStringList versions);
    QCoro::Task<Status> destroyVersions(QStringList versions);
    QCoro::Task<Status> setVersionsEnabled(QStringList versions, bool enabled);
    QCoro::Task<Status> updateMetadata(MetadataUpdate update);

Q_SIGNALS:
    void secretChanged(); // another secret (or none) is shown; views reset
    void loaded();        // value, versions, metadata and activity are in
    void busyChanged(bool busy);
    void errorOccurred(const QString& message);
    void diffReady();

private:
    QCoro::Task<> load(quint64 generation);
    QCoro::Task<> loadDiff(quint64 generation, QString before, QString after);
    void setBusy(bool busy);
    void fail(const QString& message);
    bool isStale(const QPointer<SecretPresenter>& self, quint64 generation) const;

    Workspace* m_workspace; // outlives every window
    QPointer<Connection> m_connection;
    SecretRef m_ref;
    quint64 m_generation = 0;
    bool m_busy = false;
    QString m_shownVersion;
    QString m_diffBefore;
    QString m_diffAfter;
    Capabilities m_capabilities;
    SecretMetadata m_metadata;
    SecretFieldsModel* m_fields;
    VersionsModel* m_versions;
    DiffModel* m_diff;
    AuditEntriesModel* m_activity;
};

} // namespace strongroom
