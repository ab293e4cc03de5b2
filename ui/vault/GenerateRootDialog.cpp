#include "GenerateRootDialog.h"

#include "GenerateRootCeremony.h"
#include "NewRootToken.h"
#include "RootTokenPanel.h"
#include "SecretBytes.h"
#include "SecretFieldText.h"

#include <QComboBox>
#include <QCoroSignal>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace strongroom {

namespace {
using Family = GenerateRootEndpoint::Family;
} // namespace

GenerateRootDialog::GenerateRootDialog(GenerateRootCeremony* ceremony, const QString& nodeName,
                                       AppSettings* settings, CredentialStore* credentials,
                                       QWidget* parent)
    : QDialog(parent)
    , m_ceremony(ceremony)
    , m_name(nodeName)
    , m_familyRow(new QWidget(this))
    , m_family(new QComboBox(m_familyRow))
    , m_familyReason(new QLabel(this))
    , m_attemptBox(new QGroupBox(tr("Attempt"), this))
    , m_attempt(new QLabel(tr("Reading the server's attempt…"), this))
    , m_nonce(new QLabel(QStringLiteral("—"), this))
    , m_progressBar(new QProgressBar(this))
    , m_share(new QLineEdit(this))
    , m_submit(new QPushButton(tr("Submit share"), this))
    , m_start(new QPushButton(tr("Start attempt"), this))
    , m_cancel(new QPushButton(tr("Cancel attempt…"), this))
    , m_message(new QLabel(this))
    , m_tokenPanel(new RootTokenPanel(settings, credentials, this))
    , m_poll(new QTimer(this)) {
    ceremony->setParent(this);
    setWindowTitle(tr("Generate root token — %1").arg(nodeName));
    resize(580, 500);
    m_family->addItem(tr("sys/generate-root (no token needed)"));
    m_family->addItem(tr("sys/generate-root-token (OpenBao 2.6+, this connection's token)"));
    m_family->setEnabled(false);
    m_familyReason->setWordWrap(true);
    m_attempt->setWordWrap(true);
    QFont nonceFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    nonceFont.setPointSizeF(nonceFont.pointSizeF() * 1.3);
    nonceFont.setBold(true);
    m_nonce->setFont(nonceFont);
    m_nonce->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_nonce->setAccessibleName(tr("Attempt nonce"));
    m_progressBar->setFormat(tr("%v of %m shares"));
    m_progressBar->setRange(0, 1);
    m_progressBar->setValue(0);
    m_share->setEchoMode(QLineEdit::Password);
    m_share->setPlaceholderText(tr("One unseal share (hex or base64)"));
    m_share->setAccessibleName(tr("Unseal share"));
    m_submit->setDefault(true);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tokenPanel->setVisible(false);

    auto* familyForm = new QFormLayout(m_familyRow);
    familyForm->setContentsMargins(0, 0, 0, 0);
    familyForm->addRow(tr("Endpoints:"), m_family);
    auto* nonceForm = new QFormLayout;
    nonceForm->addRow(tr("Nonce:"), m_nonce);
    auto* shareRow = new QHBoxLayout;
    shareRow->addWidget(m_share, 1);
    shareRow->addWidget(m_submit);
    auto* attemptButtons = new QHBoxLayout;
    attemptButtons->addWidget(m_start);
    attemptButtons->addWidget(m_cancel);
    attemptButtons->addStretch(1);
    auto* hint = new QLabel(tr("Custodians: check the nonce is the one you were told, then type "
                               "your share and submit it; the field is cleared at once and the "
                               "share is not kept."),
                            this);
    hint->setWordWrap(true);
    auto* attemptLayout = new QVBoxLayout(m_attemptBox);
    attemptLayout->addWidget(m_attempt);
    attemptLayout->addLayout(nonceForm);
    attemptLayout->addWidget(m_progressBar);
    attemptLayout->addWidget(hint);
    attemptLayout->addLayout(shareRow);
    attemptLayout->addLayout(attemptButtons);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_familyRow);
    layout->addWidget(m_familyReason);
    layout->addWidget(m_attemptBox);
    layout->addWidget(m_tokenPanel);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_family, &QComboBox::activated, this, &GenerateRootDialog::chooseFamily);
    connect(m_share, &QLineEdit::textChanged, this, [this] { updateControls(); });
    connect(m_share, &QLineEdit::returnPressed, this, [this] {
        if (m_submit->isEnabled()) {
            submit();
        }
    });
    connect(m_submit, &QPushButton::clicked, this, [this] { submit(); });
    connect(m_start, &QPushButton::clicked, this, [this] { start(); });
    connect(m_cancel, &QPushButton::clicked, this, [this] { cancelAttempt(); });
    connect(m_ceremony, &GenerateRootCeremony::progressed, this, &GenerateRootDialog::showStatus);
    connect(m_ceremony, &GenerateRootCeremony::attemptChanged, this,
            &GenerateRootDialog::explainChange);
    connect(m_ceremony, &GenerateRootCeremony::tokenReady, this, &GenerateRootDialog::tokenReady);
    connect(m_poll, &QTimer::timeout, this, [this] {
        if (!m_busy && !m_closing && !m_ceremony->isComplete() && m_ceremony->endpoint()) {
            refresh();
        }
    });
    updateControls();
    detect();
}

