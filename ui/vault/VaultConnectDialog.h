#pragma once

#include "Result.h"
#include "VaultConnectionSpec.h"

#include <QCoroTask>
#include <QDialog>
#include <QProcessEnvironment>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace strongroom {

class Connection;
class ErrorLabel;
class VaultAuthFields;
class VaultConnector;
class Workspace;

// "Connect to Vault / OpenBao…": address, namespace, TLS files and the sign-in method. Connect
// runs VaultConnector::connectNew while the form is busy; a failure is shown inline and the
// dialog stays open. "Import from environment" fills the form from VAULT_* / BAO_* and the
// token helper file and lists what it took — nothing is read from there unless asked.
class VaultConnectDialog : public QDialog {
    Q_OBJECT
public:
    VaultConnectDialog(Workspace* workspace, VaultConnector* connector, QWidget* parent = nullptr);
    ~VaultConnectDialog() override;

    // Where the import reads from (tests point it at a fake environment and home).
    void setEnvironmentSource(const QProcessEnvironment& environment, const QString& homeDir);
    // The spec the form describes now (id derived from the name, unique in the workspace).
    VaultConnectionSpec spec() const;
    bool isBusy() const { return m_busy; }

    QLineEdit* nameField() const { return m_name; }
    QLineEdit* addressField() const { return m_address; }
    QLineEdit* namespaceField() const { return m_namespace; }
    QLineEdit* caFileField() const { return m_caFile; }
    QLineEdit* clientCertField() const { return m_clientCert; }
    QLineEdit* clientKeyField() const { return m_clientKey; }
    VaultAuthFields* authFields() const { return m_auth; }
    QPushButton* importButton() const { return m_importButton; }
    QLabel* importSummary() const { return m_importSummary; }
    QPushButton* connectButton() const { return m_connectButton; }
    QPushButton* cancelButton() const { return m_cancelButton; }
    ErrorLabel* errorLabel() const { return m_error; }

Q_SIGNALS:
    void connected(const QString& connectionId);
    // The node is not initialized and the operator chose to initialize it: save `spec` (it has
    // no token yet) and start the init ceremony.
    void initializeRequested(const VaultConnectionSpec& spec);

private:
    void offerInit(const VaultConnectionSpec& spec);
    QLineEdit* addFileRow(QFormLayout* form, const QString& label, const QString& name,
                          const QString& filter);
    void importEnvironment();
    void updateState();
    void requestConnect();
    void cancel();
    void setBusy(bool busy);
    QCoro::Task<> connectWith(VaultConnectionSpec spec, VaultCredentials credentials);

    Workspace* m_workspace;
    VaultConnector* m_connector;
    QProcessEnvironment m_environment;
    QString m_homeDir;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_address = nullptr;
    QLineEdit* m_namespace = nullptr;
    QLineEdit* m_caFile = nullptr;
    QLineEdit* m_clientCert = nullptr;
    QLineEdit* m_clientKey = nullptr;
    VaultAuthFields* m_auth = nullptr;
    QPushButton* m_importButton = nullptr;
    QLabel* m_importSummary = nullptr;
    ErrorLabel* m_error = nullptr;
    QPushButton* m_connectButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    bool m_busy = false;
    quint64 m_attempt = 0; // a Cancel while busy makes the attempt in flight stale
};

} // namespace strongroom
