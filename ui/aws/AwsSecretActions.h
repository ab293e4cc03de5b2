#pragma once

#include <QCoroTask>
#include <QObject>
#include <QPointer>

class QMenu;
class QWidget;

namespace strongroom {

class AwsSecretOperations;
class RotationDialog;
class ScheduledDeletionsDialog;
class Workspace;

// The AWS actions of a connection's and a secret's context menu, and of the toolbar's Rotate and
// Delete secret on an AWS secret: Rotation… (RotationDialog), Delete secret… with a recovery
// window or a forced delete (each confirmed by typing the name), Scheduled for deletion… with
// Restore. Each call is audited through AwsSecretOperations.
class AwsSecretActions : public QObject {
    Q_OBJECT
public:
    AwsSecretActions(Workspace* workspace, QWidget* window, QObject* parent = nullptr);

    // `path` is the secret's name, a folder ("team/") or empty for the connection itself.
    void addMenuActions(QMenu* menu, const QString& connectionId, const QString& path);

    RotationDialog* openRotation(const QString& connectionId, const QString& secretName);
    void deleteSecret(const QString& connectionId, const QString& secretName);
    ScheduledDeletionsDialog* showScheduledDeletions(const QString& connectionId);

Q_SIGNALS:
    void message(const QString& text);
    // The secret's versions or labels changed (rotation, cleared label): re-read it if shown.
    void secretChanged(const QString& connectionId, const QString& secretName);
    // The secret is gone from the listing (scheduled or forced deletion).
    void secretDeleted(const QString& connectionId, const QString& secretName);
    void secretRestored(const QString& connectionId, const QString& secretName);

private:
    QCoro::Task<> runDelete(QString connectionId, QString secretName);
    AwsSecretOperations* operationsFor(const QString& connectionId, QObject* owner);
    QString nameOf(const QString& connectionId) const;

    QPointer<Workspace> m_workspace;
    QPointer<QWidget> m_window;
};

} // namespace strongroom