GenerateRootDialog::~GenerateRootDialog() = default;

void GenerateRootDialog::setClipboard(Clipboard* clipboard) {
    m_tokenPanel->setClipboard(clipboard);
}

QString GenerateRootDialog::ourNonce() const {
    return m_ceremony->ourNonce();
}

bool GenerateRootDialog::hasStatus() const {
    return m_ceremony->knowsAttempt();
}

void GenerateRootDialog::setBusy(bool busy) {
    m_busy = busy;
    updateControls();
}

void GenerateRootDialog::updateControls() {
    const bool idle = !m_busy && !m_closing && !m_ceremony->isComplete();
    const bool ours = !m_ceremony->ourNonce().isEmpty();
    const bool known = m_ceremony->knowsAttempt();
    const bool running = m_ceremony->attempt().started;
    m_family->setEnabled(idle && !ours);
    m_start->setEnabled(idle && known && !running);
    m_cancel->setEnabled(idle && known && running);
    m_share->setEnabled(idle && ours);
    m_submit->setEnabled(idle && ours && !m_share->text().isEmpty());
}

void GenerateRootDialog::showFamily(bool authenticated, const QString& path,
                                    const QString& reason) {
    const QString& detected = m_detectedReason;
    const QSignalBlocker quiet(m_family);
    m_family->setCurrentIndex(authenticated ? 1 : 0);
    if (!authenticated && detected == reason) {
        m_familyReason->setText(tr("Using %1: %2. The authenticated sys/generate-root-token "
                                   "(OpenBao 2.6+) is not needed; choose it above to use this "
                                   "connection's token instead.")
                                    .arg(path, reason));
    } else if (detected == reason) {
        m_familyReason->setText(tr("Using %1: %2.").arg(path, reason));
    } else {
        m_familyReason->setText(
            tr("Using %1, chosen here. What the server offered: %2.")
                .arg(path, detected.isEmpty() ? tr("not found out yet") : detected));
    }
}

QCoro::Task<> GenerateRootDialog::detect() {
    QPointer<GenerateRootDialog> self(this);
    setBusy(true);
    auto detecting = m_ceremony->detect();
    auto found = co_await std::move(detecting);
    if (!self) {
        co_return;
    }
    setBusy(false);
    m_poll->start(pollMs);
    if (!found) {
        m_detectedReason = found.error().detail();
        m_familyReason->setText(tr("No generate-root endpoints found: %1. You can choose a family "
                                   "above to try it anyway.")
                                    .arg(found.error().message()));
        m_attempt->setText(tr("Unknown."));
        updateControls();
        co_return;
    }
    m_detectedReason = found->reason;
    showFamily(found->family == Family::Authenticated, found->path, found->reason);
    showStatus();
}

void GenerateRootDialog::chooseFamily(int index) {
    if (!m_ceremony->ourNonce().isEmpty() || m_ceremony->isComplete()) {
        return;
    }
    m_ceremony->useFamily(index == 1 ? Family::Authenticated : Family::Unauthenticated);
    if (const auto& chosen = m_ceremony->endpoint()) {
        showFamily(chosen->family == Family::Authenticated, chosen->path, chosen->reason);
    }
    m_message->clear();
    updateControls();
    refresh();
}

