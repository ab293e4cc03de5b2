#include "SecretWorkflows.h"

#include "AppSettings.h"
#include "ChangeReapply.h"
#include "ConflictDialog.h"
#include "DialogAnswers.h"
#include "MetadataEditorDialog.h"
#include "NewSecretDialog.h"
#include "RollbackWorkflow.h"
#include "SecretEditorDialog.h"
#include "SecretFieldsModel.h"
#include "SecretPresenter.h"
#include "VersionsModel.h"

#include <QCoroSignal>
#include <QWidget>

namespace strongroom {

SecretWorkflows::SecretWorkflows(SecretPresenter* presenter, AppSettings* settings, QWidget* window)
    : OperatorWorkflow(window, window)
    , m_presenter(presenter)
    , m_settings(settings)
    , m_rollbacks(new RollbackWorkflow(presenter, settings, window, this)) {
    connect(m_rollbacks, &RollbackWorkflow::failed, this, &SecretWorkflows::failed);
    connect(m_rollbacks, &RollbackWorkflow::done, this, &SecretWorkflows::done);
}

void SecretWorkflows::newSecret(const QString& connectionId, const QString& folder) {
    runNewSecret(connectionId, folder);
}
void SecretWorkflows::edit() {
    runEdit();
}
void SecretWorkflows::rollback(const QString& targetVersion) {
    m_rollbacks->rollback(targetVersion);
}
void SecretWorkflows::deleteVersions(const QStringList& chosen) {
    if (!m_presenter || !m_presenter->hasSecret()) {
        return;
    }
    const QStringList versions =
        chosen.isEmpty() ? QStringList{m_presenter->versions()->currentVersionId()} : chosen;
    const QString list = versions.join(QStringLiteral(", "));
    confirmCallReport(
        confirmed(window(), tr("Delete versions"),
                  tr("Delete version(s) %1 of %2? They can be undeleted later.")
                      .arg(list, m_presenter->ref().path),
                  versions.size() == 1 ? tr("Delete version") : tr("Delete versions")),
        [this, versions] { return m_presenter->deleteVersions(versions); },
        tr("Deleted version(s) %1").arg(list));
}

void SecretWorkflows::undeleteVersions(const QStringList& versions) {
    if (!m_presenter || !m_presenter->hasSecret() || versions.isEmpty()) {
        return;
    }
    confirmCallReport(
        noQuestionAsked(), [this, versions] { return m_presenter->undeleteVersions(versions); },
        tr("Undeleted version(s) %1").arg(versions.join(QStringLiteral(", "))));
}

void SecretWorkflows::destroyVersions(const QStringList& versions) {
    if (!m_presenter || !m_presenter->hasSecret() || versions.isEmpty()) {
        return;
    }
    const QString list = versions.join(QStringLiteral(", "));
    confirmCallReport(
        typedConfirmed(window(), tr("Destroy versions"),
                       tr("Version(s) %1 of %2 will be destroyed for good. This cannot be undone.")
                           .arg(list, m_presenter->ref().path),
                       m_presenter->ref().name(), tr("Destroy versions")),
        [this, versions] { return m_presenter->destroyVersions(versions); },
        tr("Destroyed version(s) %1").arg(list));
}

void SecretWorkflows::setVersionsEnabled(const QStringList& versions, bool enabled) {
    if (!m_presenter || !m_presenter->hasSecret() || versions.isEmpty()) {
        return;
    }
    const QString list = versions.join(QStringLiteral(", "));
    confirmCallReport(
        enabled ? noQuestionAsked()
                : confirmed(window(), tr("Disable versions"),
                            tr("Disable version(s) %1 of %2?").arg(list, m_presenter->ref().path),
                            tr("Disable"),
                            tr("Nothing can read a disabled version until it is enabled again; "
                               "its value is kept.")),
        [this, versions, enabled] { return m_presenter->setVersionsEnabled(versions, enabled); },
        enabled ? tr("Enabled version(s) %1").arg(list) : tr("Disabled version(s) %1").arg(list));
}

void SecretWorkflows::editMetadata() {
    runEditMetadata();
}

QCoro::Task<> SecretWorkflows::runNewSecret(QString connectionId, QString folder) {
    QPointer<SecretWorkflows> self(this);
    // Deleted by us once read: with WA_DeleteOnClose it could be gone before we resume.
    QPointer<NewSecretDialog> dialog = new NewSecretDialog(folder, window());
    auto answerTask = answerOf(dialog);
    const int answer = co_await answerTask;
    if (!self || !dialog) {
        co_return;
    }
    dialog->deleteLater();
    if (answer != QDialog::Accepted || !m_presenter) {
        co_return;
    }
    const QString path = dialog->path();
    auto createTask = m_presenter->create(connectionId, path, dialog->value());
    auto created = co_await createTask;
    if (!self) {
        co_return;
    }
    if (!created.ok()) {
        Q_EMIT failed(created.error().message());
        co_return;
    }
    Q_EMIT secretCreated(connectionId, path);
}

QCoro::Task<> SecretWorkflows::runEdit() {
    QPointer<SecretWorkflows> self(this);
    if (!m_presenter || !m_presenter->hasSecret() || !m_presenter->fields()->hasValue()) {
        co_return;
    }
    SecretValue original = m_presenter->fields()->value();
    QPointer<SecretEditorDialog> dialog =
        new SecretEditorDialog(m_settings, m_presenter->ref().path, m_presenter->shownVersion(),
                               m_presenter->fields()->value(), window());
    auto answerTask = answerOf(dialog);
    const int answer = co_await answerTask;
    if (!self || !dialog) {
        co_return;
    }
    dialog->deleteLater();
    if (answer != QDialog::Accepted || !m_presenter) {
        co_return;
    }
    SecretValue mine = dialog->editedValue();
    const QString base = dialog->baseVersion();
    auto saveTask = m_presenter->save(mine, base);
    auto saved = co_await saveTask;
    if (!self) {
        co_return;
    }
    if (!saved.ok() && saved.error().kind() == BackendError::Kind::Conflict) {
        auto resolveTask = resolveConflict(std::move(original), std::move(mine), base,
                                           saved.error().currentVersion());
        co_await resolveTask;
        co_return;
    }
    if (!saved.ok()) {
        Q_EMIT failed(saved.error().message());
        co_return;
    }
    Q_EMIT done(tr("Saved version %1").arg(saved->newVersion));
}

QCoro::Task<> SecretWorkflows::resolveConflict(SecretValue original, SecretValue mine,
                                               QString baseVersion, QString theirVersion) {
    QPointer<SecretWorkflows> self(this);
    if (!m_presenter) {
        co_return;
    }
    auto theirsTask = m_presenter->readVersion(theirVersion);
    auto theirs = co_await theirsTask;
    if (!self || !m_presenter) {
        co_return;
    }
    if (!theirs.ok()) {
        Q_EMIT failed(theirs.error().message());
        co_return;
    }
    QPointer<ConflictDialog> dialog =
        new ConflictDialog(m_settings, m_presenter->ref().path, baseVersion, theirVersion,
                           SecretDiff::between(original, theirs.value()),
                           SecretDiff::between(original, mine), window());
    dialog->open();
    auto chosen = qCoro(dialog.data(), &ConflictDialog::chosen);
    const ConflictDialog::Choice choice = co_await chosen;
    if (dialog) {
        dialog->deleteLater();
    }
    if (!self || !m_presenter) {
        co_return;
    }
    if (choice == ConflictDialog::Choice::DiscardMine) {
        m_presenter->reload();
        Q_EMIT done(tr("Discarded your change; showing version %1").arg(theirVersion));
        co_return;
    }
    if (choice != ConflictDialog::Choice::ReapplyMine) {
        co_return;
    }
    // My keys applied onto their version (their other changes kept), guarded again: a third
    // writer gets the same dialog.
    const ChangeReapply reapplied = ChangeReapply::onto(original, mine, theirs.value());
    auto saveTask = m_presenter->save(reapplied.merged, theirVersion);
    auto saved = co_await saveTask;
    if (!self) {
        co_return;
    }
    if (!saved.ok()) {
        Q_EMIT failed(saved.error().message());
        co_return;
    }
    if (reapplied.overriddenKeys.isEmpty()) {
        Q_EMIT done(tr("Saved version %1: your change on top of version %2")
                        .arg(saved->newVersion, theirVersion));
    } else {
        Q_EMIT done(tr("Saved version %1 on top of version %2; your value replaced theirs for: %3")
                        .arg(saved->newVersion, theirVersion,
                             reapplied.overriddenKeys.join(QStringLiteral(", "))));
    }
}

QCoro::Task<> SecretWorkflows::runEditMetadata() {
    QPointer<SecretWorkflows> self(this);
    if (!m_presenter || !m_presenter->hasSecret()) {
        co_return;
    }
    QPointer<MetadataEditorDialog> dialog =
        new MetadataEditorDialog(m_presenter->ref().path, m_presenter->metadata(), window());
    auto answerTask = answerOf(dialog);
    const int answer = co_await answerTask;
    if (!self || !dialog) {
        co_return;
    }
    dialog->deleteLater();
    QString problem;
    const auto update = dialog->update(&problem);
    if (answer != QDialog::Accepted || !update || !m_presenter) {
        co_return;
    }
    auto updating = m_presenter->updateMetadata(*update);
    auto updated = co_await updating;
    if (!self) {
        co_return;
    }
    if (!updated.ok()) {
        Q_EMIT failed(updated.error().message());
        co_return;
    }
    Q_EMIT done(
        tr("Saved the metadata of %1").arg(m_presenter ? m_presenter->ref().path : QString()));
}

} // namespace strongroom
