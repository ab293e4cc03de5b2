#include "ActivityTab.h"

#include "AuditEntriesModel.h"
#include "SecretPresenter.h"

#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

namespace strongroom {

ActivityTab::ActivityTab(SecretPresenter* presenter, QWidget* parent)
    : QWidget(parent)
    , m_table(new QTableView(this)) {
    m_table->setModel(presenter->activity());
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Activity"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
}

} // namespace strongroom
