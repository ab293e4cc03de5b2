#include "DataTab.h"

#include "Clipboard.h"
#include "SecretFieldsModel.h"
#include "SecretPresenter.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace strongroom {

DataTab::DataTab(SecretPresenter* presenter, Clipboard* clipboard, QWidget* parent)
    : QWidget(parent)
    , m_presenter(presenter)
    , m_clipboard(clipboard)
    , m_format(new QLabel(this))
    , m_views(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_json(new QPlainTextEdit(this))
    , m_jsonToggle(new QCheckBox(tr("JSON view"), this))
    , m_reveal(new QPushButton(tr("Reveal"), this))
    , m_copy(new QPushButton(tr("Copy"), this)) {
    SecretFieldsModel* model = presenter->fields();
    m_table->setModel(model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(SecretFieldsModel::KeyColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->setAccessibleName(tr("Secret values"));
    m_json->setReadOnly(true);
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setAccessibleName(tr("JSON view"));
    m_views->addWidget(m_table);
    m_views->addWidget(m_json);
    m_reveal->setToolTip(tr("Show the selected value for a while, then hide it again"));
    m_copy->setToolTip(tr("Copy the selected value; the clipboard is cleared after a delay"));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_format, 1);
    buttons->addWidget(m_jsonToggle);
    buttons->addWidget(m_reveal);
    buttons->addWidget(m_copy);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_views);

    connect(m_reveal, &QPushButton::clicked, this, [this] { revealRow(selectedRow()); });
    connect(m_copy, &QPushButton::clicked, this, [this] { copyRow(selectedRow()); });
    connect(m_table, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { revealRow(index.row()); });
    connect(m_table, &QTableView::customContextMenuRequested, this, &DataTab::showContextMenu);
    connect(m_jsonToggle, &QCheckBox::toggled, this, [this](bool json) {
        m_views->setCurrentIndex(json ? 1 : 0);
        refreshJson();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DataTab::updateButtons);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        updateFormat();
        updateButtons();
        refreshJson();
    });
    connect(model, &QAbstractItemModel::dataChanged, this, &DataTab::refreshJson);
    updateFormat();
    updateButtons();
}

int DataTab::selectedRow() const {
    const auto rows = m_table->selectionModel()->selectedRows();
    if (!rows.isEmpty()) {
        return rows.first().row();
    }
    // A single-value secret needs no selection.
    return m_presenter->fields()->rowCount() == 1 ? 0 : -1;
}

void DataTab::revealRow(int row) {
    if (row >= 0) {
        m_presenter->reveal(row);
    }
}

void DataTab::copyRow(int row) {
    const SecretBytes* bytes = m_presenter->fields()->bytesAt(row);
    if (!bytes) {
        return;
    }
    m_clipboard->copy(*bytes);
    m_presenter->recordCopy(row);
}

void DataTab::hideEvent(QHideEvent* event) {
    clearJson();
    QWidget::hideEvent(event);
}

void DataTab::updateButtons() {
    const bool hasRow = selectedRow() >= 0;
    m_reveal->setEnabled(hasRow);
    m_copy->setEnabled(hasRow);
}

void DataTab::updateFormat() {
    const SecretFieldsModel* model = m_presenter->fields();
    if (!model->hasValue()) {
        m_format->clear();
        m_jsonToggle->setEnabled(false);
        return;
    }
    const SecretValue& value = model->value();
    switch (value.format()) {
    case SecretValue::Format::KeyValue:
        m_format->setText(tr("Key/value, %n key(s)", nullptr, model->rowCount()));
        break;
    case SecretValue::Format::Text:
        m_format->setText(value.contentType().isEmpty() ? tr("Text")
                                                        : tr("Text (%1)").arg(value.contentType()));
        break;
    case SecretValue::Format::Binary:
        m_format->setText(tr("Binary, %n byte(s) — revealed as hex", nullptr,
                             static_cast<int>(value.blob().size())));
        break;
    }
    m_jsonToggle->setEnabled(value.format() == SecretValue::Format::KeyValue);
    if (!m_jsonToggle->isEnabled()) {
        m_jsonToggle->setChecked(false);
    }
}

namespace {

// A JSON string literal for `text`: quotes, backslashes and control characters escaped, so a
// revealed value containing them still shows as valid JSON.
QString jsonQuoted(const QString& text) {
    QString quoted = QStringLiteral("\"");
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '"':
            quoted += QStringLiteral("\\\"");
            break;
        case '\\':
            quoted += QStringLiteral("\\\\");
            break;
        case '\n':
            quoted += QStringLiteral("\\n");
            break;
        case '\t':
            quoted += QStringLiteral("\\t");
            break;
        case '\r':
            quoted += QStringLiteral("\\r");
            break;
        default:
            if (c.unicode() < 0x20) {
                quoted += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            } else {
                quoted += c;
            }
        }
    }
    quoted += QLatin1Char('"');
    return quoted;
}

} // namespace

void DataTab::refreshJson() {
    if (!m_jsonToggle->isChecked() || !isVisible()) {
        clearJson();
        return;
    }
    // Built from the model's cells, so hidden values stay masked in the JSON view as well.
    const SecretFieldsModel* model = m_presenter->fields();
    QString text = QStringLiteral("{\n");
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString key = model->keyAt(row);
        QString shown = model->index(row, SecretFieldsModel::ValueColumn).data().toString();
        const bool json = model->index(row, 0).data(SecretFieldsModel::JsonRole).toBool();
        const bool revealed = model->isRevealed(row);
        text += QStringLiteral("  ") + jsonQuoted(key) + QStringLiteral(": ");
        text += revealed && json ? shown : jsonQuoted(shown);
        text += row + 1 < model->rowCount() ? QStringLiteral(",\n") : QStringLiteral("\n");
        wipe(shown);
    }
    text += QLatin1Char('}');
    m_json->setPlainText(text);
    wipe(text);
}

void DataTab::clearJson() {
    m_json->clear();
}

void DataTab::showContextMenu(const QPoint& position) {
    const QModelIndex index = m_table->indexAt(position);
    if (!index.isValid()) {
        return;
    }
    // popup(), not exec(): no nested event loop while a menu is open.
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const int row = index.row();
    menu->addAction(tr("Reveal"), this, [this, row] { revealRow(row); });
    menu->addAction(tr("Copy value"), this, [this, row] { copyRow(row); });
    menu->popup(m_table->viewport()->mapToGlobal(position));
}

} // namespace strongroom