void GenerateRootDialog::explainChange(const QString& ours, const QString& now) {
    m_message->setText(tr("The generate-root attempt changed (nonce %1 → %2): someone "
                          "cancelled or restarted it, so the shares given here no longer "
                          "count. Start a new attempt.")
                           .arg(ours, now.isEmpty() ? tr("none running") : now));
}

void GenerateRootDialog::showStatus() {
    const GenerateRootStatus& status = m_ceremony->attempt();
    if (!m_ceremony->knowsAttempt() || m_ceremony->isComplete()) {
        updateControls();
        return;
    }
    if (!status.started) {
        m_attempt->setText(tr("No attempt is running. Start one: its one-time password is made "
                              "here and kept in memory only."));
    } else if (status.nonce == m_ceremony->ourNonce()) {
        m_attempt->setText(tr("Attempt started here: custodians give their unseal shares one at "
                              "a time."));
    } else {
        m_attempt->setText(tr("An attempt started elsewhere is running. Its one-time password is "
                              "not known here, so its token could not be read here: cancel it "
                              "to start one here."));
    }
    m_nonce->setText(status.started ? status.nonce : QStringLiteral("—"));
    m_progressBar->setRange(0, std::max(1, status.required));
    m_progressBar->setValue(status.started ? status.progress : 0);
    updateControls();
}

QCoro::Task<> GenerateRootDialog::refresh() {
    QPointer<GenerateRootDialog> self(this);
    auto reading = m_ceremony->refresh();
    auto status = co_await std::move(reading);
    if (!self || m_busy || m_ceremony->isComplete()) {
        co_return;
    }
    if (!status) {
        m_attempt->setText(tr("Could not read the attempt: %1").arg(status.error().message()));
    }
}

QCoro::Task<> GenerateRootDialog::start() {
    QPointer<GenerateRootDialog> self(this);
    if (m_busy) {
        co_return;
    }
    setBusy(true);
    m_message->clear();
    auto starting = m_ceremony->start();
    auto started = co_await std::move(starting);
    if (!self) {
        co_return;
    }
    setBusy(false);
    if (!started) {
        m_message->setText(tr("Could not start: %1").arg(started.error().message()));
        refresh();
        co_return;
    }
    m_message->setText(
        tr("Attempt started. Tell the custodians its nonce: %1.").arg(m_ceremony->ourNonce()));
}

QCoro::Task<> GenerateRootDialog::submit() {
    QPointer<GenerateRootDialog> self(this);
    if (m_busy || m_ceremony->ourNonce().isEmpty()) {
        co_return;
    }
    SecretBytes share = takeSecretText(m_share, true);
    if (share.isEmpty()) {
        co_return;
    }
    setBusy(true);
    m_message->clear();
    const QString nonce = m_ceremony->ourNonce();
    auto submitting = m_ceremony->submitShare(std::move(share));
    auto step = co_await std::move(submitting);
    if (!self) {
        co_return;
    }
    setBusy(false);
    if (!step) {
        const BackendError& error = step.error();
        if (error.kind() == BackendError::Kind::Conflict) {
            m_message->setText(
                tr("The generate-root attempt changed (nonce %1 is gone): someone cancelled or "
                   "restarted it, so the shares given here no longer count. Start a new attempt. "
                   "%2")
                    .arg(nonce, error.detail()));
        } else {
            m_message->setText(tr("Share refused: %1").arg(error.message()));
        }
        refresh();
        co_return;
    }
    if (!step->complete) {
        m_message->setText(tr("Share accepted: %1 of %2.").arg(step->progress).arg(step->required));
        co_return;
    }
    if (!m_ceremony->pgpFingerprint().isEmpty()) {
        m_poll->stop();
        updateControls();
        m_message->setText(tr("Complete: the token was encrypted to PGP key %1; decrypt it with "
                              "that key.")
                               .arg(m_ceremony->pgpFingerprint()));
    }
}

