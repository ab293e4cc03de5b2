#include "RollbackDialog.h"

#include "DiffView.h"
#include "ErrorLabel.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace strongroom {

RollbackDialog::RollbackDialog(AppSettings* settings, const QString& path,
                               const VersionInfo& target, QWidget* parent)
    : QDialog(parent)
    , m_path(path)
    , m_target(target) {
    setWindowTitle(tr("Roll back %1 to version %2").arg(path, target.id));

    auto* heading = new QLabel(tr("<b>Roll back %1 to version %2</b>")
                                   .arg(path.toHtmlEscaped(), target.id.toHtmlEscaped()),
                               this);
    heading->setWordWrap(true);
    m_explanation = new QLabel(this);
    m_explanation->setWordWrap(true);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_diffView = new DiffView(settings, this);
    m_error = new ErrorLabel(this);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_confirmButton = buttons->addButton(tr("&Roll back to version %1").arg(target.id),
                                         QDialogButtonBox::AcceptRole);
    // Enter must not confirm a rollback: Cancel is the safe default.
    m_confirmButton->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_explanation);
    layout->addWidget(m_status);
    layout->addWidget(m_diffView, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(520);

    connect(m_confirmButton, &QPushButton::clicked, this, [this] {
        if (canConfirm()) {
            accept();
        }
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    QString why;
    if (isRestorable(target, &why)) {
        // Previous / pending / deprecated marks exist only on stores that keep one version per
        // value and move labels between them: there the rollback moves the current label.
        const bool movesLabels = bool(target.marks & (VersionMark::Previous | VersionMark::Pending |
                                                      VersionMark::Deprecated));
        m_explanation->setText(
            movesLabels
                ? tr("Strongroom moves the current label to version %1; no version is written. "
                     "The version that is current now keeps its value and becomes the previous "
                     "one, and you can undo right after.")
                      .arg(target.id)
                : tr("Strongroom writes the value of version %1 as a new version. Nothing is "
                     "deleted: the current version stays in the history, and you can roll forward "
                     "again.")
                      .arg(target.id));
        m_status->setText(tr("Loading the preview of what will change…"));
        m_diffView->setVisible(false);
        resize(680, 460); // room for the diff that is coming
    } else {
        m_explanation->setText(why);
        m_diffView->setVisible(false);
        m_status->setVisible(false);
        adjustSize(); // only the explanation to show: keep the dialog compact
    }
    updateState();
}

bool RollbackDialog::isRestorable(const VersionInfo& target, QString* why) {
    QString reason;
    if (target.marks.testFlag(VersionMark::Destroyed)) {
        reason = tr("Version %1 was destroyed: its value is gone for good and cannot be "
                    "restored. Pick another version.")
                     .arg(target.id);
    } else if (target.marks.testFlag(VersionMark::Deleted)) {
        reason = tr("Version %1 is deleted. Undelete it first (Versions tab, Undelete), then "
                    "roll back to it.")
                     .arg(target.id);
    } else if (target.marks.testFlag(VersionMark::Disabled)) {
        reason =
            tr("Version %1 is disabled. Enable it first, then roll back to it.").arg(target.id);
    } else if (target.marks.testFlag(VersionMark::Current)) {
        reason = tr("Version %1 is already the current version.").arg(target.id);
    }
    if (why != nullptr) {
        *why = reason;
    }
    return reason.isEmpty();
}

void RollbackDialog::setPreview(const RollbackPreview& preview) {
    if (!isRestorable(m_target)) {
        return;
    }
    m_preview = preview;
    m_diffView->setDiff(preview.diff);
    m_diffView->setVisible(true);
    m_status->setText(preview.diff.hasChanges()
                          ? tr("Current version %1 → version %2:")
                                .arg(preview.currentVersion, preview.targetVersion)
                          : tr("Version %1 holds the same value as the current version %2: "
                               "rolling back would change nothing.")
                                .arg(preview.targetVersion, preview.currentVersion));
    m_error->clearMessage();
    updateState();
}

void RollbackDialog::setPreviewError(const QString& message) {
    m_preview.reset();
    m_status->clear();
    m_diffView->clear();
    m_diffView->setVisible(false);
    m_error->showMessage(tr("The preview could not be loaded: %1").arg(message));
    updateState();
}

bool RollbackDialog::canConfirm() const {
    return isRestorable(m_target) && m_preview.has_value() && m_preview->diff.hasChanges();
}

void RollbackDialog::hideEvent(QHideEvent* event) {
    m_diffView->clear();
    QDialog::hideEvent(event);
}

void RollbackDialog::updateState() {
    m_confirmButton->setEnabled(canConfirm());
}

} // namespace strongroom
