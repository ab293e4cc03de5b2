#include "UnsealDialog.h"

#include "SealStatusView.h"
#include "SecretBytes.h"
#include "SecretFieldText.h"
#include "VaultOperator.h"
#include "VaultSession.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

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
    , m_poll(new QTimer(this))
    , m_nodes(new QTableWidget(0, 3, this))
    , m_addNode(new QPushButton(tr("Add cluster node…"), this))
    , m_name(nodeName) {
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
    buttons->addButton(m_addNode, QDialogButtonBox::ActionRole);
    m_nodes->setHorizontalHeaderLabels({tr("Node"), tr("State"), tr("Progress")});
    m_nodes->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_nodes->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_nodes->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_nodes->setSelectionMode(QAbstractItemView::NoSelection);
    m_nodes->setFocusPolicy(Qt::NoFocus);
    m_nodes->verticalHeader()->setVisible(false);
    m_nodes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_nodes->setVisible(false);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_progressBar);
    layout->addWidget(m_nodes);
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
    connect(m_addNode, &QPushButton::clicked, this, &UnsealDialog::askForNode);
    connect(m_poll, &QTimer::timeout, this, [this] {
        if (!m_busy) {
            refresh();
            refreshOthers();
        }
    });
    m_poll->start(pollMs);
    refresh();
}

UnsealDialog::~UnsealDialog() = default;

bool UnsealDialog::isUnsealed() const {
    const bool first = m_last.initialized && !m_last.sealed;
    return first && std::all_of(m_others.begin(), m_others.end(), [](const OtherNode& node) {
               return node.known && node.last.initialized && !node.last.sealed;
           });
}

void UnsealDialog::addNode(const QString& name, VaultOperator* vaultOperator) {
    vaultOperator->setParent(this);
    m_others.push_back({name, vaultOperator, {}, false, {}});
    showNodes();
    refreshOthers();
}

void UnsealDialog::askForNode() {
    auto* input = new QInputDialog(this);
    input->setAttribute(Qt::WA_DeleteOnClose);
    input->setObjectName(QStringLiteral("unsealNodeInput"));
    input->setWindowTitle(tr("Add cluster node"));
    input->setLabelText(tr("Address of another node of this cluster (each share is applied to "
                           "every sealed node):"));
    input->setTextValue(QStringLiteral("https://"));
    connect(input, &QInputDialog::textValueSelected, this, [this](const QString& address) {
        if (!address.trimmed().isEmpty()) {
            Q_EMIT nodeRequested(address.trimmed());
        }
    });
    input->open();
}

void UnsealDialog::showNodes() {
    m_nodes->setVisible(!m_others.empty());
    m_nodes->setRowCount(nodeCount());
    // Every node in sight without scrolling (up to eight; more scroll).
    const int shown = std::min(nodeCount(), 8);
    m_nodes->setMinimumHeight(m_nodes->horizontalHeader()->sizeHint().height() +
                              shown * m_nodes->verticalHeader()->defaultSectionSize() +
                              2 * m_nodes->frameWidth());
    const auto fill = [this](int row, const QString& name, const VaultSealStatus& status,
                             bool known, const QString& error) {
        m_nodes->setItem(row, 0, new QTableWidgetItem(name));
        m_nodes->setItem(row, 1,
                         new QTableWidgetItem(!error.isEmpty()      ? error
                                              : !known              ? tr("asking…")
                                              : !status.initialized ? tr("Not initialized")
                                              : status.sealed       ? tr("Sealed")
                                                                    : tr("Unsealed")));
        m_nodes->setItem(
            row, 2,
            new QTableWidgetItem(known && status.sealed
                                     ? tr("%1 / %2").arg(status.progress).arg(status.threshold)
                                     : QString()));
    };
    fill(0, m_name, m_last, m_last.initialized || m_last.threshold > 0, {});
    for (std::size_t i = 0; i < m_others.size(); ++i) {
        const auto& node = m_others[i];
        fill(static_cast<int>(i) + 1, node.name, node.last, node.known, node.error);
    }
}

