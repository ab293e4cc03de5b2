#pragma once

#include "AwsConnectionSpec.h"
#include "AwsConnector.h"

#include <QCoroTask>
#include <QDialog>
#include <QPointer>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace strongroom {

class AwsKeyFields;
class ErrorLabel;
class Workspace;

// "Connect AWS Secrets Manager…": name, where the keys come from, region, an endpoint override
// (moto, LocalStack, a VPC endpoint) and an optional role to assume (MFA serial, session length
// and name). Connect runs AwsConnector::connectNew while the form is busy; a role that needs a
// code asks for it (MfaCodeDialog) and tries again. A failure is shown inline and nothing is
// saved; Cancel works while connecting. Once connected the dialog shows who it signed in as and
// how the keys were found, and Close finishes.
class AwsConnectDialog : public QDialog {
    Q_OBJECT
public:
    AwsConnectDialog(Workspace* workspace, AwsConnector* connector, QWidget* parent = nullptr);
    ~AwsConnectDialog() override;

    void setCredentialSources(const QProcessEnvironment& environment, const QString& homeDir);
    // The spec the form describes now (id derived from the name, unique in the workspace).
    AwsConnectionSpec spec() const;
    bool isBusy() const { return m_busy; }
    bool isConnected() const { return !m_connectedId.isEmpty(); }

    static const QList<int>& sessionDurations(); // seconds offered, 15 min .. 12 h

    QLineEdit* nameField() const { return m_name; }
    QLineEdit* regionField() const { return m_region; }
    QLineEdit* endpointField() const { return m_endpoint; }
    AwsKeyFields* keyFields() const { return m_keys; }
    QGroupBox* roleGroup() const { return m_role; }
    QLineEdit* roleArnField() const { return m_roleArn; }
    QLineEdit* mfaSerialField() const { return m_mfaSerial; }
    QComboBox* durationBox() const { return m_duration; }
    QLineEdit* sessionNameField() const { return m_sessionName; }
    QLabel* identityLabel() const { return m_identity; }
    QPlainTextEdit* traceView() const { return m_trace; }
    QPushButton* connectButton() const { return m_connectButton; }
    QPushButton* cancelButton() const { return m_cancelButton; }
    ErrorLabel* errorLabel() const { return m_error; }

    // Escape or Cancel: an attempt in flight is abandoned and its connection, if any, removed.
    void reject() override;

Q_SIGNALS:
    void connected(const QString& connectionId);

private:
    QGroupBox* buildRoleGroup();
    void updateState();
    void requestConnect();
    void cancel();
    void setBusy(bool busy);
    void showConnected(const QString& connectionId);
    QCoro::Task<> connectWith(AwsConnectionSpec spec, AwsCredentials keys);
    // The MFA code for `serial`, or empty when the operator cancelled.
    QCoro::Task<QString> askMfaCode(QString name, QString serial, QString reason);

    QPointer<Workspace> m_workspace;
    QPointer<AwsConnector> m_connector;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_region = nullptr;
    QLineEdit* m_endpoint = nullptr;
    AwsKeyFields* m_keys = nullptr;
    QGroupBox* m_role = nullptr;
    QLineEdit* m_roleArn = nullptr;
    QLineEdit* m_mfaSerial = nullptr;
    QComboBox* m_duration = nullptr;
    QLineEdit* m_sessionName = nullptr;
    QGroupBox* m_result = nullptr;
    QLabel* m_identity = nullptr;
    QPlainTextEdit* m_trace = nullptr;
    ErrorLabel* m_error = nullptr;
    QPushButton* m_connectButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    bool m_busy = false;
    quint64 m_attempt = 0; // a Cancel while busy makes the attempt in flight stale
    QString m_connectedId;
};

} // namespace strongroom
