#pragma once

#include "VersionInfo.h"

#include <QCoroTask>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

class QWidget;

namespace strongroom {

class AppSettings;
class SecretPresenter;

// What a rollback changed, so it can be undone: roll back again to the version that was
// current, guarded by the version the rollback made current.
struct RollbackUndo {
    QString connectionId;
    QString path;
    QString previousCurrent; // the version to go back to
    QString newCurrent;      // what the rollback made current: the undo's conflict guard
};

// Roll back the open secret to an older version: a deleted target is offered for undelete, the
// change is previewed as a diff and confirmed, then written with the store's conflict guard. On a
// store that moves labels the message says where they went ("AWSCURRENT moved from A to B;
// AWSPREVIOUS now on A"). Afterwards undo() rolls back to the version that was current, guarded
// by the one the rollback made current, on any store; it is offered until another secret opens.
class RollbackWorkflow : public QObject {
    Q_OBJECT
public:
    RollbackWorkflow(SecretPresenter* presenter, AppSettings* settings, QWidget* window,
                     QObject* parent = nullptr);

    void rollback(const QString& targetVersion);
    bool canUndo() const { return m_undo.has_value(); }
    const std::optional<RollbackUndo>& lastRollback() const { return m_undo; }
    void undo();

Q_SIGNALS:
    void failed(const QString& message);
    void done(const QString& message);
    void undoAvailableChanged(bool available);

private:
    QCoro::Task<> runRollback(QString targetVersion);
    QCoro::Task<> runUndo(RollbackUndo undo);
    // A deleted rollback target is offered for undelete first; true when it is readable now.
    QCoro::Task<bool> makeReadable(QString version);
    // Waits for the presenter's reload after a change and says how the labels moved (empty when
    // the store has none, or another secret is shown by then).
    QCoro::Task<QString> labelMovesAfterReload(QString connectionId, QString path,
                                               QList<VersionInfo> before);
    void setUndo(std::optional<RollbackUndo> undo);

    QPointer<SecretPresenter> m_presenter;
    QPointer<AppSettings> m_settings;
    QPointer<QWidget> m_window;
    std::optional<RollbackUndo> m_undo;
    bool m_running = false;
};

} // namespace strongroom