QCoro::Task<> UnsealDialog::refreshOthers() {
    QPointer<UnsealDialog> self(this);
    for (std::size_t i = 0; i < m_others.size(); ++i) {
        QPointer<VaultOperator> node = m_others[i].vaultOperator;
        if (!node) {
            continue;
        }
        auto asking = node->sealStatus();
        auto status = co_await std::move(asking);
        if (!self || i >= m_others.size()) {
            co_return;
        }
        m_others[i].error = status ? QString() : status.error().message();
        if (status) {
            m_others[i].last = status.value();
            m_others[i].known = true;
        }
    }
    showNodes();
}

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
    showNodes();
    m_progressBar->setRange(0, std::max(1, status.threshold));
    m_progressBar->setValue(status.sealed ? status.progress : status.threshold);
    m_migrate->setVisible(status.migration);
    m_share->setEnabled(status.initialized && !isUnsealed());
    setBusy(m_busy);
    if (!status.initialized) {
        m_message->setText(tr("This server is not initialized yet: initialize it first."));
    }
    if (status.initialized && !status.sealed && wasSealed && m_others.empty()) {
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
    SecretBytes share = takeSecretText(m_share, true);
    if (share.isEmpty()) {
        co_return;
    }
    setBusy(true);
    m_message->clear();
    QStringList refusals;
    if (m_last.sealed || !m_last.initialized) {
        auto unsealing = m_operator->unseal(share, m_migrate->isChecked());
        auto step = co_await std::move(unsealing);
        if (!self) {
            co_return;
        }
        Q_EMIT stepTaken(QStringLiteral("unseal-share"),
                         step ? QStringLiteral("ok") : BackendError::kindName(step.error().kind()),
                         (step ? tr("%1: progress %2 of %3%4")
                                     .arg(m_name)
                                     .arg(step->status.progress)
                                     .arg(step->status.threshold)
                                     .arg(step->status.sealed ? QString() : tr(", unsealed"))
                               : tr("%1: %2").arg(m_name, step.error().detail())));
        if (step) {
            if (step->attemptRestarted) {
                m_last.nonce = step->previousNonce; // so showStatus explains the change
            }
            showStatus(step->status);
        } else {
            // The server's own words for a wrong or malformed share; the attempt stays.
            refusals << (m_others.empty() ? step.error().message()
                                          : tr("%1: %2").arg(m_name, step.error().message()));
        }
    }
    // The same share, while it is still in memory, for every other node still sealed.
    for (std::size_t i = 0; i < m_others.size(); ++i) {
        QPointer<VaultOperator> node = m_others[i].vaultOperator;
        if (!node || (m_others[i].known && !m_others[i].last.sealed)) {
            continue;
        }
        auto unsealing = node->unseal(share, m_migrate->isChecked());
        auto step = co_await std::move(unsealing);
        if (!self || i >= m_others.size()) {
            co_return;
        }
        const QString name = m_others[i].name;
        Q_EMIT stepTaken(QStringLiteral("unseal-share"),
                         step ? QStringLiteral("ok") : BackendError::kindName(step.error().kind()),
                         step ? tr("%1: progress %2 of %3%4")
                                    .arg(name)
                                    .arg(step->status.progress)
                                    .arg(step->status.threshold)
                                    .arg(step->status.sealed ? QString() : tr(", unsealed"))
                              : tr("%1: %2").arg(name, step.error().detail()));
        if (step) {
            m_others[i].last = step->status;
            m_others[i].known = true;
            m_others[i].error.clear();
        } else {
            refusals << tr("%1: %2").arg(name, step.error().message());
        }
    }
    share.clear();
    setBusy(false);
    showNodes();
    if (!refusals.isEmpty()) {
        m_message->setText(tr("Share refused: %1").arg(refusals.join(QStringLiteral("; "))));
        refresh();
        co_return;
    }
    if (!m_others.empty() && isUnsealed()) {
        m_message->setText(tr("Every node is unsealed."));
        Q_EMIT unsealed();
        co_return;
    }
    if (m_last.sealed && m_message->text().isEmpty()) {
        m_message->setText(
            tr("Share accepted: %1 of %2.").arg(m_last.progress).arg(m_last.threshold));
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
