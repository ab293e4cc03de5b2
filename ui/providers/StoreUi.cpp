#include "StoreUi.h"

#include "ConnectionMenus.h"
#include "ProviderRegistry.h"
#include "StoreConnector.h"
#include "Workspace.h"

#include <QMenu>
#include <QWidget>

namespace strongroom {

StoreUi::StoreUi(QString providerId, Workspace* workspace, QWidget* window, QObject* parent)
    : QObject(parent)
    , m_providerId(std::move(providerId))
    , m_workspace(workspace)
    , m_window(window) {}

StoreUi::~StoreUi() = default;

Workspace* StoreUi::workspace() const {
    return m_workspace;
}

QWidget* StoreUi::window() const {
    return m_window;
}

const ProviderDescription* StoreUi::description() const {
    return ProviderRegistry::builtin().find(m_providerId);
}

QString StoreUi::displayName() const {
    const ProviderDescription* described = description();
    return described ? described->displayName : m_providerId;
}

QString StoreUi::iconName() const {
    const ProviderDescription* described = description();
    return described ? described->iconName : QString();
}

void StoreUi::followSignInRequests() {
    connect(connector(), &StoreConnector::loginNeeded, this,
            [this](const QString& id, const QString& reason) { promptSignIn(id, reason); });
}

bool StoreUi::handles(const QString& connectionId) const {
    return !connectionId.isEmpty() && connector() && connector()->handles(connectionId);
}

QCoro::Task<> StoreUi::reconnectSaved() {
    QPointer<StoreUi> self(this);
    if (!connector()) {
        co_return;
    }
    const QList<ConnectionSettings> closed = connector()->closedSavedConnections();
    for (const ConnectionSettings& saved : closed) {
        if (!self || !m_workspace) {
            co_return;
        }
        if (!m_workspace->connection(saved.id)) {
            auto opening = reopen(saved.id);
            co_await std::move(opening);
        }
    }
}

QCoro::Task<> StoreUi::reopenAfterUnlock() {
    co_return;
}

void StoreUi::addSavedConnections(QMenu* menu) {
    if (!m_workspace) {
        return;
    }
    addSavedConnectionActions(menu, m_workspace, m_providerId, this,
                              [this](const QString& id) { reopen(id); });
}

RotationSettingsEditor* StoreUi::makeRotationSettingsForm(QWidget*) {
    return nullptr;
}

} // namespace strongroom
