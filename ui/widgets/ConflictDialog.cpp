#include "ConflictDialog.h"

#include "DiffView.h"

#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace strongroom {

namespace {

QGroupBox* framed(const QString& title, QWidget* content, QWidget* parent) {
    auto* box = new QGroupBox(title, parent);
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(content);
    return box;
}

} // namespace

ConflictDialog::ConflictDialog(AppSettings* settings, const QString& path,
                               const QString& baseVersion, const QString& theirVersion,
                               const SecretDiff& theirChange, const SecretDiff& myChange,
                               QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Conflict on %1").arg(path));

    auto* heading = new QLabel(
        tr("<b>Someone else saved version %1 of %2 while you were editing.</b><br>You started "
           "from version %3. Nothing has been overwritten: choose what to do with your change.")
            .arg(theirVersion.toHtmlEscaped(), path.toHtmlEscaped(), baseVersion.toHtmlEscaped()),
        this);
    heading->setWordWrap(true);

    m_theirs = new DiffView(settings, this);
    m_theirs->setDiff(theirChange);
    m_mine = new DiffView(settings, this);
    m_mine->setDiff(myChange);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(
        framed(tr("Their change (version %1 → version %2)").arg(baseVersion, theirVersion),
               m_theirs, this));
    splitter->addWidget(
        framed(tr("Your change (version %1 → your edit)").arg(baseVersion), m_mine, this));
    splitter->setChildrenCollapsible(false);

    auto* buttons = new QDialogButtonBox(this);
    m_reapplyButton =
        buttons->addButton(tr("&Re-apply my change on top"), QDialogButtonBox::AcceptRole);
    m_discardButton = buttons->addButton(tr("&Discard mine"), QDialogButtonBox::DestructiveRole);
    m_reapplyButton->setToolTip(
        tr("Applies your added, changed and removed keys to version %1 and saves the result "
           "as a new version.")
            .arg(theirVersion));
    m_discardButton->setToolTip(tr("Drops your edit and keeps version %1.").arg(theirVersion));
    // Neither choice is safe enough to be what Enter does.
    m_reapplyButton->setAutoDefault(false);
    m_discardButton->setAutoDefault(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);
    resize(720, 600);

    connect(m_reapplyButton, &QPushButton::clicked, this, [this] { choose(Choice::ReapplyMine); });
    connect(m_discardButton, &QPushButton::clicked, this, [this] { choose(Choice::DiscardMine); });
}

void ConflictDialog::hideEvent(QHideEvent* event) {
    m_theirs->clear();
    m_mine->clear();
    QDialog::hideEvent(event);
}

void ConflictDialog::choose(Choice choice) {
    m_choice = choice;
    Q_EMIT chosen(choice);
    accept();
}

} // namespace strongroom
