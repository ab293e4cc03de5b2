#include "SecretEditorDialog.h"

#include "DiffView.h"
#include "ErrorLabel.h"
#include "SecretDiff.h"
#include "SecretValueEditor.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace strongroom {

SecretEditorDialog::SecretEditorDialog(AppSettings* settings, const QString& path,
                                       const QString& baseVersion, const SecretValue& original,
                                       QWidget* parent)
    : QDialog(parent)
    , m_path(path)
    , m_baseVersion(baseVersion)
    , m_original(original) {
    setWindowTitle(tr("Edit %1").arg(path));

    auto* heading = new QLabel(
        baseVersion.isEmpty()
            ? tr("Editing <b>%1</b>").arg(path.toHtmlEscaped())
            : tr("Editing <b>%1</b>, starting from version %2. Saving writes a new version.")
                  .arg(path.toHtmlEscaped(), baseVersion.toHtmlEscaped()),
        this);
    heading->setWordWrap(true);

    m_editor = new SecretValueEditor(this);
    m_editor->setValue(original);

    auto* diffPane = new QWidget(this);
    m_reviewHint = new QLabel(diffPane);
    m_reviewHint->setWordWrap(true);
    m_diffView = new DiffView(settings, diffPane);
    m_diffView->setVisible(false);
    auto* diffLayout = new QVBoxLayout(diffPane);
    diffLayout->setContentsMargins(0, 0, 0, 0);
    diffLayout->addWidget(m_reviewHint);
    diffLayout->addWidget(m_diffView, 1);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(m_editor);
    m_splitter->addWidget(diffPane);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    // Enough rows of the diff to read it without scrolling for typical secrets.
    m_diffView->setMinimumHeight(180);

    m_error = new ErrorLabel(this);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_reviewButton = buttons->addButton(tr("&Review changes"), QDialogButtonBox::ActionRole);
    m_saveButton = buttons->addButton(tr("&Save"), QDialogButtonBox::AcceptRole);
    m_reviewButton->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(720, 560);

    connect(m_editor, &SecretValueEditor::edited, this, &SecretEditorDialog::invalidateReview);
    connect(m_editor, &SecretValueEditor::modeRefused, m_error, &ErrorLabel::showMessage);
    connect(m_reviewButton, &QPushButton::clicked, this, &SecretEditorDialog::review);
    connect(m_saveButton, &QPushButton::clicked, this, [this] {
        if (m_isReviewed) {
            accept();
        }
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_reviewButton->setEnabled(m_editor->isEditable());
    invalidateReview();
}

void SecretEditorDialog::review() {
    QString problem;
    auto edited = m_editor->value(&problem);
    if (!edited) {
        m_error->showMessage(problem);
        return;
    }
    m_error->clearMessage();
    const SecretDiff diff = SecretDiff::between(m_original, *edited);
    m_diffView->setDiff(diff);
    m_diffView->setVisible(true);
    // The review is the point now: give the diff the larger share of the height.
    const int total = m_splitter->height();
    m_splitter->setSizes({total * 2 / 5, total - total * 2 / 5});
    if (!diff.hasChanges()) {
        m_reviewHint->setText(tr("Nothing changed yet: there is nothing to save."));
        return;
    }
    m_reviewHint->setText(tr("This is what saving will change. Check it, then press Save."));
    m_reviewed = std::move(*edited);
    m_isReviewed = true;
    m_saveButton->setEnabled(true);
    m_saveButton->setDefault(true);
}

void SecretEditorDialog::hideEvent(QHideEvent* event) {
    m_diffView->clear();
    QDialog::hideEvent(event);
}

void SecretEditorDialog::invalidateReview() {
    m_isReviewed = false;
    m_reviewed = SecretValue();
    m_saveButton->setEnabled(false);
    m_reviewButton->setDefault(true);
    m_diffView->clear();
    m_diffView->setVisible(false);
    m_reviewHint->setText(m_editor->isEditable()
                              ? tr("Press Review changes to see what will be written before "
                                   "saving.")
                              : tr("This value cannot be edited here."));
}

} // namespace strongroom
