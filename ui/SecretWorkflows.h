#pragma once

#include "SecretValue.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>

class QWidget;

namespace strongroom {

class AppSettings;
class RollbackWorkflow;
class SecretPresenter;

// The operator flows that need a dialog before they touch the store: create, edit (diff before
// save, conflict dialog on a lost race), roll back (preview + confirm), delete and destroy
// (typed name), delete the whole secret (typed name), undelete, edit metadata. Dialogs are opened
// with open() and awaited as signals, never with exec().
class SecretWorkflows : public QObject {
    Q_OBJECT
public:
    SecretWorkflows(SecretPresenter* presenter, AppSettings* settings, QWidget* window);

    void newSecret(const QString& connectionId, const QString& folder);
    void edit();
    // Preview, confirm, roll back; rollbacks() then offers the undo.
    void rollback(const QString& targetVersion);
    RollbackWorkflow* rollbacks() const { return m_rollbacks; }
    void deleteCurrentVersion();
    // Soft-deletes `versions` (the current one when empty), after a confirmation.
    void deleteVersions(const QStringList& versions);
    void undeleteVersions(const QStringList& versions);
    void destroyVersions(const QStringList& versions);
    // Removes the secret with every version and its metadata (typed confirmation).
    void deleteSecret();
    void editMetadata();

Q_SIGNALS:
    void failed(const QString& message);
    // A secret was created; the tree should show it.
    void secretCreated(const QString& connectionId, const QString& path);
    void done(const QString& message);

private:
    QCoro::Task<> runNewSecret(QString connectionId, QString folder);
    QCoro::Task<> runEdit();
    QCoro::Task<> resolveConflict(SecretValue original, SecretValue mine, QString baseVersion,
                                  QString theirVersion);
    QCoro::Task<> runDelete(QStringList versions);
    QCoro::Task<> runUndelete(QStringList versions);
    QCoro::Task<> runDeleteSecret();
    QCoro::Task<> runEditMetadata();
    QCoro::Task<> runDestroy(QStringList versions);

    QPointer<SecretPresenter> m_presenter;
    QPointer<AppSettings> m_settings;
    QPointer<QWidget> m_window;
    RollbackWorkflow* m_rollbacks;
};

} // namespace strongroom
