#pragma once

#include <QCoroTask>
#include <QObject>
#include <QPointer>

class QMenu;
class QWidget;

namespace strongroom {

class ConnectionCeremonies;
class VaultConnector;
class Workspace;

// The operator ceremonies offered on a Vault/OpenBao connection's menu: seal status (polled while
// shown), init (shares handed out one by one), unseal, seal (typed confirmation), the HA
// cluster's nodes (ClusterStatusDialog), generate-root. Each opens a window over the ceremony
// service of app/vault (ConnectionCeremonies makes them), which does the work and writes the
// audit log; nothing here talks to the server.
class VaultCeremonies : public QObject {
    Q_OBJECT
public:
    VaultCeremonies(Workspace* workspace, VaultConnector* connector, QWidget* window);

    void addMenuActions(QMenu* menu, const QString& connectionId);

    void showSealStatus(const QString& connectionId);
    // `otherNodes`: cluster nodes to unseal too, besides those remembered with the connection.
    void openUnseal(const QString& connectionId, const QStringList& otherNodes = {});
    void showCluster(const QString& connectionId);
    void seal(const QString& connectionId);
    // Works on a saved connection too: an uninitialized node cannot be signed in to yet.
    void initialize(const QString& connectionId);
    void openGenerateRoot(const QString& connectionId);

    ConnectionCeremonies* services() const { return m_services; }

Q_SIGNALS:
    void message(const QString& text);
    // A node was added to an unseal ceremony: remember it with the connection.
    void clusterNodeAdded(const QString& connectionId, const QString& address);

private:
    QCoro::Task<> runSeal(QString connectionId);

    Workspace* m_workspace;
    ConnectionCeremonies* m_services;
    QPointer<QWidget> m_window;
};

} // namespace strongroom
