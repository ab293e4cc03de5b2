#include "DeletionWorkflow.h"

#include "DeletedSecretsDialog.h"
#include "DeleteSecretDialog.h"
#include "DeletionService.h"
#include "DialogAnswers.h"
#include "SecretService.h"
#include "Workspace.h"

#include <QWidget>

namespace strongroom {

namespace {
QCoro::Task<Status> notOpen(QString connectionId) {
    co_return BackendError(BackendError::Kind::InvalidInput,
                           DeletionWorkflow::tr("%1 is not open").arg(connectionId));
}

// The typed confirmation's words for how the secret is deleted.
QString consequence(const QString& path, const QString& connection, const DeletionRules& rules,
                    const DeleteOptions& options) {
    if (options.force) {
        return DeletionWorkflow::tr("DELETE FOR GOOD: %1 and every version are removed from %2 at "
                                    "once. There is no recovery window and no restore.")
            .arg(path, connection);
    }
    if (!rules.hasBin) {
        QString text = DeletionWorkflow::tr("%1 will be removed from %2 with every version and its "
                                            "metadata. This cannot be undone.")
                           .arg(path, connection);
        return rules.note.isEmpty() ? text : text + QStringLiteral("\n\n") + rules.note;
    }
    const int days = options.recoveryDays > 0 ? options.recoveryDays : rules.defaultRecoveryDays;
    return days > 0 ? DeletionWorkflow::tr("%1 goes to the bin of %2 for %n day(s); until then it "
                                           "can be restored from Deleted secrets.",
                                           nullptr, days)
                          .arg(path, connection)
                    : DeletionWorkflow::tr("%1 goes to the bin of %2 for the store's recovery "
                                           "window; until then it can be restored from Deleted "
                                           "secrets.")
                          .arg(path, connection);
}

QString success(const QString& path, const DeletionRules& rules, const DeleteOptions& options) {
    if (options.force) {
        return DeletionWorkflow::tr("Deleted %1 for good (no recovery)").arg(path);
    }
    if (!rules.hasBin) {
        return DeletionWorkflow::tr("Deleted %1 with every version").arg(path);
    }
    return DeletionWorkflow::tr("Moved %1 to the bin; restore it from Deleted secrets until it "
                                "goes for good")
        .arg(path);
}
} // namespace

DeletionWorkflow::DeletionWorkflow(Workspace* workspace, QWidget* window, QObject* parent)
    : OperatorWorkflow(window, parent)
    , m_workspace(workspace) {}

QString DeletionWorkflow::nameOf(const QString& connectionId) const {
    const Connection* connection = m_workspace ? m_workspace->connection(connectionId) : nullptr;
    return connection ? connection->displayName() : connectionId;
}

void DeletionWorkflow::deleteSecret(const QString& connectionId, const QString& path) {
    runDelete(connectionId, path);
}

QCoro::Task<> DeletionWorkflow::runDelete(QString connectionId, QString path) {
    QPointer<DeletionWorkflow> self(this);
    Connection* connection = m_workspace ? m_workspace->connection(connectionId) : nullptr;
    if (!connection) {
        co_return;
    }
    const SecretRef ref{path};
    // What this credential may do on the secret decides whether "without recovery" is offered.
    auto checking = m_workspace->secrets()->capabilities(connection, ref);
    const auto capabilities = co_await std::move(checking);
    if (!self || !m_workspace || !m_workspace->connection(connectionId)) {
        co_return;
    }
    const bool canPurge = capabilities.ok() && capabilities->can(Capability::PurgeSecret);
    const DeletionRules rules = DeletionService::rulesOf(m_workspace->connection(connectionId));
    DeleteOptions options;
    if (DeleteSecretDialog::offersChoice(rules, canPurge)) {
        QPointer<DeleteSecretDialog> choice =
            new DeleteSecretDialog(path, nameOf(connectionId), rules, canPurge, window());
        auto choosing = answerOf(choice);
        const int chosen = co_await std::move(choosing);
        if (!self || !choice) {
            co_return;
        }
        choice->deleteLater();
        if (chosen != QDialog::Accepted) {
            co_return;
        }
        options = choice->options();
    }
    auto deleting = confirmCallReport(
        typedConfirmed(window(), options.force ? tr("Delete secret for good") : tr("Delete secret"),
                       consequence(path, nameOf(connectionId), rules, options), ref.name(),
                       options.force ? tr("Delete for good") : tr("Delete secret")),
        [this, connectionId, ref, options] {
            Connection* open = m_workspace ? m_workspace->connection(connectionId) : nullptr;
            return open ? m_workspace->deletions()->deleteSecret(open, ref, options)
                        : notOpen(connectionId);
        },
        success(path, rules, options));
    const bool deleted = co_await std::move(deleting);
    if (self && deleted) {
        Q_EMIT secretDeleted(connectionId, path);
    }
}

DeletedSecretsDialog* DeletionWorkflow::showBin(const QString& connectionId) {
    if (!m_workspace || !m_workspace->connection(connectionId)) {
        return nullptr;
    }
    auto* dialog = new DeletedSecretsDialog(m_workspace, this, connectionId, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

QCoro::Task<bool> DeletionWorkflow::restore(QString connectionId, QString path, QWidget* over) {
    QPointer<DeletionWorkflow> self(this);
    auto restoring = confirmCallReport(
        confirmed(over, tr("Restore secret"), tr("Restore %1 from the bin?").arg(path),
                  tr("Restore"), tr("It is listed and readable again with every version it had.")),
        [this, connectionId, path] {
            Connection* open = m_workspace ? m_workspace->connection(connectionId) : nullptr;
            return open ? m_workspace->deletions()->restore(open, SecretRef{path})
                        : notOpen(connectionId);
        },
        tr("Restored %1").arg(path));
    const bool restored = co_await std::move(restoring);
    if (self && restored) {
        Q_EMIT secretRestored(connectionId, path);
    }
    co_return restored;
}

QCoro::Task<bool> DeletionWorkflow::purge(QString connectionId, QString path, QWidget* over) {
    const SecretRef ref{path};
    auto purging = confirmCallReport(
        typedConfirmed(over, tr("Purge secret"),
                       tr("%1 is removed from the bin of %2.").arg(path, nameOf(connectionId)),
                       ref.name(), tr("Purge"),
                       tr("PURGE: the secret and every version are gone for good. It cannot be "
                          "restored afterwards.")),
        [this, connectionId, ref] {
            Connection* open = m_workspace ? m_workspace->connection(connectionId) : nullptr;
            return open ? m_workspace->deletions()->purge(open, ref) : notOpen(connectionId);
        },
        tr("Purged %1 for good").arg(path));
    co_return co_await std::move(purging);
}

} // namespace strongroom
