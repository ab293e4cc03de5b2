#include "CredentialStatus.h"

#include "AwsConnections.h"
#include "AwsConnector.h"
#include "Connection.h"
#include "ConnectionsPane.h"
#include "SecretPresenter.h"
#include "VaultConnections.h"
#include "VaultConnector.h"
#include "Workspace.h"

#include <QTimer>

#include <chrono>

namespace strongroom {

CredentialStatus::CredentialStatus(Workspace* workspace, VaultConnections* vault,
                                   AwsConnections* aws, ConnectionsPane* connections,
                                   SecretPresenter* presenter, QWidget* parent)
    : QLabel(parent)
    , m_workspace(workspace)
    , m_vault(vault)
    , m_aws(aws)
    , m_connections(connections)
    , m_presenter(presenter) {
    connect(vault->connector(), &VaultConnector::credentialsChanged, this,
            &CredentialStatus::update);
    connect(aws->connector(), &AwsConnector::credentialsChanged, this, &CredentialStatus::update);
    connect(connections, &ConnectionsPane::secretSelected, this, &CredentialStatus::update);
    connect(connections, &ConnectionsPane::folderSelected, this, &CredentialStatus::update);
    // The time left counts down by itself; once a minute is as fine as the label shows.
    auto* minute = new QTimer(this);
    minute->setInterval(std::chrono::minutes(1));
    connect(minute, &QTimer::timeout, this, &CredentialStatus::update);
    minute->start();
}

QString CredentialStatus::connectionShown() const {
    QString id = m_connections->currentConnectionId();
    if (id.isEmpty() && m_presenter->connection()) {
        id = m_presenter->connection()->id();
    }
    if (m_vault->isVault(id) || m_aws->isAws(id)) {
        return id;
    }
    for (Connection* connection : m_workspace->connections()) {
        if (m_vault->isVault(connection->id()) || m_aws->isAws(connection->id())) {
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
    const bool aws = m_aws->isAws(id);
    setText(id.isEmpty() ? QString()
            : aws        ? m_aws->connector()->credentialStatus(id)
                         : m_vault->connector()->credentialStatus(id));
    const Connection* connection = m_workspace->connection(id);
    setToolTip(!connection ? QString()
               : aws       ? tr("AWS credentials of %1").arg(connection->displayName())
                           : tr("Token of %1").arg(connection->displayName()));
}

} // namespace strongroom
