#include "InitDialog.h"

#include "ErrorLabel.h"
#include "InitializeCeremony.h"
#include "InitSecretStep.h"
#include "SealStatusCheck.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace strongroom {

namespace {

enum Page { FormPage, SharesPage, RootTokenPage, DonePage };

QStringList nonEmptyLines(const QString& text) {
    QStringList lines;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty()) {
            lines << line.trimmed();
        }
    }
    return lines;
}

} // namespace

InitDialog::InitDialog(InitializeCeremony* ceremony, const QString& nodeName, AppSettings* settings,
                       Clipboard* clipboard, QWidget* parent)
    : QDialog(parent)
    , m_ceremony(ceremony)
    , m_name(nodeName)
    , m_pages(new QStackedWidget(this))
    , m_status(new QLabel(tr("Reading the seal status of %1…").arg(nodeName), this))
    , m_shares(new QSpinBox(this))
    , m_threshold(new QSpinBox(this))
    , m_pgpKeys(new QPlainTextEdit(this))
    , m_rootPgpKey(new QLineEdit(this))
    , m_initialize(new QPushButton(tr("&Initialize"), this))
    , m_formMessage(new ErrorLabel(this))
    , m_shareHint(new QLabel(this))
    , m_shareStep(new InitSecretStep(settings, clipboard, this))
    , m_stored(new QPushButton(tr("I have &stored it"), this))
    , m_tokenStep(new InitSecretStep(settings, clipboard, this))
    , m_tokenHint(new QLabel(this))
    , m_keep(new QPushButton(tr("&Keep in the keychain for this connection"), this))
    , m_discard(new QPushButton(tr("&Discard"), this))
    , m_done(new QLabel(this))
    , m_close(new QPushButton(tr("Close"), this)) {
    ceremony->setParent(this);
    setWindowTitle(tr("Initialize %1").arg(nodeName));
    setMinimumWidth(580);
    m_status->setWordWrap(true);
    m_pages->addWidget(buildForm());
    m_pages->addWidget(buildShares());
    m_pages->addWidget(buildRootToken());
    m_done->setWordWrap(true);
    m_pages->addWidget(m_done);

    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_pages, 1);
    layout->addWidget(buttons);
    connect(m_close, &QPushButton::clicked, this, &InitDialog::reject);
    setStage(Stage::Checking);
    checkStatus();
}

InitDialog::~InitDialog() = default; // the ceremony wipes what was not handed out

QCoro::Task<> InitDialog::enableIfUninitialized(QAction* action, SealStatusCheck* probe) {
    QPointer<QAction> alive(action);
    action->setEnabled(false);
    auto asking = probe->sealStatus();
    auto status = co_await std::move(asking);
    if (!alive) {
        co_return;
    }
    if (!status) {
        alive->setText(tr("Initialize… (node not reachable)"));
        alive->setToolTip(status.error().message());
    } else if (status->initialized) {
        alive->setText(tr("Initialize… (already initialized)"));
    } else {
        alive->setEnabled(true);
    }
}

QWidget* InitDialog::buildForm() {
    auto* page = new QWidget(this);
    m_shares->setRange(1, 255);
    m_shares->setValue(5);
    m_shares->setAccessibleName(tr("Number of shares"));
    m_threshold->setRange(1, 255);
    m_threshold->setValue(3);
    m_threshold->setAccessibleName(tr("Threshold"));
    m_pgpKeys->setPlaceholderText(tr("Optional: one line per share, in order\n(base64 public "
                                     "key or keybase:user)"));
    m_pgpKeys->setTabChangesFocus(true);
    m_pgpKeys->setMaximumHeight(90);
    m_rootPgpKey->setPlaceholderText(tr("Optional: PGP public key for the root token"));
    m_initialize->setDefault(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Unseal &shares:"), m_shares);
    form->addRow(tr("&Threshold (shares needed to unseal):"), m_threshold);
    form->addRow(tr("&PGP keys for the shares:"), m_pgpKeys);
    form->addRow(tr("PGP key for the &root token:"), m_rootPgpKey);
    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(m_initialize);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_formMessage);
    layout->addStretch(1);
    layout->addLayout(row);
    connect(m_initialize, &QPushButton::clicked, this, [this] { initialize(); });
    return page;
}

