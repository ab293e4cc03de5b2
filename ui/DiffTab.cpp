#include "DiffTab.h"

#include "DiffModel.h"
#include "DiffView.h"
#include "SecretPresenter.h"
#include "VersionsModel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace strongroom {

DiffTab::DiffTab(SecretPresenter* presenter, AppSettings* settings, QWidget* parent)
    : QWidget(parent)
    , m_presenter(presenter)
    , m_before(new QComboBox(this))
    , m_after(new QComboBox(this))
    , m_view(new DiffView(settings, this)) {
    m_before->setAccessibleName(tr("Before version"));
    m_after->setAccessibleName(tr("After version"));
    m_before->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_after->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    auto* pickers = new QHBoxLayout;
    pickers->addWidget(new QLabel(tr("Before:"), this));
    pickers->addWidget(m_before);
    pickers->addSpacing(12);
    pickers->addWidget(new QLabel(tr("After:"), this));
    pickers->addWidget(m_after);
    pickers->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(pickers);
    layout->addWidget(m_view);

    connect(presenter->versions(), &QAbstractItemModel::modelReset, this, &DiffTab::fillPickers);
    connect(presenter, &SecretPresenter::secretChanged, m_view, &DiffView::clear);
    connect(presenter, &SecretPresenter::diffReady, this, &DiffTab::showDiff);
    connect(presenter->diff(), &QAbstractItemModel::modelReset, this, [this] {
        if (m_presenter->diff()->rowCount() == 0) {
            m_view->clear();
        }
    });
    connect(m_before, &QComboBox::currentIndexChanged, this, &DiffTab::pickersChanged);
    connect(m_after, &QComboBox::currentIndexChanged, this, &DiffTab::pickersChanged);
    fillPickers();
}

void DiffTab::compare(const QString& before, const QString& after) {
    m_filling = true;
    pick(m_before, before);
    pick(m_after, after);
    m_filling = false;
    m_presenter->compare(before, after);
}

void DiffTab::fillPickers() {
    const QString before = pickedVersion(m_before);
    const QString after = pickedVersion(m_after);
    m_filling = true;
    m_before->clear();
    m_after->clear();
    const VersionsModel* versions = m_presenter->versions();
    for (int row = 0; row < versions->rowCount(); ++row) {
        const VersionInfo* version = versions->versionAt(row);
        const QString marks = VersionsModel::describeMarks(*version);
        const QString label =
            marks.isEmpty() ? tr("v%1").arg(version->id) : tr("v%1 (%2)").arg(version->id, marks);
        m_before->addItem(label, version->id);
        m_after->addItem(label, version->id);
    }
    // Default: the previous version against the current one.
    pick(m_after, after.isEmpty() ? versions->currentVersionId() : after);
    pick(m_before,
         before.isEmpty() && versions->rowCount() > 1 ? versions->versionAt(1)->id : before);
    m_filling = false;
}

void DiffTab::pickersChanged() {
    if (m_filling) {
        return;
    }
    const QString before = pickedVersion(m_before);
    const QString after = pickedVersion(m_after);
    if (!before.isEmpty() && !after.isEmpty()) {
        m_presenter->compare(before, after);
    }
}

void DiffTab::showDiff() {
    m_view->setDiff(m_presenter->diff()->diff());
}

QString DiffTab::pickedVersion(const QComboBox* picker) const {
    return picker->currentData().toString();
}

void DiffTab::pick(QComboBox* picker, const QString& version) {
    const int index = picker->findData(version);
    if (index >= 0) {
        picker->setCurrentIndex(index);
    }
}

} // namespace strongroom
