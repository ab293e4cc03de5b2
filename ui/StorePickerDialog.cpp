#include "StorePickerDialog.h"

#include "ProviderDescription.h"
#include "StoreUi.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace strongroom {

namespace {
QIcon storeIcon(const QString& name) {
    const QString bundled = QStringLiteral(":/icons/%1.svg").arg(name);
    return QFile::exists(bundled) ? QIcon(bundled) : QIcon::fromTheme(name);
}
} // namespace

StorePickerDialog::StorePickerDialog(const QList<StoreUi*>& stores, QWidget* parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_continue(nullptr) {
    setWindowTitle(tr("Connect to a store"));
    auto* prompt = new QLabel(tr("Which kind of store do you want to connect to?"), this);
    m_list->setIconSize(QSize(32, 32));
    m_list->setSpacing(2);
    m_list->setAccessibleName(tr("Stores"));
    for (StoreUi* store : stores) {
        m_stores.append(store);
        const ProviderDescription* description = store->description();
        const QString summary = description ? description->summary : QString();
        auto* item = new QListWidgetItem(storeIcon(store->iconName()),
                                         summary.isEmpty()
                                             ? store->displayName()
                                             : store->displayName() + QLatin1Char('\n') + summary,
                                         m_list);
        item->setData(Qt::AccessibleTextRole, store->displayName());
        item->setToolTip(summary);
    }
    m_list->setCurrentRow(0);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_continue = buttons->addButton(tr("C&ontinue…"), QDialogButtonBox::AcceptRole);
    m_continue->setDefault(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(prompt);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(460, 300);

    // Activation is a double-click or Enter, or a single click where the desktop says so.
    connect(m_list, &QListWidget::itemActivated, this, &StorePickerDialog::chooseCurrent);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &StorePickerDialog::chooseCurrent);
    connect(m_continue, &QPushButton::clicked, this, &StorePickerDialog::chooseCurrent);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentRowChanged, this,
            [this](int row) { m_continue->setEnabled(row >= 0); });
    m_list->setFocus();
}

int StorePickerDialog::rowOf(const QString& displayName) const {
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(Qt::AccessibleTextRole).toString() == displayName) {
            return row;
        }
    }
    return -1;
}

void StorePickerDialog::chooseCurrent() {
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_stores.size() || m_chosen) {
        return;
    }
    m_chosen = true;
    const QPointer<StoreUi> store = m_stores.at(row);
    accept();
    if (store) {
        Q_EMIT storeChosen(store);
    }
}

} // namespace strongroom
