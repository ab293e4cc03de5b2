#pragma once

#include <QCoroTask>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <optional>

class QMenu;
class QWidget;

namespace strongroom {

class AwsConnectDialog;
class AwsConnector;
class AwsSecretActions;
class MfaCodeDialog;
class Workspace;

// The window's side of AWS Secrets Manager connections: reconnects the saved ones at start-up,
// opens the connect dialog, asks for an MFA code whenever temporary credentials need one (one
// prompt per connection) and renews them when they run out, offers the connection actions (who
// am I, renew, log out, forget) and the AWS secret actions (AwsSecretActions).
class AwsConnections : public QObject {
    Q_OBJECT
public:
    AwsConnections(Workspace* workspace, QWidget* window, QObject* parent = nullptr);
    ~AwsConnections() override;

    AwsConnector* connector() const { return m_connector; }
    AwsSecretActions* secretActions() const { return m_actions; }
    bool isAws(const QString& connectionId) const;

    QCoro::Task<> reconnectSaved();
    QCoro::Task<> reopen(QString connectionId);
    AwsConnectDialog* openConnectDialog();
    // New credentials for `connectionId`: an MFA prompt when its role needs a code, else a renew
    // straight away (a failure is reported as a message).
    void renew(const QString& connectionId, const QString& reason);
    MfaCodeDialog* mfaPrompt(const QString& connectionId) const;
    void addMenuActions(QMenu* menu, const QString& connectionId, const QString& path);
    void addSavedConnections(QMenu* menu);
    void logout(const QString& connectionId, bool forget);
    void showIdentity(const QString& connectionId);

Q_SIGNALS:
    // New credentials (or a saved connection opened after a prompt): retry what failed.
    void loggedIn(const QString& connectionId);
    void message(const QString& text);

private:
    MfaCodeDialog* promptMfa(const QString& connectionId, const QString& serial,
                             const QString& reason, bool reopening);
    QCoro::Task<> renewWithoutCode(QString connectionId);
    QCoro::Task<> doLogout(QString connectionId, bool forget);
    QString nameOf(const QString& connectionId) const;
    QString mfaSerialOf(const QString& connectionId) const;

    QPointer<Workspace> m_workspace;
    QPointer<QWidget> m_window;
    AwsConnector* m_connector;
    AwsSecretActions* m_actions;
    QHash<QString, QPointer<MfaCodeDialog>> m_prompts;
};

} // namespace strongroom
