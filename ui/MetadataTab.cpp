#include "MetadataTab.h"

#include "SecretPresenter.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>

namespace strongroom {

namespace {
QString when(const QDateTime& time) {
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat)
                          : MetadataTab::tr("—");
}
} // namespace

MetadataTab::MetadataTab(SecretPresenter* presenter, QWidget* parent)
    : QWidget(parent)
    , m_presenter(presenter)
    , m_form(new QFormLayout(this)) {
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    connect(presenter, &SecretPresenter::loaded, this, &MetadataTab::rebuild);
    connect(presenter, &SecretPresenter::secretChanged, this, &MetadataTab::rebuild);
    rebuild();
}

QString MetadataTab::valueOf(const QString& field) const {
    for (int row = 0; row < m_form->rowCount(); ++row) {
        auto* label = qobject_cast<QLabel*>(m_form->itemAt(row, QFormLayout::LabelRole)->widget());
        auto* value = qobject_cast<QLabel*>(m_form->itemAt(row, QFormLayout::FieldRole)->widget());
        if (label && value && label->text() == field + QLatin1Char(':')) {
            return value->text();
        }
    }
    return {};
}

void MetadataTab::rebuild() {
    while (m_form->rowCount() > 0) {
        m_form->removeRow(0);
    }
    if (!m_presenter->hasSecret()) {
        return;
    }
    const SecretMetadata& meta = m_presenter->metadata();
    addRow(tr("Path"), m_presenter->ref().path);
    addRow(tr("Current version"), meta.currentVersion.isEmpty() ? tr("—") : meta.currentVersion);
    addRow(tr("Oldest version"), meta.oldestVersion.isEmpty() ? tr("—") : meta.oldestVersion);
    addRow(tr("Created"), when(meta.created));
    addRow(tr("Updated"), when(meta.updated));
    addRow(tr("Versions kept"),
           meta.maxVersions > 0 ? QString::number(meta.maxVersions) : tr("store default"));
    addRow(tr("Check-and-set required"), meta.casRequired ? tr("yes") : tr("no"));
    addRow(tr("Delete versions after"),
           meta.deleteVersionAfter.isEmpty() ? tr("never") : meta.deleteVersionAfter);
    for (auto it = meta.customMetadata.begin(); it != meta.customMetadata.end(); ++it) {
        addRow(it.key(), it.value());
    }
    for (const MetadataDetail& detail : meta.details) {
        addRow(detail.label, detail.value);
    }
}

void MetadataTab::addRow(const QString& field, const QString& value) {
    auto* label = new QLabel(value, this);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    m_form->addRow(field + QLatin1Char(':'), label);
}

} // namespace strongroom
