#include "VaultConnectDialog.h"

#include "ConnectionIds.h"
#include "ErrorLabel.h"
#include "SealStatusCheck.h"
#include "VaultAuthFields.h"
#include "VaultConnector.h"
#include "VaultEnvironment.h"
#include "Workspace.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace strongroom {

VaultConnectDialog::VaultConnectDialog(Workspace* workspace, VaultConnector* connector,
                                       QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_connector(connector)
    , m_environment(QProcessEnvironment::systemEnvironment()) {
    setWindowTitle(tr("Connect to Vault / OpenBao"));

    auto* form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("e.g. Production"));
    m_name->setAccessibleName(tr("Name"));
    form->addRow(tr("&Name:"), m_name);
    m_address = new QLineEdit(this);
    m_address->setPlaceholderText(QStringLiteral("https://vault.example.com:8200"));
    m_address->setAccessibleName(tr("Address"));
    form->addRow(tr("&Address:"), m_address);
    m_namespace = new QLineEdit(this);
    m_namespace->setPlaceholderText(tr("none (Vault Enterprise / OpenBao namespaces)"));
    m_namespace->setAccessibleName(tr("Namespace"));
    form->addRow(tr("Names&pace:"), m_namespace);
    const QString pem = tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)");
    m_caFile = addFileRow(form, tr("&CA file:"), tr("CA file"), pem);
    m_caFile->setPlaceholderText(tr("system trust store"));
    m_clientCert = addFileRow(form, tr("Client cer&tificate:"), tr("Client certificate"), pem);
    m_clientCert->setPlaceholderText(tr("optional"));
    m_clientKey = addFileRow(form, tr("Client &key:"), tr("Client key"), pem);
    m_clientKey->setPlaceholderText(tr("optional"));

    m_auth = new VaultAuthFields(this);
    m_importButton = new QPushButton(tr("&Import from environment"), this);
    m_importButton->setToolTip(
        tr("Fill the form from VAULT_ADDR, VAULT_TOKEN, VAULT_NAMESPACE, VAULT_CACERT (or BAO_*) "
           "and ~/.vault-token"));
    m_importSummary = new QLabel(this);
    m_importSummary->setWordWrap(true);
    m_importSummary->setTextFormat(Qt::PlainText);
    m_importSummary->setVisible(false);
    m_error = new ErrorLabel(this);

    auto* buttons = new QDialogButtonBox(this);
    m_connectButton = buttons->addButton(tr("C&onnect"), QDialogButtonBox::AcceptRole);
    m_connectButton->setDefault(true);
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);

    auto* importRow = new QHBoxLayout;
    importRow->addWidget(m_importButton);
    importRow->addStretch(1);
    auto* server = new QGroupBox(tr("Server"), this);
    server->setLayout(form);
    auto* signIn = new QGroupBox(tr("Sign in"), this);
    auto* signInLayout = new QVBoxLayout(signIn);
    signInLayout->addWidget(m_auth);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(importRow);
    layout->addWidget(m_importSummary);
    layout->addWidget(server);
    layout->addWidget(signIn);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(520);

    for (QLineEdit* field : {m_name, m_address, m_namespace, m_caFile, m_clientCert, m_clientKey}) {
        connect(field, &QLineEdit::textChanged, this, &VaultConnectDialog::updateState);
    }
    connect(m_auth, &VaultAuthFields::changed, this, &VaultConnectDialog::updateState);
    // An inline complaint goes once the operator edits what it was about.
    connect(m_auth, &VaultAuthFields::changed, m_error, &ErrorLabel::clearMessage);
    connect(m_address, &QLineEdit::textEdited, m_error, &ErrorLabel::clearMessage);
    connect(m_importButton, &QPushButton::clicked, this, &VaultConnectDialog::importEnvironment);
    connect(m_connectButton, &QPushButton::clicked, this, &VaultConnectDialog::requestConnect);
    connect(m_cancelButton, &QPushButton::clicked, this, &VaultConnectDialog::cancel);
    updateState();
}

VaultConnectDialog::~VaultConnectDialog() = default;

QLineEdit* VaultConnectDialog::addFileRow(QFormLayout* form, const QString& label,
                                          const QString& name, const QString& filter) {
    auto* field = new QLineEdit(this);
    field->setAccessibleName(name);
    auto* browse = new QToolButton(this);
    browse->setText(tr("…"));
    browse->setAccessibleName(tr("Choose %1").arg(name));
    auto* row = new QHBoxLayout;
    row->addWidget(field, 1);
    row->addWidget(browse);
    // A layout cannot be a buddy: the label needs the field itself for its mnemonic.
    auto* caption = new QLabel(label, this);
    caption->setBuddy(field);
    form->addRow(caption, row);
    connect(browse, &QToolButton::clicked, this, [this, field, name, filter] {
        // Not exec(): the window keeps running while the operator looks for the file.
        auto* picker = new QFileDialog(this, tr("Choose %1").arg(name), field->text(), filter);
        picker->setAttribute(Qt::WA_DeleteOnClose);
        picker->setFileMode(QFileDialog::ExistingFile);
        connect(picker, &QFileDialog::fileSelected, field, &QLineEdit::setText);
        picker->open();
    });
    return field;
}

void VaultConnectDialog::setEnvironmentSource(const QProcessEnvironment& environment,
                                              const QString& homeDir) {
    m_environment = environment;
    m_homeDir = homeDir;
}

