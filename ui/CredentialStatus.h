#pragma once

#include <QLabel>
#include <QPointer>

namespace strongroom {

class AwsConnections;
class ConnectionsPane;
class SecretPresenter;
class VaultConnections;
class Workspace;

// The status bar's credential label: the Vault token's or the AWS temporary credentials' time
// left for the selected connection (else the first connection that has either), refreshed when
// the selection, a token or a session changes, and once a minute while it counts down.
class CredentialStatus : public QLabel {
    Q_OBJECT
public:
    CredentialStatus(Workspace* workspace, VaultConnections* vault, AwsConnections* aws,
                     ConnectionsPane* connections, SecretPresenter* presenter,
                     QWidget* parent = nullptr);

    void update();
    // The connection shown: the selected one when it has a token or temporary keys, else the
    // first that has.
    QString connectionShown() const;

private:
    QPointer<Workspace> m_workspace;
    VaultConnections* m_vault;
    AwsConnections* m_aws;
    ConnectionsPane* m_connections;
    SecretPresenter* m_presenter;
};

} // namespace strongroom
