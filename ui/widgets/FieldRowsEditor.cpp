#include "FieldRowsEditor.h"

#include <nlohmann/json.hpp>

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSet>
#include <QToolButton>
#include <QVBoxLayout>

namespace strongroom {

FieldRowsEditor::FieldRowsEditor(QWidget* parent)
    : QWidget(parent) {
    auto* header = new QHBoxLayout;
    header->addWidget(new QLabel(tr("Key"), this), 2);
    header->addWidget(new QLabel(tr("Value"), this), 3);
    header->addSpacing(64); // over the show / remove buttons

    auto* rowsHost = new QWidget(this);
    m_rowsLayout = new QVBoxLayout(rowsHost);
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(rowsHost);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    m_addButton = new QPushButton(tr("&Add key"), this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_addButton, 0, Qt::AlignLeft);

    connect(m_addButton, &QPushButton::clicked, this, [this] {
        addRow();
        m_rows.back().key->setFocus();
        Q_EMIT edited();
    });
}

void FieldRowsEditor::setFields(const std::vector<SecretField>& fields) {
    clear();
    for (const SecretField& field : fields) {
        addRow(field.key, field.value, field.json);
    }
}

std::optional<std::vector<SecretField>> FieldRowsEditor::fields(QString* problem) const {
    std::vector<SecretField> result;
    QSet<QString> seen;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const Row& row = m_rows[i];
        const QString key = row.key->text().trimmed();
        if (key.isEmpty()) {
            if (problem != nullptr) {
                *problem = tr("The key on row %1 is empty.").arg(i + 1);
            }
            return std::nullopt;
        }
        if (seen.contains(key)) {
            if (problem != nullptr) {
                *problem = tr("The key \"%1\" appears twice.").arg(key);
            }
            return std::nullopt;
        }
        seen.insert(key);
        QString text = row.value->text();
        SecretBytes value = SecretBytes::takeFrom(text);
        // A nested value the operator turned into plain text becomes a plain string.
        const bool json = row.json && nlohmann::json::accept(value.view());
        result.push_back({key, std::move(value), json});
    }
    return result;
}

void FieldRowsEditor::addRow(const QString& key, const SecretBytes& value, bool json) {
    Row row;
    row.widget = new QWidget(this);
    row.json = json;
    row.key = new QLineEdit(key, row.widget);
    row.key->setAccessibleName(tr("Key"));
    row.key->setPlaceholderText(tr("key"));
    row.value = new QLineEdit(row.widget);
    row.value->setAccessibleName(tr("Value"));
    row.value->setEchoMode(QLineEdit::Password);
    if (!value.isEmpty()) {
        QString display = value.toDisplayString();
        row.value->setText(display);
        wipe(display);
    }
    if (json) {
        row.value->setToolTip(tr("Nested JSON value"));
    }
    row.reveal = new QToolButton(row.widget);
    row.reveal->setText(tr("Show"));
    row.reveal->setCheckable(true);
    row.reveal->setAccessibleName(tr("Show value"));
    row.remove = new QToolButton(row.widget);
    row.remove->setText(tr("Remove"));
    row.remove->setAccessibleName(tr("Remove key"));

    auto* layout = new QHBoxLayout(row.widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(row.key, 2);
    layout->addWidget(row.value, 3);
    layout->addWidget(row.reveal);
    layout->addWidget(row.remove);
    m_rowsLayout->insertWidget(m_rowsLayout->count() - 1, row.widget); // above the stretch
    // The layout would only show the row from the event loop; the operator types into it now.
    row.widget->show();

    QLineEdit* valueEdit = row.value;
    connect(row.reveal, &QToolButton::toggled, valueEdit, [valueEdit](bool shown) {
        valueEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    });
    QWidget* rowWidget = row.widget;
    connect(row.remove, &QToolButton::clicked, this, [this, rowWidget] {
        if (const int index = indexOf(rowWidget); index >= 0) {
            removeRow(index);
            Q_EMIT edited();
        }
    });
    connect(row.key, &QLineEdit::textEdited, this, &FieldRowsEditor::edited);
    connect(row.value, &QLineEdit::textEdited, this, &FieldRowsEditor::edited);
    m_rows.push_back(row);
}

void FieldRowsEditor::removeRow(int row) {
    if (row < 0 || row >= rowCount()) {
        return;
    }
    Row removed = m_rows[std::size_t(row)];
    m_rows.erase(m_rows.begin() + row);
    removed.value->clear();
    // Later: the remove button that triggered this is still on the call stack.
    removed.widget->hide();
    removed.widget->deleteLater();
}

void FieldRowsEditor::clear() {
    while (!m_rows.empty()) {
        removeRow(rowCount() - 1);
    }
}

void FieldRowsEditor::hideEvent(QHideEvent* event) {
    maskAll();
    QWidget::hideEvent(event);
}

int FieldRowsEditor::indexOf(const QWidget* rowWidget) const {
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].widget == rowWidget) {
            return int(i);
        }
    }
    return -1;
}

void FieldRowsEditor::maskAll() {
    for (const Row& row : m_rows) {
        row.reveal->setChecked(false);
    }
}

} // namespace strongroom
