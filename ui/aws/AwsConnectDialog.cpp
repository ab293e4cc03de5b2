#include "AwsConnectDialog.h"

#include "AwsKeyFields.h"
#include "ConnectionIds.h"
#include "ErrorLabel.h"
#include "MfaCodeDialog.h"
#include "Workspace.h"

#include <QComboBox>
#include <QCoroSignal>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace strongroom {

namespace {
QString durationText(int seconds) {
    if (seconds < 3600) {
        return AwsConnectDialog::tr("%1 minutes").arg(seconds / 60);
    }
    return seconds == 3600 ? AwsConnectDialog::tr("1 hour")
                           : AwsConnectDialog::tr("%1 hours").arg(seconds / 3600);
}
} // namespace

const QList<int>& AwsConnectDialog::sessionDurations() {
    static const QList<int> seconds{900, 1800, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 12 * 3600};
    return seconds;
}

AwsConnectDialog::AwsConnectDialog(Workspace* workspace, AwsConnector* connector, QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_connector(connector) {
    setWindowTitle(tr("Connect AWS Secrets Manager"));
    auto* form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("e.g. Production EU"));
    m_name->setAccessibleName(tr("Name"));
    form->addRow(tr("&Name:"), m_name);
    m_region = new QLineEdit(this);
    m_region->setPlaceholderText(tr("e.g. eu-west-1 (empty: from the profile or AWS_REGION)"));
    m_region->setAccessibleName(tr("Region"));
    form->addRow(tr("&Region:"), m_region);
    m_endpoint = new QLineEdit(this);
    m_endpoint->setPlaceholderText(tr("empty: AWS (set for moto, LocalStack, a VPC endpoint)"));
    m_endpoint->setAccessibleName(tr("Endpoint override"));
    form->addRow(tr("&Endpoint:"), m_endpoint);
    auto* account = new QGroupBox(tr("Account"), this);
    account->setLayout(form);

    auto* keysBox = new QGroupBox(tr("Keys"), this);
    auto* keysLayout = new QVBoxLayout(keysBox);
    m_keys = new AwsKeyFields(keysBox);
    keysLayout->addWidget(m_keys);
    m_role = buildRoleGroup();

    m_result = new QGroupBox(tr("Signed in"), this);
    m_identity = new QLabel(m_result);
    m_identity->setWordWrap(true);
    m_identity->setTextFormat(Qt::PlainText);
    m_identity->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_trace = new QPlainTextEdit(m_result);
    m_trace->setReadOnly(true);
    m_trace->setAccessibleName(tr("How the keys were found"));
    m_trace->setMaximumHeight(110);
    auto* resultLayout = new QVBoxLayout(m_result);
    resultLayout->addWidget(m_identity);
    resultLayout->addWidget(m_trace);
    m_result->setVisible(false);
    m_error = new ErrorLabel(this);

    auto* buttons = new QDialogButtonBox(this);
    m_connectButton = buttons->addButton(tr("C&onnect"), QDialogButtonBox::AcceptRole);
    m_connectButton->setDefault(true);
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(account);
    layout->addWidget(keysBox);
    layout->addWidget(m_role);
    layout->addWidget(m_result);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(560);

    for (QLineEdit* field : {m_name, m_region, m_endpoint, m_roleArn, m_mfaSerial}) {
        connect(field, &QLineEdit::textChanged, this, &AwsConnectDialog::updateState);
        connect(field, &QLineEdit::textEdited, m_error, &ErrorLabel::clearMessage);
    }
    connect(m_keys, &AwsKeyFields::changed, this, &AwsConnectDialog::updateState);
    connect(m_keys, &AwsKeyFields::changed, m_error, &ErrorLabel::clearMessage);
    connect(m_connectButton, &QPushButton::clicked, this, &AwsConnectDialog::requestConnect);
    connect(m_cancelButton, &QPushButton::clicked, this, &AwsConnectDialog::cancel);
    updateState();
}

AwsConnectDialog::~AwsConnectDialog() = default;

QGroupBox* AwsConnectDialog::buildRoleGroup() {
    auto* group = new QGroupBox(tr("Assume a role (optional)"), this);
    group->setCheckable(true);
    group->setChecked(false);
    m_roleArn = new QLineEdit(group);
    m_roleArn->setPlaceholderText(QStringLiteral("arn:aws:iam::123456789012:role/break-glass"));
    m_roleArn->setAccessibleName(tr("Role ARN"));
    m_mfaSerial = new QLineEdit(group);
    m_mfaSerial->setPlaceholderText(tr("none, or arn:aws:iam::123456789012:mfa/alice"));
    m_mfaSerial->setAccessibleName(tr("MFA serial"));
    m_duration = new QComboBox(group);
    for (int seconds : sessionDurations()) {
        m_duration->addItem(durationText(seconds), seconds);
    }
    m_duration->setCurrentIndex(m_duration->findData(3600));
    m_duration->setAccessibleName(tr("Session duration"));
    m_sessionName = new QLineEdit(group);
    m_sessionName->setPlaceholderText(tr("empty: strongroom-<user>"));
    m_sessionName->setAccessibleName(tr("Session name"));
    auto* form = new QFormLayout(group);
    form->addRow(tr("Role &ARN:"), m_roleArn);
    form->addRow(tr("&MFA serial:"), m_mfaSerial);
    form->addRow(tr("Session &duration:"), m_duration);
    form->addRow(tr("Session na&me:"), m_sessionName);
    connect(group, &QGroupBox::toggled, this, &AwsConnectDialog::updateState);
    return group;
}

