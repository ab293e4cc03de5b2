#include "UnsealDialog.h"

#include "SealStatusView.h"
#include "SecretBytes.h"
#include "VaultOperator.h"
#include "VaultSession.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace strongroom {

UnsealDialog::UnsealDialog(VaultOperator* vaultOperator, const QString& nodeName, QWidget* parent)
    : QDialog(parent)
    , m_operator(vaultOperator)
    , m_status(new SealStatusView(this))
    , m_share(new QLineEdit(this))
    , m_submit(new QPushButton(tr("Submit share"), this))
    , m_reset(new QPushButton(tr("Reset attempt"), this))
    , m_migrate(new QCheckBox(tr("This share is for the seal migration"), this))
    , m_progressBar(new QProgressBar(this))
    , m_message(new QLabel(this))
    , m_poll(new QTimer(this)) {
    setWindowTitle(tr("Unseal %1").arg(nodeName));
    resize(520, 420);
    m_share->setEchoMode(QLineEdit::Password);
    m_share->setPlaceholderText(tr("One unseal share (hex or base64)"));
    m_share->setAccessibleName(tr("Unseal share"));
    m_migrate->setVisible(false);
    m_message->setWordWrap(true);
    m_progressBar->setFormat(tr("%v of %m shares"));
    m_submit->setDefault(true);
    m_submit->setEnabled(false);

    auto* shareRow = new QHBoxLayout;
    shareRow->addWidget(m_share, 1);
    shareRow->addWidget(m_submit);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_reset, QDialogButtonBox::ResetRole);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_progressBar);
    layout->addWidget(new QLabel(tr("Each custodian types their share and submits it; the field "
                                    "is cleared at once and the share is not kept."),
                                 this));
    layout->addLayout(shareRow);
    layout->addWidget(m_migrate);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_share, &QLineEdit::textChanged, this,
            [this](const QString& text) { m_submit->setEnabled(!m_busy && !text.isEmpty()); });
    connect(m_share, &QLineEdit::returnPressed, this, [this] {
        if (m_submit->isEnabled()) {
            submit();
        }
    });
    connect(m_submit, &QPushButton::clicked, this, [this] { submit(); });
    connect(m_reset, &QPushButton::clicked, this, [this] { reset(); });
    connect(m_poll, &QTimer::timeout, this, [this] {
        if (!m_busy) {
            refresh();
        }
    });
    m_poll->start(pollMs);
    refresh();
}

UnsealDialog::~UnsealDialog() = default;

void UnsealDialog::hideEvent(QHideEvent* event) {
    // A share typed but not submitted must not outlive the dialog.
    QString typed = m_share->text();
    wipe(typed);
    m_share->clear();
    m_poll->stop();
    QDialog::hideEvent(event);
}

void UnsealDialog::setBusy(bool busy) {
    m_busy = busy;
    m_submit->setEnabled(!busy && !m_share->text().isEmpty() && !isUnsealed());
    m_reset->setEnabled(!busy && m_last.sealed);
}

void UnsealDialog::showStatus(const VaultSealStatus& status) {
    const bool wasSealed = m_last.sealed || !m_last.initialized;
    if (!m_last.nonce.isEmpty() && !status.nonce.isEmpty() && status.nonce != m_last.nonce) {
        m_message->setText(tr("The unseal attempt changed (nonce %1 → %2): someone reset or "
                              "started it again, so shares given before no longer count.")
                               .arg(m_last.nonce, status.nonce));
    } else if (m_last.sealed && status.sealed && m_last.progress > 0 && status.progress == 0) {
        m_message->setText(tr("The unseal attempt was reset by someone else: shares given before "
                              "no longer count."));
    }
    m_last = status;
    m_status->display(status);
    m_progressBar->setRange(0, std::max(1, status.threshold));
    m_progressBar->setValue(status.sealed ? status.progress : status.threshold);
    m_migrate->setVisible(status.migration);
    m_share->setEnabled(status.initialized && status.sealed);
    setBusy(m_busy);
    if (!status.initialized) {
        m_message->setText(tr("This server is not initialized yet: initialize it first."));
    }
    if (status.initialized && !status.sealed && wasSealed) {
        m_message->setText(tr("Unsealed."));
        Q_EMIT unsealed();
    }
}

QCoro::Task<> UnsealDialog::refresh() {
    QPointer<UnsealDialog> self(this);
    if (!m_operator) {
        co_return;
    }
    auto asking = m_operator->sealStatus();
    auto status = co_await std::move(asking);
    if (!self) {
        co_return;
    }
    if (!status) {
        m_status->showError(status.error().message());
        co_return;
    }
    showStatus(status.value());
}

QCoro::Task<> UnsealDialog::submit() {
    QPointer<UnsealDialog> self(this);
    if (!m_operator || m_busy) {
        co_return;
    }
    QString typed = m_share->text().trimmed();
    m_share->clear();
    SecretBytes share = SecretBytes::takeFrom(typed);
    if (share.isEmpty()) {
        co_return;
    }
    setBusy(true);
    m_message->clear();
    auto unsealing = m_operator->unseal(std::move(share), m_migrate->isChecked());
    auto step = co_await std::move(unsealing);
    if (!self) {
        co_return;
    }
    setBusy(false);
    Q_EMIT stepTaken(QStringLiteral("unseal-share"),
                     step ? QStringLiteral("ok") : BackendError::kindName(step.error().kind()),
                     step ? tr("progress %1 of %2%3")
                                .arg(step->status.progress)
                                .arg(step->status.threshold)
                                .arg(step->status.sealed ? QString() : tr(", unsealed"))
                          : step.error().detail());
    if (!step) {
        // The server's own words for a wrong or malformed share; the attempt stays as it was.
        m_message->setText(tr("Share refused: %1").arg(step.error().message()));
        refresh();
        co_return;
    }
    if (step->attemptRestarted) {
        m_last.nonce = step->previousNonce; // so showStatus explains the change
    }
    showStatus(step->status);
    if (step->status.sealed) {
        m_message->setText(m_message->text().isEmpty() ? tr("Share accepted: %1 of %2.")
                                                             .arg(step->status.progress)
                                                             .arg(step->status.threshold)
                                                       : m_message->text());
    }
}

QCoro::Task<> UnsealDialog::reset() {
    QPointer<UnsealDialog> self(this);
    if (!m_operator || m_busy) {
        co_return;
    }
    setBusy(true);
    auto resetting = m_operator->resetUnseal();
    auto status = co_await std::move(resetting);
    if (!self) {
        co_return;
    }
    setBusy(false);
    Q_EMIT stepTaken(QStringLiteral("unseal-reset"),
                     status ? QStringLiteral("ok") : BackendError::kindName(status.error().kind()),
                     status ? QString() : status.error().detail());
    if (!status) {
        m_message->setText(status.error().message());
        co_return;
    }
    m_last.nonce.clear(); // our own reset: not someone else's
    m_last.progress = 0;
    showStatus(status.value());
    m_message->setText(tr("The attempt was reset: every custodian gives their share again."));
}

} // namespace strongroom