void VaultConnectDialog::importEnvironment() {
    auto found = readVaultEnvironment(m_environment, m_homeDir);
    if (!found || found->isEmpty()) {
        m_importSummary->setText(tr("Nothing to import: no VAULT_* or BAO_* variables and no "
                                    "token helper file were found."));
        m_importSummary->setVisible(true);
        return;
    }
    if (!found->address.isEmpty()) {
        m_address->setText(found->address);
    }
    if (!found->nameSpace.isEmpty()) {
        m_namespace->setText(found->nameSpace);
    }
    if (!found->caFile.isEmpty()) {
        m_caFile->setText(found->caFile);
    }
    if (m_name->text().isEmpty() && !found->address.isEmpty()) {
        m_name->setText(QUrl(found->address).host());
    }
    if (!found->token.isEmpty()) {
        m_auth->setImportedToken(std::move(found->token), found->tokenSource);
    }
    m_importSummary->setText(tr("Imported:\n%1").arg(found->describe().join(QLatin1Char('\n'))));
    m_importSummary->setVisible(true);
    updateState();
}

VaultConnectionSpec VaultConnectDialog::spec() const {
    VaultConnectionSpec spec;
    spec.displayName = m_name->text().trimmed();
    spec.id = unusedConnectionId(
        m_workspace,
        connectionIdFromName(spec.displayName, QStringLiteral("vault"), QStringLiteral("server")));
    spec.address = m_address->text().trimmed();
    spec.nameSpace = m_namespace->text().trimmed();
    spec.caFile = m_caFile->text().trimmed();
    spec.clientCertFile = m_clientCert->text().trimmed();
    spec.clientKeyFile = m_clientKey->text().trimmed();
    spec.method = m_auth->method();
    spec.authMount = m_auth->mountField()->text().trimmed();
    if (spec.method == VaultAuthMethod::Userpass || spec.method == VaultAuthMethod::Ldap) {
        spec.username = m_auth->usernameField()->text().trimmed();
    } else if (spec.method == VaultAuthMethod::AppRole) {
        spec.roleId = m_auth->roleIdField()->text().trimmed();
    } else if (spec.method == VaultAuthMethod::Jwt || spec.method == VaultAuthMethod::Oidc) {
        spec.role = m_auth->roleField()->text().trimmed();
    }
    return spec;
}

void VaultConnectDialog::updateState() {
    m_connectButton->setEnabled(!m_busy && !m_name->text().trimmed().isEmpty() &&
                                !m_address->text().trimmed().isEmpty());
}

void VaultConnectDialog::requestConnect() {
    if (m_busy) {
        return;
    }
    const VaultConnectionSpec wanted = spec();
    QString problem = wanted.validate();
    if (problem.isEmpty()) {
        problem = m_auth->missing();
    }
    if (!problem.isEmpty()) {
        m_error->showMessage(problem);
        return;
    }
    m_error->clearMessage();
    connectWith(wanted, m_auth->takeCredentials());
}

void VaultConnectDialog::cancel() {
    ++m_attempt; // whatever the attempt in flight brings is undone, not shown
    setBusy(false);
    reject();
}

void VaultConnectDialog::setBusy(bool busy) {
    m_busy = busy;
    for (QWidget* field : std::initializer_list<QWidget*>{
             m_name, m_address, m_namespace, m_caFile, m_clientCert, m_clientKey, m_importButton}) {
        field->setEnabled(!busy);
    }
    m_auth->setBusy(busy);
    showConnecting(this, m_connectButton, busy);
    updateState();
}

QCoro::Task<> VaultConnectDialog::connectWith(VaultConnectionSpec spec,
                                              VaultCredentials credentials) {
    QPointer<VaultConnectDialog> self(this);
    QPointer<VaultConnector> connector(m_connector);
    const quint64 attempt = ++m_attempt;
    const QString id = spec.id;
    const VaultConnectionSpec wanted = spec;
    setBusy(true);
    auto task = m_connector->connectNew(std::move(spec), std::move(credentials));
    auto result = co_await std::move(task);
    const bool abandoned = !self || self->m_attempt != attempt;
    if (abandoned) {
        // The operator cancelled while it was signing in: do not leave the connection behind.
        if (result.ok() && connector) {
            auto logout = connector->logout(id, true);
            co_await std::move(logout);
        }
        co_return;
    }
    setBusy(false);
    if (!result.ok()) {
        m_error->showMessage(result.error().message());
        m_auth->setFocus();
        if (result.error().kind() != BackendError::Kind::Sealed) {
            co_return;
        }
        // A node nobody initialized yet answers "sealed" too: ask it which.
        SealStatusCheck node(VaultConnector::endpointFor(wanted));
        auto asking = node.sealStatus();
        auto status = co_await std::move(asking);
        if (self && status && !status->initialized) {
            m_error->showMessage(tr("%1 is not initialized yet.").arg(wanted.address));
            offerInit(wanted);
        }
        co_return;
    }
    Q_EMIT connected(id);
    accept();
}

void VaultConnectDialog::offerInit(const VaultConnectionSpec& spec) {
    auto* box = new QMessageBox(
        QMessageBox::Question, tr("Node not initialized"),
        tr("%1 is not initialized: nobody can sign in to it yet.").arg(spec.address),
        QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("vaultOfferInit"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("Save this connection and start the init ceremony now? The unseal "
                               "shares are handed out to the custodians one by one."));
    QPushButton* init = box->addButton(tr("&Initialize…"), QMessageBox::AcceptRole);
    box->setDefaultButton(init);
    connect(box, &QMessageBox::buttonClicked, this, [this, init, spec](QAbstractButton* clicked) {
        if (clicked == init) {
            Q_EMIT initializeRequested(spec);
            accept();
        }
    });
    box->open();
}

} // namespace strongroom