QWidget* InitDialog::buildShares() {
    auto* page = new QWidget(this);
    m_shareHint->setWordWrap(true);
    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(m_stored);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_shareHint);
    layout->addWidget(m_shareStep);
    layout->addStretch(1);
    layout->addLayout(row);
    connect(m_stored, &QPushButton::clicked, this, &InitDialog::shareStored);
    return page;
}

QWidget* InitDialog::buildRootToken() {
    auto* page = new QWidget(this);
    m_tokenHint->setWordWrap(true);
    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(m_discard);
    row->addWidget(m_keep);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tokenHint);
    layout->addWidget(m_tokenStep);
    layout->addStretch(1);
    layout->addLayout(row);
    connect(m_keep, &QPushButton::clicked, this, [this] { keepRootToken(); });
    connect(m_discard, &QPushButton::clicked, this, &InitDialog::discardRootToken);
    return page;
}

void InitDialog::setStage(Stage stage) {
    m_stage = stage;
    switch (stage) {
    case Stage::Checking:
    case Stage::Form:
    case Stage::Initializing:
        m_pages->setCurrentIndex(FormPage);
        break;
    case Stage::Shares:
        m_pages->setCurrentIndex(SharesPage);
        break;
    case Stage::RootToken:
        m_pages->setCurrentIndex(RootTokenPage);
        break;
    case Stage::Done:
        m_pages->setCurrentIndex(DonePage);
        break;
    }
    m_initialize->setEnabled(stage == Stage::Form);
    m_close->setText(stage == Stage::Done ? tr("Close") : tr("Cancel"));
}

QCoro::Task<> InitDialog::checkStatus() {
    QPointer<InitDialog> self(this);
    auto asking = m_ceremony->sealStatus();
    auto status = co_await std::move(asking);
    if (!self) {
        co_return;
    }
    if (!status) {
        m_status->setText(
            tr("Could not read the seal status of %1: %2").arg(m_name, status.error().message()));
        setStage(Stage::Form);
        m_initialize->setEnabled(false);
        co_return;
    }
    if (status->initialized) {
        m_status->setText(tr("%1 is already initialized (%2 shares, threshold %3). There is "
                             "nothing to do here: its shares were handed out when it was "
                             "initialized. Use Unseal… if it is sealed.")
                              .arg(m_name)
                              .arg(status->shares)
                              .arg(status->threshold));
        setStage(Stage::Form);
        m_initialize->setEnabled(false);
        co_return;
    }
    m_status->setText(tr("%1 is not initialized. Choose how many unseal shares to make and how "
                         "many of them unseal it.")
                          .arg(m_name));
    setStage(Stage::Form);
}

QCoro::Task<> InitDialog::initialize() {
    QPointer<InitDialog> self(this);
    VaultInitRequest request;
    request.shares = m_shares->value();
    request.threshold = m_threshold->value();
    request.pgpKeys = nonEmptyLines(m_pgpKeys->toPlainText());
    request.rootTokenPgpKey = m_rootPgpKey->text().trimmed();
    if (const QString problem = InitializeCeremony::problem(request); !problem.isEmpty()) {
        m_formMessage->showMessage(tr("Nothing was sent: %1.").arg(problem));
        co_return;
    }
    if (m_stage != Stage::Form) {
        co_return;
    }
    m_formMessage->clearMessage();
    setStage(Stage::Initializing);
    m_status->setText(tr("Initializing %1…").arg(m_name));
    auto initializing = m_ceremony->initialize(std::move(request));
    auto result = co_await std::move(initializing);
    if (!self) {
        co_return; // only when the application quits mid-request
    }
    if (!result) {
        m_formMessage->showMessage(
            tr("The server refused to initialize: %1").arg(result.error().message()));
        m_status->setText(tr("%1 is not initialized.").arg(m_name));
        setStage(Stage::Form);
        co_return;
    }
    m_status->setText(tr("%1 is initialized and sealed. Hand each share to its custodian now: "
                         "they are shown once and not kept anywhere.")
                          .arg(m_name));
    setStage(Stage::Shares);
    showShare();
}

