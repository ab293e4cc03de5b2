#include "AwsSecretActions.h"

#include "AwsDeleteSecretDialog.h"
#include "AwsSecretOperations.h"
#include "Connection.h"
#include "DialogAnswers.h"
#include "RotationDialog.h"
#include "ScheduledDeletionsDialog.h"
#include "TypedConfirmationDialog.h"
#include "Workspace.h"

#include <QLocale>
#include <QMenu>
#include <QWidget>

namespace strongroom {

AwsSecretActions::AwsSecretActions(Workspace* workspace, QWidget* window, QObject* parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_window(window) {}

AwsSecretOperations* AwsSecretActions::operationsFor(const QString& connectionId, QObject* owner) {
    return new AwsSecretOperations(m_workspace, connectionId, owner);
}

QString AwsSecretActions::nameOf(const QString& connectionId) const {
    const Connection* connection = m_workspace ? m_workspace->connection(connectionId) : nullptr;
    return connection ? connection->displayName() : connectionId;
}

void AwsSecretActions::addMenuActions(QMenu* menu, const QString& connectionId,
                                      const QString& path) {
    const bool open = m_workspace && m_workspace->connection(connectionId);
    const bool secret = !path.isEmpty() && !path.endsWith(QLatin1Char('/'));
    if (secret) {
        QAction* rotation =
            menu->addAction(QIcon(QStringLiteral(":/icons/rotate.svg")), tr("R&otation…"));
        rotation->setEnabled(open);
        connect(rotation, &QAction::triggered, this,
                [this, connectionId, path] { openRotation(connectionId, path); });
        QAction* remove =
            menu->addAction(QIcon(QStringLiteral(":/icons/delete.svg")), tr("&Delete secret…"));
        remove->setEnabled(open);
        connect(remove, &QAction::triggered, this,
                [this, connectionId, path] { deleteSecret(connectionId, path); });
    }
    QAction* scheduled = menu->addAction(tr("&Scheduled for deletion…"));
    scheduled->setEnabled(open);
    connect(scheduled, &QAction::triggered, this,
            [this, connectionId] { showScheduledDeletions(connectionId); });
}

RotationDialog* AwsSecretActions::openRotation(const QString& connectionId,
                                               const QString& secretName) {
    // The dialog owns its operations: they go when it closes.
    AwsSecretOperations* operations = operationsFor(connectionId, this);
    auto* rotation = new RotationDialog(operations, secretName, m_window);
    operations->setParent(rotation);
    rotation->setAttribute(Qt::WA_DeleteOnClose);
    connect(rotation, &RotationDialog::changed, this, [this, connectionId](const QString& name) {
        Q_EMIT secretChanged(connectionId, name);
    });
    rotation->open();
    return rotation;
}

void AwsSecretActions::deleteSecret(const QString& connectionId, const QString& secretName) {
    runDelete(connectionId, secretName);
}

QCoro::Task<> AwsSecretActions::runDelete(QString connectionId, QString secretName) {
    QPointer<AwsSecretActions> self(this);
    QPointer<AwsDeleteSecretDialog> choice = new AwsDeleteSecretDialog(secretName, m_window);
    auto choosing = answerOf(choice);
    const int chosen = co_await std::move(choosing);
    if (!self || !choice) {
        co_return;
    }
    choice->deleteLater();
    if (chosen != QDialog::Accepted) {
        co_return;
    }
    const bool force = choice->forceDelete();
    const int days = choice->recoveryDays();
    // The name alone (after the last '/') is typed, as for every other destructive action.
    const QString typed = secretName.section(QLatin1Char('/'), -1);
    QPointer<TypedConfirmationDialog> confirm = new TypedConfirmationDialog(
        force ? tr("Force delete secret") : tr("Delete secret"),
        force ? tr("FORCE DELETE: %1 and every version are destroyed at once on %2. There is no "
                   "recovery window and no restore.")
                    .arg(secretName, nameOf(connectionId))
              : tr("%1 is scheduled for deletion in %2 days; until then it can be restored from "
                   "Scheduled for deletion.")
                    .arg(secretName)
                    .arg(days),
        typed, force ? tr("Force delete") : tr("Schedule deletion"), m_window);
    auto confirming = answerOf(confirm);
    const int answer = co_await std::move(confirming);
    if (confirm) {
        confirm->deleteLater();
    }
    if (!self || answer != QDialog::Accepted) {
        co_return;
    }
    auto* operations = operationsFor(connectionId, this);
    if (force) {
        auto deleting = operations->forceDelete(secretName);
        auto deleted = co_await std::move(deleting);
        if (!self) {
            co_return;
        }
        operations->deleteLater();
        if (!deleted.ok()) {
            Q_EMIT message(
                tr("Could not delete %1: %2").arg(secretName, deleted.error().message()));
            co_return;
        }
        Q_EMIT message(tr("Deleted %1 for good (no recovery)").arg(secretName));
    } else {
        auto scheduling = operations->scheduleDeletion(secretName, days);
        auto scheduled = co_await std::move(scheduling);
        if (!self) {
            co_return;
        }
        operations->deleteLater();
        if (!scheduled.ok()) {
            Q_EMIT message(
                tr("Could not delete %1: %2").arg(secretName, scheduled.error().message()));
            co_return;
        }
        Q_EMIT message(tr("%1 is scheduled for deletion on %2; restore it from Scheduled for "
                          "deletion until then")
                           .arg(secretName, QLocale().toString(scheduled->toLocalTime(),
                                                               QLocale::ShortFormat)));
    }
    Q_EMIT secretDeleted(connectionId, secretName);
}

ScheduledDeletionsDialog* AwsSecretActions::showScheduledDeletions(const QString& connectionId) {
    AwsSecretOperations* operations = operationsFor(connectionId, this);
    auto* dialog = new ScheduledDeletionsDialog(operations, nameOf(connectionId), m_window);
    operations->setParent(dialog);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ScheduledDeletionsDialog::restored, this,
            [this, connectionId](const QString& name) {
                Q_EMIT secretRestored(connectionId, name);
                Q_EMIT message(tr("Restored %1").arg(name));
            });
    dialog->open();
    return dialog;
}

} // namespace strongroom
