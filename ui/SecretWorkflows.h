#pragma once

#include "OperatorWorkflow.h"
#include "SecretValue.h"

#include <QCoroTask>
#include <QPointer>

class QWidget;

namespace strongroom {

class AppSettings;
class RollbackWorkflow;
class SecretPresenter;

// The operator flows on the open secret that need a dialog before they touch the store: create,
// edit (diff before save, conflict dialog on a lost race), roll back (preview + confirm), delete
// and destroy versions (destroy behind the typed name), undelete, enable / disable versions,
// edit metadata. Dialogs are opened with open() and awaited as signals, never with exec().
// Deleting the whole secret and the bin are DeletionWorkflow's.
class SecretWorkflows : public OperatorWorkflow {
    Q_OBJECT
public:
    SecretWorkflows(SecretPresenter* presenter, AppSettings* settings, QWidget* window);

    void newSecret(const QString& connectionId, const QString& folder);
    void edit();
    // Preview, confirm, roll back; rollbacks() then offers the undo.
    void rollback(const QString& targetVersion);
    RollbackWorkflow* rollbacks() const { return m_rollbacks; }
    // Soft-deletes `versions` (the current one when empty), after a confirmation.
    void deleteVersions(const QStringList& versions);
    void undeleteVersions(const QStringList& versions);
    void destroyVersions(const QStringList& versions);
    // Disabling asks first (nothing can read a disabled version); enabling does not.
    void setVersionsEnabled(const QStringList& versions, bool enabled);
    void editMetadata();

Q_SIGNALS:
    // A secret was created; the tree should show it.
    void secretCreated(const QString& connectionId, const QString& path);

private:
    QCoro::Task<> runNewSecret(QString connectionId, QString folder);
    QCoro::Task<> runEdit();
    QCoro::Task<> resolveConflict(SecretValue original, SecretValue mine, QString baseVersion,
                                  QString theirVersion);
    QCoro::Task<> runEditMetadata();

    QPointer<SecretPresenter> m_presenter;
    QPointer<AppSettings> m_settings;
    RollbackWorkflow* m_rollbacks;
};

} // namespace strongroom
