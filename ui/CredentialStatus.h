#pragma once

#include <QLabel>
#include <QList>
#include <QPointer>

namespace strongroom {

class ConnectionsPane;
class SecretPresenter;
class StoreUi;
class Workspace;

// The status bar's credential label: what the store's connector says about the credential of
// the selected connection (else the first connection a store UI handles): "Token: 42 min left",
// "AWS: long-lived keys". Refreshed when the selection or a credential changes, and once a
// minute while it counts down.
class CredentialStatus : public QLabel {
    Q_OBJECT
public:
    CredentialStatus(Workspace* workspace, QList<StoreUi*> stores, ConnectionsPane* connections,
                     SecretPresenter* presenter, QWidget* parent = nullptr);

    // A store added after the built-in ones (MainWindow::addStoreUi).
    void addStore(StoreUi* store);
    void update();
    // The connection shown: the selected one when a store UI handles it, else the first open
    // connection one does.
    QString connectionShown() const;

private:
    StoreUi* storeOf(const QString& connectionId) const;

    QPointer<Workspace> m_workspace;
    QList<StoreUi*> m_stores;
    ConnectionsPane* m_connections;
    SecretPresenter* m_presenter;
};

} // namespace strongroom
