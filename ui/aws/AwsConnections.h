#pragma once

#include "AwsConnectDialog.h"
#include "AwsConnector.h"
#include "StoreUi.h"

#include <QCoroTask>
#include <QHash>
#include <QPointer>

class QMenu;
class QWidget;

namespace strongroom {

class MfaCodeDialog;
class Workspace;

// The window's side of AWS Secrets Manager connections (StoreUi): opens the connect dialog, asks
// for an MFA code whenever temporary credentials need one (one prompt per connection) and renews
// them when they run out, offers the connection actions (who am I, renew, log out, forget) and
// the rotation settings form (Lambda and schedule) of the generic rotation dialog. Rotation,
// deletion and the bin themselves are the generic window's.
class AwsConnections : public StoreUi {
    Q_OBJECT
public:
    AwsConnections(Workspace* workspace, QWidget* window, QObject* parent = nullptr);
    ~AwsConnections() override;

    AwsConnector* connector() const override { return m_connector; }

    QCoro::Task<> reopen(QString connectionId) override;
    AwsConnectDialog* openConnectDialog() override;
    // New credentials for `connectionId`: an MFA prompt when its role needs a code, else a renew
    // straight away (a failure is reported as a message).
    void promptSignIn(const QString& connectionId, const QString& reason) override;
    void renew(const QString& connectionId, const QString& reason);
    MfaCodeDialog* mfaPrompt(const QString& connectionId) const;
    void addMenuActions(QMenu* menu, const QString& connectionId, const QString& path) override;
    RotationSettingsEditor* makeRotationSettingsForm(QWidget* parent) override;
    void logout(const QString& connectionId, bool forget);
    void showIdentity(const QString& connectionId);

private:
    MfaCodeDialog* promptMfa(const QString& connectionId, const QString& serial,
                             const QString& reason, bool reopening);
    QCoro::Task<> renewWithoutCode(QString connectionId);
    QCoro::Task<> doLogout(QString connectionId, bool forget);
    QString nameOf(const QString& connectionId) const;
    QString mfaSerialOf(const QString& connectionId) const;

    QPointer<Workspace> m_workspace;
    AwsConnector* m_connector;
    QHash<QString, QPointer<MfaCodeDialog>> m_prompts;
};

} // namespace strongroom
