#pragma once

#include "VaultEndpoint.h"

#include <QObject>
#include <QStringList>

#include <optional>

namespace strongroom {

class GenerateRootCeremony;
class InitializeCeremony;
class SealCeremony;
class SealStatusCheck;
class UnsealCeremony;
class VaultConnector;
class Workspace;

// The ceremonies of the window's Vault/OpenBao connections: each ceremony service made for one
// connection (its node and TLS settings, the cluster nodes remembered with it, the connection id
// the audit log names), and what a ceremony changes for the connection afterwards (a node seen
// sealed or unsealed is looked at again; a kept init root token signs it in). Seal status,
// unseal and init need no token, so they work on a saved connection that is not open; the
// others need the open one. Each make function returns nullptr when it cannot be made.
class ConnectionCeremonies : public QObject {
    Q_OBJECT
public:
    ConnectionCeremonies(Workspace* workspace, VaultConnector* connector,
                         QObject* parent = nullptr);

    bool isOpen(const QString& connectionId) const;
    bool isKnown(const QString& connectionId) const;
    // The connection's display name (open or only saved).
    QString nameOf(const QString& connectionId) const;
    std::optional<VaultEndpoint> endpointOf(const QString& connectionId) const;
    QStringList rememberedNodes(const QString& connectionId) const;

    SealStatusCheck* sealStatus(const QString& connectionId, QObject* owner) const;
    InitializeCeremony* initialize(const QString& connectionId, QObject* owner) const;
    // `otherNodes`: cluster nodes to unseal too, besides those remembered with the connection.
    UnsealCeremony* unseal(const QString& connectionId, const QStringList& otherNodes,
                           QObject* owner) const;
    SealCeremony* seal(const QString& connectionId, QObject* owner) const;
    GenerateRootCeremony* generateRoot(const QString& connectionId, QObject* owner) const;

    // A look at the node saw it sealed or unsealed: an open connection whose state says
    // otherwise looks again (Connecting, Locked and Expired are left alone).
    void followSealState(const QString& connectionId, bool sealed) const;
    // The node was sealed or unsealed here: the open connection looks again.
    void lookAgain(const QString& connectionId) const;

private:
    Workspace* m_workspace;
    VaultConnector* m_connector;
};

} // namespace strongroom
