#include "CredentialStatus.h"

#include "Connection.h"
#include "ConnectionsPane.h"
#include "SecretPresenter.h"
#include "StoreConnector.h"
#include "StoreUi.h"
#include "Workspace.h"

#include <QTimer>

#include <chrono>

namespace strongroom {

CredentialStatus::CredentialStatus(Workspace* workspace, QList<StoreUi*> stores,
                                   ConnectionsPane* connections, SecretPresenter* presenter,
                                   QWidget* parent)
    : QLabel(parent)
    , m_workspace(workspace)
    , m_connections(connections)
    , m_presenter(presenter) {
    for (StoreUi* store : stores) {
        addStore(store);
    }
    connect(connections, &ConnectionsPane::secretSelected, this, &CredentialStatus::update);
    connect(connections, &ConnectionsPane::folderSelected, this, &CredentialStatus::update);
    // The time left counts down by itself; once a minute is as fine as the label shows.
    auto* minute = new QTimer(this);
    minute->setInterval(std::chrono::minutes(1));
    connect(minute, &QTimer::timeout, this, &CredentialStatus::update);
    minute->start();
}

void CredentialStatus::addStore(StoreUi* store) {
    m_stores.append(store);
    connect(store->connector(), &StoreConnector::credentialsChanged, this,
            &CredentialStatus::update);
}

StoreUi* CredentialStatus::storeOf(const QString& connectionId) const {
    for (StoreUi* store : m_stores) {
        if (store->handles(connectionId)) {
            return store;
        }
    }
    return nullptr;
}

QString CredentialStatus::connectionShown() const {
    QString id = m_connections->currentConnectionId();
    if (id.isEmpty() && m_presenter->connection()) {
        id = m_presenter->connection()->id();
    }
    if (storeOf(id)) {
        return id;
    }
    for (Connection* connection : m_workspace->connections()) {
        if (storeOf(connection->id())) {
            return connection->id();
        }
    }
    return {};
}

void CredentialStatus::update() {
    if (!m_workspace) {
        return;
    }
    const QString id = connectionShown();
    StoreUi* store = storeOf(id);
    setText(store ? store->connector()->credentialStatus(id) : QString());
    const Connection* connection = m_workspace->connection(id);
    setToolTip(
        connection && store
            ? tr("Credentials of %1 (%2)").arg(connection->displayName(), store->displayName())
            : QString());
}

} // namespace strongroom
