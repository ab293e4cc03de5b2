#pragma once

#include <QCoroTask>
#include <QObject>
#include <QPointer>
#include <QString>

class QDialog;
class QMenu;
class QWidget;

namespace strongroom {

struct ProviderDescription;
class RotationSettingsEditor;
class StoreConnector;
class Workspace;

// The window's side of one kind of store: what the generic window asks of it, and the signals it
// reacts to without knowing the store. Each store implements it in ui/<store>/ and is listed once
// in BuiltinStoreUis.cpp; its name, icon and summary come from the provider registry, its
// credential-status text and time left from its connector.
class StoreUi : public QObject {
    Q_OBJECT
public:
    StoreUi(QString providerId, Workspace* workspace, QWidget* window, QObject* parent = nullptr);
    ~StoreUi() override;

    const QString& providerId() const { return m_providerId; }
    // The registry's description of the store; nullptr for a store the registry does not list
    // (a test's).
    const ProviderDescription* description() const;
    QString displayName() const;
    QString iconName() const;

    virtual StoreConnector* connector() const = 0;
    // Whether `connectionId` (open or saved) is one of this store's.
    bool handles(const QString& connectionId) const;

    // The store's connect dialog, opened window-modal; it deletes itself on close.
    virtual QDialog* openConnectDialog() = 0;
    // Opens every saved connection of this store that is not open yet (start-up).
    QCoro::Task<> reconnectSaved();
    // Opens one saved connection; asks for a sign-in when what it keeps is refused.
    virtual QCoro::Task<> reopen(QString connectionId) = 0;
    // After the idle lock: connections whose credentials the lock dropped take them back (or ask
    // for a sign-in). Stores whose connector does it by itself do nothing.
    virtual QCoro::Task<> reopenAfterUnlock();
    // Asks the operator to sign in again to `connectionId` (one prompt per connection); called
    // when the connector says loginNeeded.
    virtual void promptSignIn(const QString& connectionId, const QString& reason) = 0;
    // The store's own actions on a tree row's menu (`path`: a secret, a folder "a/" or empty
    // for the connection itself).
    virtual void addMenuActions(QMenu* menu, const QString& connectionId, const QString& path) = 0;
    // "Open <name>" for each saved connection of this store that is not open.
    void addSavedConnections(QMenu* menu);
    // The store's rotation settings form for the generic rotation dialog, or nullptr when the
    // store has no settings to edit (the dialog then only shows and rotates).
    virtual RotationSettingsEditor* makeRotationSettingsForm(QWidget* parent);

Q_SIGNALS:
    // A sign-in succeeded (or a saved connection opened after one): retry what failed.
    void loggedIn(const QString& connectionId);
    void message(const QString& text);
    // Open this secret (a path the operator typed, a ceremony's result).
    void goToRequested(const QString& connectionId, const QString& path);
    // The connection's tree changed (a mount added): list it again.
    void treeChanged(const QString& connectionId);

protected:
    // Once the subclass has its connector: a loginNeeded from it leads to promptSignIn().
    void followSignInRequests();
    Workspace* workspace() const;
    QWidget* window() const;

private:
    QString m_providerId;
    QPointer<Workspace> m_workspace;
    QPointer<QWidget> m_window;
};

} // namespace strongroom
