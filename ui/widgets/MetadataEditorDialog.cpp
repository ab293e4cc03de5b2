#include "MetadataEditorDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace strongroom {

MetadataEditorDialog::MetadataEditorDialog(const QString& path, const SecretMetadata& current,
                                           QWidget* parent)
    : QDialog(parent)
    , m_current(current)
    , m_maxVersions(new QSpinBox(this))
    , m_casRequired(new QCheckBox(tr("Every write must name the version it replaces"), this))
    , m_deleteAfter(new QLineEdit(this))
    , m_custom(new QTableWidget(0, 2, this))
    , m_addRow(new QPushButton(tr("Add"), this))
    , m_removeRow(new QPushButton(tr("Remove"), this))
    , m_problem(new QLabel(this))
    , m_save(nullptr) {
    setWindowTitle(tr("Edit metadata — %1").arg(path));
    resize(520, 420);
    m_maxVersions->setRange(0, 1'000'000);
    m_maxVersions->setSpecialValueText(tr("store default"));
    m_maxVersions->setValue(current.maxVersions);
    m_casRequired->setChecked(current.casRequired);
    m_deleteAfter->setText(current.deleteVersionAfter);
    m_deleteAfter->setPlaceholderText(tr("never (e.g. 720h, 1h30m)"));
    m_custom->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
    m_custom->horizontalHeader()->setStretchLastSection(true);
    m_custom->verticalHeader()->setVisible(false);
    for (auto it = current.customMetadata.cbegin(); it != current.customMetadata.cend(); ++it) {
        const int row = m_custom->rowCount();
        m_custom->insertRow(row);
        m_custom->setItem(row, 0, new QTableWidgetItem(it.key()));
        m_custom->setItem(row, 1, new QTableWidgetItem(it.value()));
    }
    m_problem->setStyleSheet(QStringLiteral("color: palette(link-visited);"));
    m_problem->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Versions kept"), m_maxVersions);
    form->addRow(tr("Check-and-set"), m_casRequired);
    form->addRow(tr("Delete versions after"), m_deleteAfter);
    auto* rowButtons = new QHBoxLayout;
    rowButtons->addWidget(m_addRow);
    rowButtons->addWidget(m_removeRow);
    rowButtons->addStretch(1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_save = buttons->addButton(tr("Save metadata"), QDialogButtonBox::AcceptRole);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Custom metadata (not secret: readable by anyone who can "
                                    "read the metadata)"),
                                 this));
    layout->addWidget(m_custom, 1);
    layout->addLayout(rowButtons);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &MetadataEditorDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_addRow, &QPushButton::clicked, this, [this] {
        const int row = m_custom->rowCount();
        m_custom->insertRow(row);
        m_custom->setItem(row, 0, new QTableWidgetItem);
        m_custom->setItem(row, 1, new QTableWidgetItem);
        m_custom->editItem(m_custom->item(row, 0));
    });
    connect(m_removeRow, &QPushButton::clicked, this, [this] {
        if (m_custom->currentRow() >= 0) {
            m_custom->removeRow(m_custom->currentRow());
            validate();
        }
    });
    connect(m_deleteAfter, &QLineEdit::textChanged, this, &MetadataEditorDialog::validate);
    connect(m_custom, &QTableWidget::itemChanged, this, &MetadataEditorDialog::validate);
    validate();
}

bool MetadataEditorDialog::isDuration(const QString& text) {
    static const QRegularExpression pattern(QStringLiteral("^(\\d+(\\.\\d+)?(h|m|s|ms))+$"));
    return text.isEmpty() || pattern.match(text).hasMatch();
}

std::optional<MetadataUpdate> MetadataEditorDialog::update(QString* problem) const {
    MetadataUpdate update;
    const auto after = m_deleteAfter->text().trimmed();
    if (!isDuration(after)) {
        *problem = tr("'%1' is not a duration: use hours, minutes and seconds like 720h or "
                      "1h30m, or leave it empty for never")
                       .arg(after);
        return std::nullopt;
    }
    QMap<QString, QString> custom;
    for (int row = 0; row < m_custom->rowCount(); ++row) {
        const auto* keyItem = m_custom->item(row, 0);
        const auto* valueItem = m_custom->item(row, 1);
        const auto key = keyItem ? keyItem->text().trimmed() : QString();
        const auto value = valueItem ? valueItem->text() : QString();
        if (key.isEmpty()) {
            if (value.isEmpty()) {
                continue; // an untouched new row
            }
            *problem = tr("row %1 has a value but no key").arg(row + 1);
            return std::nullopt;
        }
        if (custom.contains(key)) {
            *problem = tr("the key '%1' appears twice").arg(key);
            return std::nullopt;
        }
        custom.insert(key, value);
    }
    if (m_maxVersions->value() != m_current.maxVersions) {
        update.maxVersions = m_maxVersions->value();
    }
    if (m_casRequired->isChecked() != m_current.casRequired) {
        update.casRequired = m_casRequired->isChecked();
    }
    if (after != m_current.deleteVersionAfter) {
        update.deleteVersionAfter = after;
    }
    if (custom != m_current.customMetadata) {
        update.customMetadata = custom;
    }
    problem->clear();
    return update;
}

void MetadataEditorDialog::validate() {
    QString problem;
    const auto changes = update(&problem);
    m_problem->setText(problem);
    m_save->setEnabled(changes.has_value());
}

void MetadataEditorDialog::accept() {
    QString problem;
    if (!update(&problem)) {
        m_problem->setText(problem);
        return;
    }
    QDialog::accept();
}

} // namespace strongroom