void InitDialog::showShare() {
    const int count = m_ceremony->shareCount();
    const int number = m_ceremony->handedOut() + 1;
    m_shareHint->setText(
        m_ceremony->sharesEncrypted()
            ? tr("This share is encrypted to custodian %1's PGP key.").arg(number)
            : tr("Custodian %1: reveal, copy or save your share, store it safely, then confirm. "
                 "It is wiped from memory when you do.")
                  .arg(number));
    m_shareStep->present(tr("Share %1 of %2").arg(number).arg(count), m_ceremony->takeShare());
    m_stored->setText(number < count ? tr("I have &stored it — next share")
                                     : tr("I have &stored it — root token"));
}

void InitDialog::shareStored() {
    m_shareStep->wipe();
    m_ceremony->shareStored();
    if (m_ceremony->stage() == InitializeCeremony::Stage::HandingOut) {
        showShare();
        return;
    }
    const bool encrypted = m_ceremony->rootTokenEncrypted();
    m_tokenHint->setText(
        encrypted ? tr("The root token is encrypted to the root token PGP key: hand it to the "
                       "key's holder. It cannot be kept for the connection.")
                  : tr("The initial root token can do anything on %1. Keep it in the keychain "
                       "for this connection (the connection signs in with it once %1 is "
                       "unsealed), or discard it and make one later with Generate root.")
                        .arg(m_name));
    m_keep->setEnabled(m_ceremony->canKeepRootToken());
    m_tokenStep->present(tr("Initial root token"), m_ceremony->rootToken());
    m_status->setText(tr("Every share is handed out."));
    setStage(Stage::RootToken);
}

QCoro::Task<> InitDialog::keepRootToken() {
    QPointer<InitDialog> self(this);
    if (!m_ceremony->canKeepRootToken() || m_stage != Stage::RootToken) {
        co_return;
    }
    m_keep->setEnabled(false);
    m_discard->setEnabled(false);
    m_tokenStep->wipe();
    auto keeping = m_ceremony->keepRootToken();
    auto kept = co_await std::move(keeping);
    if (!self) {
        co_return;
    }
    const int threshold = m_ceremony->request().threshold;
    if (!kept) {
        finish(tr("The root token could not be kept: %1. It is gone; make a new one with "
                  "Generate root once %2 is unsealed.")
                   .arg(kept.error().message(), m_name));
        co_return;
    }
    finish(tr("The root token is kept in the keychain for this connection. Unseal %1 with %2 "
              "of the shares; the connection then signs in with it.")
               .arg(m_name)
               .arg(threshold));
}

void InitDialog::discardRootToken() {
    m_tokenStep->wipe();
    m_ceremony->discardRootToken();
    finish(tr("The root token is discarded. Unseal %1 with %2 of the shares.")
               .arg(m_name)
               .arg(m_ceremony->request().threshold));
}

void InitDialog::finish(const QString& text) {
    m_done->setText(text);
    m_status->setText(tr("The init ceremony of %1 is over.").arg(m_name));
    setStage(Stage::Done);
}

void InitDialog::reject() {
    if (m_stage == Stage::Initializing) {
        // The shares are on their way: closing now would lose them unseen.
        m_status->setText(tr("Waiting for %1 to answer; the shares come next.").arg(m_name));
        return;
    }
    if (m_stage != Stage::Shares && m_stage != Stage::RootToken) {
        QDialog::reject();
        return;
    }
    const int left =
        m_stage == Stage::Shares ? m_ceremony->shareCount() - m_ceremony->handedOut() : 0;
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Stop the init ceremony?"),
                                left > 0 ? tr("%1 shares were not handed out yet.").arg(left)
                                         : tr("The root token was neither kept nor discarded."),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("initCloseConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("Whatever was not handed out is lost for good: nothing keeps a "
                               "copy. Without %1 shares %2 can never be unsealed again.")
                                .arg(m_ceremony->request().threshold)
                                .arg(m_name));
    QPushButton* lose = box->addButton(tr("Close and lose them"), QMessageBox::DestructiveRole);
    QPushButton* back = box->addButton(tr("Go back"), QMessageBox::RejectRole);
    box->setDefaultButton(back);
    connect(box, &QMessageBox::buttonClicked, this, [this, lose](QAbstractButton* clicked) {
        if (clicked != lose) {
            return;
        }
        m_shareStep->wipe();
        m_tokenStep->wipe();
        m_ceremony->abandon();
        m_stage = Stage::Done;
        QDialog::reject();
    });
    box->open();
}

} // namespace strongroom
