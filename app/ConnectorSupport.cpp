#include "ConnectorSupport.h"

#include "AppSettings.h"
#include "AuditLog.h"
#include "Workspace.h"

#include <QPointer>

namespace strongroom {

QCoro::Task<void> auditConnection(Workspace* workspace, QString connectionId, QString action,
                                  QString result, QString detail) {
    QPointer<AuditLog> log = workspace ? workspace->auditLog() : nullptr;
    if (!log) {
        co_return;
    }
    AuditRecord record;
    record.connection = std::move(connectionId);
    record.action = std::move(action);
    record.result = std::move(result);
    record.detail = std::move(detail);
    auto appending = log->append(std::move(record));
    co_await std::move(appending);
}

std::optional<ConnectionSettings> savedConnectionOf(const Workspace& workspace,
                                                    const QString& connectionId,
                                                    const QString& providerId, const QString& name,
                                                    const QString& article, QString* error) {
    for (const auto& saved : workspace.savedConnections()) {
        if (saved.id != connectionId) {
            continue;
        }
        if (saved.providerId != providerId) {
            if (error) {
                *error = QStringLiteral("connection '%1' is not %2 %3 connection (%4)")
                             .arg(connectionId, article, name, saved.providerId);
            }
            return std::nullopt;
        }
        return saved;
    }
    if (error) {
        *error = QStringLiteral("no %1 connection '%2'").arg(name, connectionId);
    }
    return std::nullopt;
}

void closeConnection(Workspace& workspace, const QString& connectionId, bool forget) {
    // removeConnection forgets the saved spec too; a plain log out keeps it.
    auto saved = workspace.savedConnections();
    workspace.removeConnection(connectionId);
    if (forget) {
        saved.removeIf([&](const ConnectionSettings& entry) { return entry.id == connectionId; });
    }
    workspace.settings()->setConnections(saved);
    workspace.settings()->sync();
}

} // namespace strongroom
