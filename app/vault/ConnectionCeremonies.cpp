#include "ConnectionCeremonies.h"

#include "Connection.h"
#include "GenerateRootCeremony.h"
#include "InitializeCeremony.h"
#include "SealCeremony.h"
#include "SealStatusCheck.h"
#include "UnsealCeremony.h"
#include "VaultBackend.h"
#include "VaultClusterStatus.h"
#include "VaultConnector.h"
#include "VaultSession.h"
#include "Workspace.h"

#include <QPointer>

namespace strongroom {

ConnectionCeremonies::ConnectionCeremonies(Workspace* workspace, VaultConnector* connector,
                                           QObject* parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_connector(connector) {}

bool ConnectionCeremonies::isOpen(const QString& connectionId) const {
    return m_connector->backend(connectionId) != nullptr;
}

bool ConnectionCeremonies::isKnown(const QString& connectionId) const {
    return isOpen(connectionId) || m_connector->spec(connectionId).has_value();
}

QString ConnectionCeremonies::nameOf(const QString& connectionId) const {
    if (const Connection* open = m_workspace->connection(connectionId)) {
        return open->displayName();
    }
    if (const auto spec = m_connector->spec(connectionId); spec && !spec->displayName.isEmpty()) {
        return spec->displayName;
    }
    return connectionId;
}

std::optional<VaultEndpoint> ConnectionCeremonies::endpointOf(const QString& connectionId) const {
    if (VaultBackend* backend = m_connector->backend(connectionId)) {
        return backend->session()->endpoint();
    }
    if (const auto spec = m_connector->spec(connectionId)) {
        return VaultConnector::endpointFor(*spec);
    }
    return std::nullopt;
}

QStringList ConnectionCeremonies::rememberedNodes(const QString& connectionId) const {
    const auto spec = m_connector->spec(connectionId);
    return spec ? spec->clusterNodes : QStringList();
}

SealStatusCheck* ConnectionCeremonies::sealStatus(const QString& connectionId,
                                                  QObject* owner) const {
    const auto endpoint = endpointOf(connectionId);
    // Its own session without a token: a saved connection whose node is sealed can ask too.
    return endpoint ? new SealStatusCheck(*endpoint, owner) : nullptr;
}

InitializeCeremony* ConnectionCeremonies::initialize(const QString& connectionId,
                                                     QObject* owner) const {
    const auto endpoint = endpointOf(connectionId);
    if (!endpoint) {
        return nullptr;
    }
    auto* ceremony =
        new InitializeCeremony(*endpoint, m_workspace->auditLog(), connectionId, owner);
    ceremony->setRootTokenKeychain(m_workspace->credentials(),
                                   VaultConnector::keychainKey(connectionId));
    QPointer<VaultConnector> connector = m_connector;
    connect(ceremony, &InitializeCeremony::rootTokenKept, this, [connector, connectionId] {
        if (connector && connector->backend(connectionId)) {
            connector->reconnect(connectionId); // takes the keychain's new token
        }
    });
    return ceremony;
}

UnsealCeremony* ConnectionCeremonies::unseal(const QString& connectionId,
                                             const QStringList& otherNodes, QObject* owner) const {
    const auto endpoint = endpointOf(connectionId);
    if (!endpoint) {
        return nullptr;
    }
    // Unsealing needs no token: a saved connection that could not open (its node is sealed and
    // it has no token yet, right after init) is unsealed through its own sessions.
    auto* ceremony = new UnsealCeremony(*endpoint, nameOf(connectionId), m_workspace->auditLog(),
                                        connectionId, owner);
    for (const QString& address : rememberedNodes(connectionId) + otherNodes) {
        ceremony->addNode(address); // a remembered address that is not one is left out
    }
    connect(ceremony, &UnsealCeremony::unsealed, this,
            [this, connectionId] { lookAgain(connectionId); });
    return ceremony;
}

SealCeremony* ConnectionCeremonies::seal(const QString& connectionId, QObject* owner) const {
    VaultBackend* backend = m_connector->backend(connectionId);
    if (!backend) {
        return nullptr;
    }
    auto* ceremony = new SealCeremony(backend->session(), rememberedNodes(connectionId),
                                      m_workspace->auditLog(), connectionId, owner);
    connect(ceremony, &SealCeremony::nodesSealed, this,
            [this, connectionId] { lookAgain(connectionId); });
    return ceremony;
}

GenerateRootCeremony* ConnectionCeremonies::generateRoot(const QString& connectionId,
                                                         QObject* owner) const {
    VaultBackend* backend = m_connector->backend(connectionId);
    if (!backend) {
        return nullptr;
    }
    return new GenerateRootCeremony(backend->session(), m_workspace->auditLog(), connectionId,
                                    owner);
}

void ConnectionCeremonies::followSealState(const QString& connectionId, bool sealed) const {
    VaultBackend* backend = m_connector->backend(connectionId);
    if (!backend) {
        return;
    }
    const auto state = backend->state();
    if ((sealed && state == ConnectionState::Connected) ||
        (!sealed && state == ConnectionState::Sealed)) {
        backend->connectToServer();
    }
}

void ConnectionCeremonies::lookAgain(const QString& connectionId) const {
    if (VaultBackend* backend = m_connector->backend(connectionId)) {
        backend->connectToServer();
    }
}

} // namespace strongroom
