#include "StoreConnector.h"

#include "AppSettings.h"
#include "AuditLog.h"
#include "Connection.h"
#include "ProviderRegistry.h"
#include "Workspace.h"

namespace strongroom {

StoreConnector::StoreConnector(Workspace* workspace, QString providerId, QObject* parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_providerId(std::move(providerId)) {}

StoreConnector::~StoreConnector() = default;

Workspace* StoreConnector::workspace() const {
    return m_workspace;
}

QString StoreConnector::storeName() const {
    const ProviderDescription* description = ProviderRegistry::builtin().find(m_providerId);
    return description ? description->displayName : m_providerId;
}

bool StoreConnector::handles(const QString& connectionId) const {
    if (!m_workspace) {
        return false;
    }
    if (const Connection* open = m_workspace->connection(connectionId)) {
        return open->providerId() == m_providerId;
    }
    return savedSettings(connectionId).has_value();
}

QList<ConnectionSettings> StoreConnector::closedSavedConnections() const {
    QList<ConnectionSettings> closed;
    if (!m_workspace) {
        return closed;
    }
    for (const auto& saved : m_workspace->savedConnections()) {
        if (saved.providerId == m_providerId && !m_workspace->connection(saved.id)) {
            closed.append(saved);
        }
    }
    return closed;
}

QCoro::Task<void> StoreConnector::audit(QString connectionId, QString action, QString result,
                                        QString detail) {
    QPointer<AuditLog> log = m_workspace ? m_workspace->auditLog() : nullptr;
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

std::optional<ConnectionSettings> StoreConnector::savedSettings(const QString& connectionId,
                                                                QString* error) const {
    if (!m_workspace) {
        return std::nullopt;
    }
    for (const auto& saved : m_workspace->savedConnections()) {
        if (saved.id != connectionId) {
            continue;
        }
        if (saved.providerId != m_providerId) {
            if (error) {
                *error = QStringLiteral("connection '%1' is not a %2 connection")
                             .arg(connectionId, storeName());
            }
            return std::nullopt;
        }
        return saved;
    }
    if (error) {
        *error = QStringLiteral("no %1 connection '%2'").arg(storeName(), connectionId);
    }
    return std::nullopt;
}

void StoreConnector::closeConnection(const QString& connectionId, bool forget) {
    if (!m_workspace) {
        return;
    }
    // removeConnection forgets the saved settings too; a plain log out keeps them.
    auto saved = m_workspace->savedConnections();
    m_workspace->removeConnection(connectionId);
    if (forget) {
        saved.removeIf([&](const ConnectionSettings& entry) { return entry.id == connectionId; });
    }
    m_workspace->settings()->setConnections(saved);
    m_workspace->settings()->sync();
}

QString StoreConnector::timeLeftText(std::chrono::seconds left) {
    using namespace std::chrono;
    if (left <= seconds(0)) {
        return tr("expired");
    }
    const auto totalMinutes = duration_cast<minutes>(left).count();
    if (totalMinutes < 1) {
        return tr("less than a minute left");
    }
    if (totalMinutes < 120) {
        return tr("%1 min left").arg(totalMinutes);
    }
    const auto hours = totalMinutes / 60;
    if (hours < 48) {
        return tr("%1 h %2 min left").arg(hours).arg(totalMinutes % 60);
    }
    return tr("%1 days left").arg(hours / 24);
}

} // namespace strongroom
