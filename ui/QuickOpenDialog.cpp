#include "QuickOpenDialog.h"

#include "LoadedSecretsModel.h"
#include "QuickOpenModel.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

namespace strongroom {

QuickOpenDialog::QuickOpenDialog(QuickOpenModel* model, QWidget* parent)
    : QDialog(parent)
    , m_model(model)
    , m_query(new QLineEdit(this))
    , m_results(new QListView(this))
    , m_count(new QLabel(this)) {
    setWindowTitle(tr("Quick open"));
    resize(560, 380);
    m_query->setPlaceholderText(tr("Type part of a secret's path"));
    m_query->installEventFilter(this);
    m_results->setModel(model);
    m_results->setUniformItemSizes(true); // stays fast with 100k loaded secrets
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_query);
    layout->addWidget(m_results);
    layout->addWidget(m_count);

    connect(m_query, &QLineEdit::textChanged, this, &QuickOpenDialog::queryChanged);
    connect(m_query, &QLineEdit::returnPressed, this,
            [this] { choose(m_results->currentIndex()); });
    connect(m_results, &QListView::activated, this, &QuickOpenDialog::choose);
    queryChanged(QString());
}

bool QuickOpenDialog::eventFilter(QObject* watched, QEvent* event) {
    // Arrow keys in the query field move through the results, as in every quick-open box.
    if (watched == m_query && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Up) {
            const int row = m_results->currentIndex().row() + (key == Qt::Key_Down ? 1 : -1);
            if (row >= 0 && row < m_model->rowCount()) {
                m_results->setCurrentIndex(m_model->index(row, 0));
            }
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void QuickOpenDialog::queryChanged(const QString& text) {
    m_model->setQuery(text);
    if (m_model->rowCount() > 0) {
        m_results->setCurrentIndex(m_model->index(0, 0));
    }
    m_count->setText(
        tr("%1 of %2 loaded secrets").arg(m_model->rowCount()).arg(m_model->totalCount()));
}

void QuickOpenDialog::choose(const QModelIndex& index) {
    if (!index.isValid()) {
        return;
    }
    Q_EMIT secretChosen(index.data(LoadedSecretsModel::ConnectionIdRole).toString(),
                        index.data(LoadedSecretsModel::PathRole).toString());
    accept();
}

} // namespace strongroom