void AwsConnectDialog::setCredentialSources(const QProcessEnvironment& environment,
                                            const QString& homeDir) {
    m_keys->setCredentialSources(environment, homeDir);
}

AwsConnectionSpec AwsConnectDialog::spec() const {
    AwsConnectionSpec spec;
    spec.displayName = m_name->text().trimmed();
    spec.id = unusedConnectionId(
        m_workspace,
        connectionIdFromName(spec.displayName, QStringLiteral("aws"), QStringLiteral("account")));
    spec.keySource = m_keys->keySource();
    spec.profile = m_keys->profile();
    spec.region = m_region->text().trimmed();
    spec.endpointUrl = m_endpoint->text().trimmed();
    if (m_role->isChecked()) {
        spec.roleArn = m_roleArn->text().trimmed();
        spec.mfaSerial = m_mfaSerial->text().trimmed();
        spec.sessionDurationSeconds = m_duration->currentData().toInt();
        spec.roleSessionName = m_sessionName->text().trimmed();
    }
    return spec;
}

void AwsConnectDialog::updateState() {
    m_connectButton->setEnabled(!m_busy && !isConnected() && !m_name->text().trimmed().isEmpty() &&
                                (!m_role->isChecked() || !m_roleArn->text().trimmed().isEmpty()));
}

void AwsConnectDialog::requestConnect() {
    if (m_busy || isConnected()) {
        return;
    }
    const AwsConnectionSpec wanted = spec();
    QString problem = wanted.validate();
    if (problem.isEmpty()) {
        problem = m_keys->missing();
    }
    if (!problem.isEmpty()) {
        m_error->showMessage(problem);
        return;
    }
    m_error->clearMessage();
    connectWith(wanted, m_keys->takeKeys());
}

void AwsConnectDialog::cancel() {
    if (isConnected()) {
        accept(); // "Close" once connected
        return;
    }
    reject();
}

void AwsConnectDialog::reject() {
    if (!isConnected()) {
        ++m_attempt; // whatever the attempt in flight brings is undone, not shown
        setBusy(false);
    }
    QDialog::reject();
}

void AwsConnectDialog::setBusy(bool busy) {
    m_busy = busy;
    for (QWidget* field : std::initializer_list<QWidget*>{m_name, m_region, m_endpoint, m_role}) {
        field->setEnabled(!busy && !isConnected());
    }
    m_keys->setBusy(busy || isConnected());
    showConnecting(this, m_connectButton, busy);
    updateState();
}

QCoro::Task<QString> AwsConnectDialog::askMfaCode(QString name, QString serial, QString reason) {
    QPointer<MfaCodeDialog> dialog = new MfaCodeDialog(name, serial, reason, this);
    dialog->open();
    auto finished = qCoro(dialog.data(), &QDialog::finished);
    const int answer = co_await std::move(finished);
    if (!dialog) {
        co_return QString();
    }
    const QString code = answer == QDialog::Accepted ? dialog->code() : QString();
    dialog->deleteLater();
    co_return code;
}

QCoro::Task<> AwsConnectDialog::connectWith(AwsConnectionSpec spec, AwsCredentials keys) {
    QPointer<AwsConnectDialog> self(this);
    QPointer<AwsConnector> connector(m_connector);
    const quint64 attempt = ++m_attempt;
    const QString id = spec.id;
    const QString name = spec.displayName;
    setBusy(true);
    QString mfaCode;
    for (;;) {
        auto task = m_connector->connectNew(spec, AwsSignIn{keys, mfaCode});
        auto result = co_await std::move(task);
        if (!self || self->m_attempt != attempt) {
            // The operator cancelled while it was signing in: do not leave the connection behind.
            if (result.ok() && connector) {
                auto logout = connector->logout(id, true);
                co_await std::move(logout);
            }
            co_return;
        }
        if (result.ok()) {
            break;
        }
        const auto serial = MfaCodeDialog::serialAskedFor(result.error());
        if (!serial || !mfaCode.isEmpty()) {
            setBusy(false);
            m_error->showMessage(result.error().message());
            co_return;
        }
        auto asking = askMfaCode(name, *serial, QString());
        mfaCode = co_await std::move(asking);
        if (!self || self->m_attempt != attempt) {
            co_return;
        }
        if (mfaCode.isEmpty()) {
            setBusy(false);
            m_error->showMessage(tr("Not connected: the role needs an MFA code."));
            co_return;
        }
    }
    setBusy(false);
    showConnected(id);
    Q_EMIT connected(id);
}

void AwsConnectDialog::showConnected(const QString& connectionId) {
    m_connectedId = connectionId;
    const auto session = m_connector ? m_connector->session(connectionId) : std::nullopt;
    if (session) {
        m_identity->setText(
            tr("Connected as %1\nKeys: %2\n%3")
                .arg(session->identityArn, session->source,
                     session->expires.isValid()
                         ? tr("Temporary credentials until %1")
                               .arg(QLocale().toString(session->expires.toLocalTime(),
                                                       QLocale::ShortFormat))
                         : tr("Long-lived keys (no expiry)")));
        m_trace->setPlainText(session->trace.join(QLatin1Char('\n')));
    } else {
        m_identity->setText(tr("Connected."));
    }
    m_trace->setVisible(!m_trace->toPlainText().isEmpty());
    m_result->setVisible(true);
    m_connectButton->setVisible(false);
    m_cancelButton->setText(tr("Close"));
    m_cancelButton->setDefault(true);
    setBusy(false);
}

} // namespace strongroom
