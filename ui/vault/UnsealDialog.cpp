#include "UnsealDialog.h"

#include "SealStatusView.h"
#include "SecretBytes.h"
#include "SecretFieldText.h"
#include "UnsealCeremony.h"

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

UnsealDialog::UnsealDialog(UnsealCeremony* ceremony, QWidget* parent)
    : QDialog(parent)
    , m_ceremony(ceremony)
    , m_status(new SealStatusView(this))
    , m_share(new QLineEdit(this))
    , m_submit(new QPushButton(tr("Submit share"), this))
    , m_reset(new QPushButton(tr("Reset attempt"), this))
    , m_migrate(new QCheckBox(tr("This share is for the seal migration"), this))
    , m_progressBar(new QProgressBar(this))
    , m_message(new QLabel(this))
    , m_poll(new QTimer(this))
    , m_nodes(new QTableWidget(0, 3, this))
    , m_addNode(new QPushButton(tr("Add cluster node…"), this)) {
    ceremony->setParent(this);
    setWindowTitle(tr("Unseal %1").arg(ceremony->node(0).name));
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
    connect(m_share, &QLineEdit::textChanged, this, &UnsealDialog::updateControls);
    connect(m_share, &QLineEdit::returnPressed, this, [this] {
        if (m_submit->isEnabled()) {
            submit();
        }
    });
    connect(m_submit, &QPushButton::clicked, this, [this] { submit(); });
    connect(m_reset, &QPushButton::clicked, this, [this] { reset(); });
    connect(m_addNode, &QPushButton::clicked, this, &UnsealDialog::askForNode);
    connect(m_ceremony, &UnsealCeremony::changed, this, &UnsealDialog::showNodes);
    connect(m_ceremony, &UnsealCeremony::attemptChanged, this, &UnsealDialog::explainChange);
    connect(m_ceremony, &UnsealCeremony::unsealed, this, [this] {
        m_message->setText(nodeCount() > 1 ? tr("Every node is unsealed.") : tr("Unsealed."));
        Q_EMIT unsealed();
    });
    connect(m_poll, &QTimer::timeout, this, [this] {
        if (!m_busy) {
            refresh();
        }
    });
    m_poll->start(pollMs);
    showNodes();
    refresh();
}

UnsealDialog::~UnsealDialog() = default;

bool UnsealDialog::isUnsealed() const {
    return m_ceremony->isUnsealed();
}

int UnsealDialog::nodeCount() const {
    return m_ceremony->nodeCount();
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
            addNode(address.trimmed());
        }
    });
    input->open();
}

void UnsealDialog::addNode(const QString& address) {
    if (const QString problem = m_ceremony->addNode(address); !problem.isEmpty()) {
        m_message->setText(problem);
        return;
    }
    Q_EMIT nodeAdded(address);
    refresh();
}

void UnsealDialog::showNodes() {
    const UnsealNode& first = m_ceremony->node(0);
    if (first.status) {
        m_status->display(*first.status);
        const VaultSealStatus& status = *first.status;
        m_progressBar->setRange(0, std::max(1, status.threshold));
        m_progressBar->setValue(status.sealed ? status.progress : status.threshold);
        m_migrate->setVisible(status.migration);
        if (!status.initialized) {
            m_message->setText(tr("This server is not initialized yet: initialize it first."));
        }
    } else if (!first.error.isEmpty()) {
        m_status->showError(first.error);
    }

    m_nodes->setVisible(nodeCount() > 1);
    m_nodes->setRowCount(nodeCount());
    // Every node in sight without scrolling (up to eight; more scroll).
    const int shown = std::min(nodeCount(), 8);
    m_nodes->setMinimumHeight(m_nodes->horizontalHeader()->sizeHint().height() +
                              shown * m_nodes->verticalHeader()->defaultSectionSize() +
                              2 * m_nodes->frameWidth());
    for (int row = 0; row < nodeCount(); ++row) {
        const UnsealNode& node = m_ceremony->node(row);
        const auto& status = node.status;
        m_nodes->setItem(row, 0, new QTableWidgetItem(node.name));
        m_nodes->setItem(row, 1,
                         new QTableWidgetItem(!node.error.isEmpty()  ? node.error
                                              : !status              ? tr("asking…")
                                              : !status->initialized ? tr("Not initialized")
                                              : status->sealed       ? tr("Sealed")
                                                                     : tr("Unsealed")));
        m_nodes->setItem(
            row, 2,
            new QTableWidgetItem(status && status->sealed
                                     ? tr("%1 / %2").arg(status->progress).arg(status->threshold)
                                     : QString()));
    }
    updateControls();
}