void GenerateRootDialog::tokenReady() {
    m_poll->stop();
    m_progressBar->setValue(m_progressBar->maximum());
    m_attemptBox->setVisible(false);
    m_familyRow->setVisible(false);
    m_familyReason->setVisible(false);
    m_family->setEnabled(false);
    const QString keychainName = QStringLiteral("%1:%2").arg(
        m_keychainPrefix,
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddHHmmss")));
    m_tokenPanel->hold(m_ceremony->newToken(), keychainName);
    m_tokenPanel->setVisible(true);
    const GenerateRootStatus& done = m_ceremony->attempt();
    m_message->setText(tr("Complete: attempt %1, %2 of %2 shares, through %3.")
                           .arg(done.nonce)
                           .arg(done.required)
                           .arg(m_ceremony->familyPath()));
    updateControls();
}

QCoro::Task<> GenerateRootDialog::cancelAttempt() {
    QPointer<GenerateRootDialog> self(this);
    if (m_busy || !m_ceremony->attempt().started) {
        co_return;
    }
    const GenerateRootStatus shown = m_ceremony->attempt();
    QPointer<QMessageBox> box = new QMessageBox(
        QMessageBox::Question, tr("Cancel the attempt"),
        tr("Cancel the generate-root attempt %1 (%2 of %3 shares given)? Custodians give their "
           "shares again for a new attempt.")
            .arg(shown.nonce)
            .arg(shown.progress)
            .arg(shown.required),
        QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("cancelAttemptConfirmation"));
    box->addButton(tr("Keep it running"), QMessageBox::RejectRole);
    QPushButton* confirm = box->addButton(tr("Cancel attempt"), QMessageBox::AcceptRole);
    box->setDefaultButton(confirm);
    box->open();
    auto clicking = qCoro(box.data(), &QMessageBox::buttonClicked);
    auto clicked = co_await std::move(clicking);
    if (!self || !box) {
        co_return;
    }
    box->deleteLater();
    if (clicked != confirm) {
        co_return;
    }
    setBusy(true);
    auto cancelling = m_ceremony->cancel();
    auto cancelled = co_await std::move(cancelling);
    if (!self) {
        co_return;
    }
    setBusy(false);
    m_message->setText(cancelled ? tr("The attempt was cancelled.")
                                 : tr("Could not cancel: %1").arg(cancelled.error().message()));
    refresh();
}

void GenerateRootDialog::done(int result) {
    if (m_closing) {
        return;
    }
    if (m_busy) {
        m_message->setText(tr("Waiting for the server's answer; close again in a moment."));
        return;
    }
    if (!m_ceremony->ourNonce().isEmpty() || m_tokenPanel->needsRevocation()) {
        closeAfterCleanup(result);
        return;
    }
    m_tokenPanel->release(); // a kept token that was not stored is forgotten here
    QDialog::done(result);
}

QCoro::Task<> GenerateRootDialog::closeAfterCleanup(int result) {
    QPointer<GenerateRootDialog> self(this);
    m_closing = true;
    updateControls();
    if (!m_ceremony->ourNonce().isEmpty()) {
        // The one-time password dies with this window: nobody could read the attempt's token.
        m_message->setText(tr("Cancelling the unfinished attempt…"));
        auto cancelling = m_ceremony->cancel(QStringLiteral("the window was closed"));
        co_await std::move(cancelling);
        if (!self) {
            co_return;
        }
    }
    if (m_tokenPanel->needsRevocation()) {
        m_message->setText(tr("Revoking the new root token before closing…"));
        auto revoking = m_tokenPanel->revoke(QStringLiteral("revoked when the window closed"));
        auto revoked = co_await std::move(revoking);
        if (!self) {
            co_return;
        }
        if (!revoked) {
            m_closing = false;
            updateControls();
            m_message->setText(tr("The window stays open: the new root token could not be "
                                  "revoked (%1).")
                                   .arg(revoked.error().message()));
            co_return;
        }
    }
    m_closing = false;
    done(result);
}

void GenerateRootDialog::hideEvent(QHideEvent* event) {
    // A share typed but not submitted must not outlive the dialog.
    QString typed = m_share->text();
    wipe(typed);
    m_share->clear();
    m_poll->stop();
    QDialog::hideEvent(event);
}

} // namespace strongroom
