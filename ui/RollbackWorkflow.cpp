#include "RollbackWorkflow.h"

#include "AppSettings.h"
#include "AuditActions.h"
#include "Connection.h"
#include "DialogAnswers.h"
#include "LabelMoves.h"
#include "RollbackDialog.h"
#include "SecretPresenter.h"
#include "VersionsModel.h"

#include <QCoroSignal>
#include <QWidget>

#include <chrono>

namespace strongroom {

namespace {
QList<VersionInfo> versionsShown(const SecretPresenter* presenter) {
    QList<VersionInfo> versions;
    const VersionsModel* model = presenter->versions();
    for (int row = 0; row < model->rowCount(); ++row) {
        versions << *model->versionAt(row);
    }
    return versions;
}

bool shows(const SecretPresenter* presenter, const QString& connectionId, const QString& path) {
    return presenter && presenter->connection() && presenter->connection()->id() == connectionId &&
           presenter->ref().path == path;
}
} // namespace

RollbackWorkflow::RollbackWorkflow(SecretPresenter* presenter, AppSettings* settings,
                                   QWidget* window, QObject* parent)
    : QObject(parent)
    , m_presenter(presenter)
    , m_settings(settings)
    , m_window(window) {
    // The undo belongs to the secret it was made on: opening another one drops it.
    connect(presenter, &SecretPresenter::secretChanged, this, [this] {
        if (m_undo && !shows(m_presenter, m_undo->connectionId, m_undo->path)) {
            setUndo(std::nullopt);
        }
    });
}

void RollbackWorkflow::rollback(const QString& targetVersion) {
    runRollback(targetVersion);
}

void RollbackWorkflow::undo() {
    if (m_undo && !m_running) {
        runUndo(*m_undo);
    }
}

void RollbackWorkflow::setUndo(std::optional<RollbackUndo> undo) {
    const bool was = m_undo.has_value();
    m_undo = std::move(undo);
    if (was != m_undo.has_value() || m_undo) {
        Q_EMIT undoAvailableChanged(m_undo.has_value());
    }
}

QCoro::Task<> RollbackWorkflow::runRollback(QString targetVersion) {
    QPointer<RollbackWorkflow> self(this);
    const VersionInfo* target =
        m_presenter
            ? m_presenter->versions()->versionAt(m_presenter->versions()->rowOf(targetVersion))
            : nullptr;
    if (!target || !m_presenter->connection()) {
        co_return;
    }
    if (target->marks.testFlag(VersionMark::Destroyed)) {
        Q_EMIT failed(tr("Version %1 was destroyed: its value is gone and cannot be restored.")
                          .arg(targetVersion));
        co_return;
    }
    if (target->marks.testFlag(VersionMark::Deleted)) {
        auto undeleting = makeReadable(targetVersion);
        const bool readable = co_await undeleting;
        if (!self || !readable || !m_presenter) {
            co_return;
        }
        target = m_presenter->versions()->versionAt(m_presenter->versions()->rowOf(targetVersion));
        if (!target) {
            co_return;
        }
    }
    const QString connectionId = m_presenter->connection()->id();
    const QString path = m_presenter->ref().path;
    // Not deleted on close: the preview may arrive after the operator already answered.
    QPointer<RollbackDialog> dialog = new RollbackDialog(m_settings, path, *target, m_window);
    dialog->open();
    auto previewTask = m_presenter->previewRollback(targetVersion);
    auto preview = co_await previewTask;
    if (!self || !dialog) {
        co_return;
    }
    if (preview.ok()) {
        dialog->setPreview(preview.value());
    } else {
        dialog->setPreviewError(preview.error().message());
    }
    int answer = dialog->result();
    if (dialog->isVisible()) {
        auto finished = qCoro(dialog.data(), &QDialog::finished);
        answer = co_await finished;
    }
    if (!self || !dialog) {
        co_return;
    }
    dialog->deleteLater();
    if (answer != QDialog::Accepted || !dialog->preview() ||
        !shows(m_presenter, connectionId, path)) {
        co_return;
    }
    const QString guard = dialog->preview()->currentVersion;
    const QList<VersionInfo> before = versionsShown(m_presenter);
    m_running = true;
    auto rollbackTask = m_presenter->rollback(targetVersion, guard);
    auto rolledBack = co_await rollbackTask;
    if (!self) {
        co_return;
    }
    m_running = false;
    if (!rolledBack.ok()) {
        Q_EMIT failed(rolledBack.error().message());
        co_return;
    }
    const QString newCurrent = rolledBack->newVersion;
    setUndo(RollbackUndo{connectionId, path, guard, newCurrent});
    auto describing = labelMovesAfterReload(connectionId, path, before);
    const QString moves = co_await std::move(describing);
    if (!self) {
        co_return;
    }
    Q_EMIT done(moves.isEmpty()
                    ? tr("Rolled back to version %1 as version %2").arg(targetVersion, newCurrent)
                    : tr("Rolled back: %1").arg(moves));
}

QCoro::Task<> RollbackWorkflow::runUndo(RollbackUndo undo) {
    QPointer<RollbackWorkflow> self(this);
    if (!shows(m_presenter, undo.connectionId, undo.path)) {
        setUndo(std::nullopt);
        co_return;
    }
    m_running = true;
    const QList<VersionInfo> before = versionsShown(m_presenter);
    auto undoing =
        m_presenter->rollback(undo.previousCurrent, undo.newCurrent, actions::undoRollback());
    auto undone = co_await std::move(undoing);
    if (!self) {
        co_return;
    }
    m_running = false;
    if (!undone.ok()) {
        if (undone.error().kind() == BackendError::Kind::Conflict) {
            // Someone changed the secret since: the undo would throw their change away.
            setUndo(std::nullopt);
            Q_EMIT failed(tr("Cannot undo the rollback of %1: it changed since (version %2 is "
                             "current now, not %3). Nothing was changed.")
                              .arg(undo.path, undone.error().currentVersion(), undo.newCurrent));
        } else {
            Q_EMIT failed(tr("Could not undo the rollback: %1").arg(undone.error().message()));
        }
        co_return;
    }
    setUndo(std::nullopt);
    auto describing = labelMovesAfterReload(undo.connectionId, undo.path, before);
    const QString moves = co_await std::move(describing);
    if (!self) {
        co_return;
    }
    Q_EMIT done(moves.isEmpty() ? tr("Undid the rollback: version %1's value is current again "
                                     "as version %2")
                                      .arg(undo.previousCurrent, undone->newVersion)
                                : tr("Undid the rollback: %1").arg(moves));
}

QCoro::Task<QString> RollbackWorkflow::labelMovesAfterReload(QString connectionId, QString path,
                                                             QList<VersionInfo> before) {
    QPointer<RollbackWorkflow> self(this);
    if (!m_presenter) {
        co_return QString();
    }
    // The presenter reloads after every change it makes; its versions are in once it is loaded.
    if (m_presenter->isBusy()) {
        auto reloaded =
            qCoro(m_presenter.data(), &SecretPresenter::loaded, std::chrono::seconds(30));
        co_await std::move(reloaded);
    }
    if (!self || !shows(m_presenter, connectionId, path)) {
        co_return QString();
    }
    co_return LabelMoves::describe(before, versionsShown(m_presenter));
}

QCoro::Task<bool> RollbackWorkflow::makeReadable(QString version) {
    QPointer<RollbackWorkflow> self(this);
    auto asking = confirmed(
        m_window, tr("Version is deleted"),
        tr("Version %1 of %2 is deleted, so its value cannot be read for the rollback. Undelete "
           "it first, then preview the rollback?")
            .arg(version, m_presenter->ref().path),
        tr("Undelete and continue"));
    const bool yes = co_await std::move(asking);
    if (!self || !yes || !m_presenter) {
        co_return false;
    }
    auto undeleting = m_presenter->undeleteVersions({version});
    auto undeleted = co_await undeleting;
    if (!self || !m_presenter) {
        co_return false;
    }
    if (!undeleted.ok()) {
        Q_EMIT failed(undeleted.error().message());
        co_return false;
    }
    // The presenter reloads the versions after the undelete; wait for them.
    auto reloaded = qCoro(m_presenter.data(), &SecretPresenter::loaded);
    co_await reloaded;
    co_return !self.isNull() && !m_presenter.isNull();
}

} // namespace strongroom
