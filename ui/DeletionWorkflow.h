#pragma once

#include "OperatorWorkflow.h"

#include <QCoroTask>
#include <QPointer>

class QWidget;

namespace strongroom {

class DeletedSecretsDialog;
class Workspace;

// Deleting whole secrets and the bin, for any store, from its DeletionRules and Capabilities:
// how to delete (DeleteSecretDialog when the store offers a choice), the typed name, the audited
// call (DeletionService); the bin of a connection (DeletedSecretsDialog) with restore (asked)
// and purge (typed name, loud warning). The outcome is reported through done() / failed().
class DeletionWorkflow : public OperatorWorkflow {
    Q_OBJECT
public:
    DeletionWorkflow(Workspace* workspace, QWidget* window, QObject* parent = nullptr);

    void deleteSecret(const QString& connectionId, const QString& path);
    DeletedSecretsDialog* showBin(const QString& connectionId);

    // Asked over `over` (the bin's dialog); true once done.
    QCoro::Task<bool> restore(QString connectionId, QString path, QWidget* over);
    QCoro::Task<bool> purge(QString connectionId, QString path, QWidget* over);

Q_SIGNALS:
    // The secret left the listing (into the bin, or for good).
    void secretDeleted(const QString& connectionId, const QString& path);
    void secretRestored(const QString& connectionId, const QString& path);

private:
    QCoro::Task<> runDelete(QString connectionId, QString path);
    QString nameOf(const QString& connectionId) const;

    QPointer<Workspace> m_workspace;
};

} // namespace strongroom