void UnsealDialog::explainChange(int index, const QString& before, const QString& after) {
    const QString who = nodeCount() > 1 ? tr("%1: ").arg(m_ceremony->node(index).name) : QString();
    if (!after.isEmpty()) {
        m_message->setText(who + tr("The unseal attempt changed (nonce %1 → %2): someone reset "
                                    "or started it again, so shares given before no longer "
                                    "count.")
                                     .arg(before, after));
    } else {
        m_message->setText(who + tr("The unseal attempt was reset by someone else: shares given "
                                    "before no longer count."));
    }
}

void UnsealDialog::hideEvent(QHideEvent* event) {
    // A share typed but not submitted must not outlive the dialog.
    QString typed = m_share->text();
    wipe(typed);
    m_share->clear();
    m_poll->stop();
    QDialog::hideEvent(event);
}

void UnsealDialog::updateControls() {
    const auto& first = m_ceremony->node(0).status;
    const bool takes = !isUnsealed() && !(first && !first->initialized);
    m_share->setEnabled(takes);
    m_submit->setEnabled(!m_busy && takes && !m_share->text().isEmpty());
    m_reset->setEnabled(!m_busy && first && first->sealed);
}

QCoro::Task<> UnsealDialog::refresh() {
    auto reading = m_ceremony->refresh();
    co_await std::move(reading); // the ceremony's changed() shows the nodes
}

QCoro::Task<> UnsealDialog::submit() {
    QPointer<UnsealDialog> self(this);
    if (m_busy) {
        co_return;
    }
    SecretBytes share = takeSecretText(m_share, true);
    if (share.isEmpty()) {
        co_return;
    }
    m_busy = true;
    m_message->clear();
    updateControls();
    auto submitting = m_ceremony->submitShare(std::move(share), m_migrate->isChecked());
    const auto refusals = co_await std::move(submitting);
    if (!self) {
        co_return;
    }
    m_busy = false;
    showNodes();
    if (!refusals.isEmpty()) {
        QStringList reasons;
        for (const auto& refusal : refusals) {
            // The server's own words for a wrong or malformed share; the attempt stays.
            reasons << (nodeCount() > 1 ? tr("%1: %2").arg(refusal.node, refusal.error.message())
                                        : refusal.error.message());
        }
        m_message->setText(tr("Share refused: %1").arg(reasons.join(QStringLiteral("; "))));
        refresh();
        co_return;
    }
    const auto& first = m_ceremony->node(0).status;
    if (!isUnsealed() && first && first->sealed && m_message->text().isEmpty()) {
        m_message->setText(
            tr("Share accepted: %1 of %2.").arg(first->progress).arg(first->threshold));
    }
}

QCoro::Task<> UnsealDialog::reset() {
    QPointer<UnsealDialog> self(this);
    if (m_busy) {
        co_return;
    }
    m_busy = true;
    updateControls();
    auto resetting = m_ceremony->reset();
    auto reset = co_await std::move(resetting);
    if (!self) {
        co_return;
    }
    m_busy = false;
    updateControls();
    m_message->setText(reset ? tr("The attempt was reset: every custodian gives their share again.")
                             : reset.error().message());
}

} // namespace strongroom
