#pragma once

#include <QCoroTask>
#include <QObject>
#include <QPointer>

#include <optional>

class QMenu;
class QWidget;

namespace strongroom {

class VaultConnector;
struct VaultEndpoint;
class VaultOperator;
class Workspace;

// The operator ceremonies offered on a Vault/OpenBao connection: seal status (polled while
// shown), init (shares handed out one by one), unseal, seal (typed confirmation), the HA
// cluster's nodes (ClusterStatusDialog), generate-root. Each step goes to the audit log, never a
// share or a token.
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

Q_SIGNALS:
    void message(const QString& text);
    // A node was added to an unseal ceremony: remember it with the connection.
    void clusterNodeAdded(const QString& connectionId, const QString& address);

private:
    QCoro::Task<> runSeal(QString connectionId);
    void audit(const QString& connectionId, const QString& action, const QString& result,
               const QString& detail);
    QString nameOf(const QString& connectionId) const;
    // Where the connection's node is, open or only saved.
    std::optional<VaultEndpoint> endpointOf(const QString& connectionId) const;
    // A poll saw the connection's node sealed or unsealed: bring the tree's state along.
    void followSealState(const QString& connectionId, bool sealed);
    // A ceremony handle for another node of the connection's cluster (same TLS settings).
    VaultOperator* operatorFor(const QString& connectionId, const QString& address, QObject* owner);

    Workspace* m_workspace;
    VaultConnector* m_connector;
    QPointer<QWidget> m_window;
};

} // namespace strongroom
