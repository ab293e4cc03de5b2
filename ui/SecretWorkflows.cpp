#include "SecretWorkflows.h"

#include "AppSettings.h"
#include "NewSecretDialog.h"
#include "SecretEditorDialog.h"
#include "SecretFieldsModel.h"
#include "SecretPresenter.h"
#include "TypedConfirmationDialog.h"
#include "VersionsModel.h"

#include <QAbstractButton>
#include <QCoroSignal>
#include <QMessageBox>
#include <QWidget>

namespace strongroom {

namespace {
// Awaits a dialog opened window-modal with open(): the event loop keeps running meanwhile.
QCoro::Task<int> answerOf(QDialog* dialog) {
    dialog->open();
    auto finished = qCoro(dialog, &QDialog::finished);
    const int result = co_await finished;
    co_return result;
}
} // namespace

SecretWorkflows::SecretWorkflows(SecretPresenter* presenter, AppSettings* settings, QWidget* window)
    : QObject(window)
    , m_presenter(presenter)
    , m_settings(settings)
    , m_window(window) {}

void SecretWorkflows::newSecret(const QString& connectionId, const QString& folder) {
    runNewSecret(connectionId, folder);
}
void SecretWorkflows::edit() {
    runEdit();
}
void SecretWorkflows::rollback(const QString& targetVersion) {
    runRollback(targetVersion);
}
void SecretWorkflows::deleteCurrentVersion() {
    runDeleteCurrent();
}
void SecretWorkflows::destroyVersions(const QStringList& versions) {
    runDestroy(versions);
}

QCoro::Task<> SecretWorkflows::runNewSecret(QString connectionId, QString folder) {
    QPointer<SecretWorkflows> self(this);
    QPointer<NewSecretDialog> dialog = new NewSecretDialog(folder, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto answerTask = answerOf(dialog);
    const int answer = co_await answerTask;
    if (!self || !dialog || answer != QDialog::Accepted || !m_presenter) {
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
    QPointer<SecretEditorDialog> dialog =
        new SecretEditorDialog(m_settings, m_presenter->ref().path, m_presenter->shownVersion(),
                               m_presenter->fields()->value(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto answerTask = answerOf(dialog);
    const int answer = co_await answerTask;
    if (!self || !dialog || answer != QDialog::Accepted || !m_presenter) {
        co_return;
    }
    auto saveTask = m_presenter->save(dialog->editedValue(), dialog->baseVersion());
    auto saved = co_await saveTask;
    if (!self) {
        co_return;
    }
    if (!saved.ok()) {
        Q_EMIT failed(saved.error().message());
        co_return;
    }
    Q_EMIT done(tr("Saved version %1").arg(saved->newVersion));
}

QCoro::Task<> SecretWorkflows::runRollback(QString targetVersion) {
    Q_UNUSED(targetVersion);
    co_return;
}

QCoro::Task<> SecretWorkflows::runDeleteCurrent() {
    QPointer<SecretWorkflows> self(this);
    if (!m_presenter || !m_presenter->hasSecret()) {
        co_return;
    }
    const QString current = m_presenter->versions()->currentVersionId();
    QPointer<QMessageBox> box =
        new QMessageBox(QMessageBox::Question, tr("Delete version"),
                        tr("Delete version %1 of %2? It can be undeleted later.")
                            .arg(current, m_presenter->ref().path),
                        QMessageBox::Cancel, m_window);
    box->addButton(tr("Delete version"), QMessageBox::AcceptRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    auto clicked = qCoro(box.data(), &QMessageBox::buttonClicked);
    auto button = co_await clicked;
    if (!self || !box || !button || box->buttonRole(button) != QMessageBox::AcceptRole ||
        !m_presenter) {
        co_return;
    }
    auto deleteTask = m_presenter->deleteVersions({current});
    auto deleted = co_await deleteTask;
    if (self && !deleted.ok()) {
        Q_EMIT failed(deleted.error().message());
    }
}

QCoro::Task<> SecretWorkflows::runDestroy(QStringList versions) {
    QPointer<SecretWorkflows> self(this);
    if (!m_presenter || !m_presenter->hasSecret() || versions.isEmpty()) {
        co_return;
    }
    const QString name = m_presenter->ref().name();
    QPointer<TypedConfirmationDialog> dialog = new TypedConfirmationDialog(
        tr("Destroy versions"),
        tr("Version(s) %1 of %2 will be destroyed for good. This cannot be undone.")
            .arg(versions.join(QStringLiteral(", ")), m_presenter->ref().path),
        name, tr("Destroy versions"), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto answerTask = answerOf(dialog);
    const int answer = co_await answerTask;
    if (!self || answer != QDialog::Accepted || !m_presenter) {
        co_return;
    }
    auto destroyTask = m_presenter->destroyVersions(versions);
    auto destroyed = co_await destroyTask;
    if (!self) {
        co_return;
    }
    if (!destroyed.ok()) {
        Q_EMIT failed(destroyed.error().message());
        co_return;
    }
    Q_EMIT done(tr("Destroyed version(s) %1").arg(versions.join(QStringLiteral(", "))));
}

} // namespace strongroom
