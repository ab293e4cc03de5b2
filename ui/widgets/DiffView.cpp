#include "DiffView.h"

#include "ChangeColours.h"
#include "RevealTimer.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

namespace strongroom {

namespace {

constexpr int kChangeRole = Qt::UserRole + 1;

QColor backgroundFor(DiffChange change, const QPalette& palette) {
    switch (change) {
    case DiffChange::Added:
        return ChangeColours::addedBackground(palette);
    case DiffChange::Removed:
        return ChangeColours::removedBackground(palette);
    case DiffChange::Changed:
        return ChangeColours::changedBackground(palette);
    case DiffChange::Unchanged:
        break;
    }
    return {};
}

} // namespace

DiffView::DiffView(AppSettings* settings, QWidget* parent)
    : QWidget(parent)
    , m_revealTimer(new RevealTimer(settings, this)) {
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_revealToggle = new QCheckBox(tr("Re&veal values"), this);
    m_hideUnchangedToggle = new QCheckBox(tr("&Hide unchanged"), this);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setHorizontalHeaderLabels({tr("Key"), tr("Change"), tr("Old value"), tr("New value")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(KeyColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ChangeColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(OldColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(NewColumn, QHeaderView::Stretch);
    m_table->setAccessibleName(tr("Differences"));

    auto* toggles = new QHBoxLayout;
    toggles->addWidget(m_summary, 1);
    toggles->addWidget(m_hideUnchangedToggle);
    toggles->addWidget(m_revealToggle);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(toggles);
    layout->addWidget(m_table);

    connect(m_revealToggle, &QCheckBox::toggled, this, &DiffView::setRevealed);
    connect(m_hideUnchangedToggle, &QCheckBox::toggled, this, &DiffView::setHideUnchanged);
    connect(m_revealTimer, &RevealTimer::revealedChanged, this, [this](bool revealed) {
        const QSignalBlocker block(m_revealToggle);
        m_revealToggle->setChecked(revealed);
        rebuild();
    });
    updateSummary();
}

void DiffView::setDiff(const SecretDiff& diff) {
    m_diff = diff;
    m_hasDiff = true;
    // A new diff starts masked: revealing is a decision about specific values.
    m_revealTimer->mask();
    rebuild();
}

void DiffView::clear() {
    m_revealTimer->mask();
    m_diff = SecretDiff();
    m_hasDiff = false;
    rebuild();
}

void DiffView::setRevealed(bool revealed) {
    if (revealed) {
        m_revealTimer->reveal();
    } else {
        m_revealTimer->mask();
    }
}

bool DiffView::isRevealed() const {
    return m_revealTimer->isRevealed();
}

void DiffView::setHideUnchanged(bool hide) {
    if (m_hideUnchangedToggle->isChecked() != hide) {
        m_hideUnchangedToggle->setChecked(hide); // re-enters through toggled()
        return;
    }
    applyRowVisibility();
}

QString DiffView::marker(DiffChange change) {
    switch (change) {
    case DiffChange::Added:
        return tr("+ added");
    case DiffChange::Removed:
        return tr("- removed");
    case DiffChange::Changed:
        return tr("~ changed");
    case DiffChange::Unchanged:
        return tr("= unchanged");
    }
    return {};
}

QString DiffView::maskedValue() {
    return QStringLiteral("••••••••");
}

void DiffView::hideEvent(QHideEvent* event) {
    m_revealTimer->mask();
    QWidget::hideEvent(event);
}

void DiffView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        rebuild(); // the row tints derive from the palette
    }
}

void DiffView::rebuild() {
    m_table->setRowCount(0);
    if (m_hasDiff) {
        switch (m_diff.mode()) {
        case SecretDiff::Mode::Fields:
            m_table->horizontalHeaderItem(KeyColumn)->setText(tr("Key"));
            for (const FieldDiff& field : m_diff.fields()) {
                addRow(field.key, field.change,
                       field.change == DiffChange::Added ? nullptr : &field.before,
                       field.change == DiffChange::Removed ? nullptr : &field.after);
            }
            break;
        case SecretDiff::Mode::Lines: {
            m_table->horizontalHeaderItem(KeyColumn)->setText(tr("Line"));
            // Number lines as a unified diff does: removed lines by their place in the old
            // text, the others by their place in the new one.
            int oldLine = 0;
            int newLine = 0;
            for (const LineDiff& line : m_diff.lines()) {
                const bool inOld = line.change != DiffChange::Added;
                const bool inNew = line.change != DiffChange::Removed;
                oldLine += inOld ? 1 : 0;
                newLine += inNew ? 1 : 0;
                addRow(QString::number(inNew ? newLine : oldLine), line.change,
                       inOld ? &line.line : nullptr, inNew ? &line.line : nullptr);
            }
            break;
        }
        case SecretDiff::Mode::Whole: {
            m_table->horizontalHeaderItem(KeyColumn)->setText(tr("Value"));
            addRow(m_diff.formatChanged() ? tr("(format changed)") : tr("(whole value)"),
                   m_diff.wholeChange(), nullptr, nullptr);
            break;
        }
        }
    }
    applyRowVisibility();
    updateSummary();
}

void DiffView::addRow(const QString& key, DiffChange change, const SecretBytes* before,
                      const SecretBytes* after) {
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    const QColor background = backgroundFor(change, palette());
    const QString cells[ColumnCount] = {key, marker(change), shown(before), shown(after)};
    for (int column = 0; column < ColumnCount; ++column) {
        auto* item = new QTableWidgetItem(cells[column]);
        item->setData(kChangeRole, static_cast<int>(change));
        if (background.isValid()) {
            item->setBackground(background);
        }
        m_table->setItem(row, column, item);
    }
}

QString DiffView::shown(const SecretBytes* value) const {
    if (value == nullptr) {
        return {};
    }
    if (!isRevealed()) {
        return maskedValue();
    }
    // Multi-line values would be cut off in a one-line cell; show the line breaks as symbols.
    QString text = value->toDisplayString();
    text.replace(QLatin1Char('\n'), QStringLiteral("⏎"));
    return text;
}

void DiffView::applyRowVisibility() {
    const bool hide = m_hideUnchangedToggle->isChecked();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const auto change =
            static_cast<DiffChange>(m_table->item(row, 0)->data(kChangeRole).toInt());
        m_table->setRowHidden(row, hide && change == DiffChange::Unchanged);
    }
}

void DiffView::updateSummary() {
    if (!m_hasDiff) {
        m_summary->clear();
        return;
    }
    if (!m_diff.hasChanges()) {
        m_summary->setText(tr("No changes."));
        return;
    }
    if (m_diff.mode() == SecretDiff::Mode::Whole) {
        m_summary->setText(m_diff.formatChanged()
                               ? tr("The value changed format, so it is compared as a whole.")
                               : tr("The value changed (compared as a whole)."));
        return;
    }
    QStringList parts;
    const auto addCount = [&](DiffChange change, const QString& words) {
        if (const int n = m_diff.count(change); n > 0) {
            parts << words.arg(n);
        }
    };
    const bool lines = m_diff.mode() == SecretDiff::Mode::Lines;
    addCount(DiffChange::Added, lines ? tr("%1 line(s) added") : tr("%1 added"));
    addCount(DiffChange::Removed, lines ? tr("%1 line(s) removed") : tr("%1 removed"));
    addCount(DiffChange::Changed, tr("%1 changed"));
    addCount(DiffChange::Unchanged, tr("%1 unchanged"));
    m_summary->setText(parts.join(QStringLiteral(" · ")));
}

} // namespace strongroom
