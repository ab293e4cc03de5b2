#include "SecretFieldsModel.h"

namespace strongroom {

SecretFieldsModel::SecretFieldsModel(QObject* parent)
    : QAbstractTableModel(parent) {}

QString SecretFieldsModel::mask() {
    return QStringLiteral("••••••");
}

void SecretFieldsModel::setValue(SecretValue value) {
    beginResetModel();
    m_revealTimers.clear();
    m_value = std::move(value);
    m_hasValue = true;
    endResetModel();
}

void SecretFieldsModel::clear() {
    beginResetModel();
    m_revealTimers.clear();
    // Assigning an empty value releases the old SecretBytes, which wipe themselves.
    m_value = SecretValue();
    m_hasValue = false;
    endResetModel();
}

const SecretBytes* SecretFieldsModel::bytesAt(int row) const {
    if (!m_hasValue || row < 0 || row >= rowCount()) {
        return nullptr;
    }
    if (m_value.format() == SecretValue::Format::KeyValue) {
        return &m_value.fields()[static_cast<std::size_t>(row)].value;
    }
    return &m_value.blob();
}

QString SecretFieldsModel::keyAt(int row) const {
    if (!m_hasValue || row < 0 || row >= rowCount()) {
        return {};
    }
    switch (m_value.format()) {
    case SecretValue::Format::KeyValue:
        return m_value.fields()[static_cast<std::size_t>(row)].key;
    case SecretValue::Format::Text:
        return tr("(text)");
    case SecretValue::Format::Binary:
        return tr("(binary)");
    }
    return {};
}

void SecretFieldsModel::reveal(int row) {
    if (!bytesAt(row)) {
        return;
    }
    auto& timer = m_revealTimers[row];
    const bool wasRevealed = static_cast<bool>(timer);
    if (!timer) {
        timer = std::make_unique<QTimer>();
        timer->setSingleShot(true);
        connect(timer.get(), &QTimer::timeout, this, [this, row] { hide(row); });
    }
    // Revealing again restarts the countdown.
    timer->start(m_revealTimeout);
    if (!wasRevealed) {
        const QModelIndex cell = index(row, ValueColumn);
        Q_EMIT dataChanged(index(row, KeyColumn), cell);
        Q_EMIT revealedChanged(row, true);
    }
}

void SecretFieldsModel::hide(int row) {
    const auto it = m_revealTimers.find(row);
    if (it == m_revealTimers.end()) {
        return;
    }
    // Deleting the timer from inside its own timeout is not safe; let Qt delete it later.
    it->second.release()->deleteLater();
    m_revealTimers.erase(it);
    Q_EMIT dataChanged(index(row, KeyColumn), index(row, ValueColumn));
    Q_EMIT revealedChanged(row, false);
}

void SecretFieldsModel::hideAll() {
    while (!m_revealTimers.empty()) {
        hide(m_revealTimers.begin()->first);
    }
}

int SecretFieldsModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() || !m_hasValue) {
        return 0;
    }
    if (m_value.format() == SecretValue::Format::KeyValue) {
        return static_cast<int>(m_value.fields().size());
    }
    return 1;
}

int SecretFieldsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SecretFieldsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const int row = index.row();
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == KeyColumn) {
            return keyAt(row);
        }
        return isRevealed(row) ? displayValue(row) : mask();
    case Qt::ToolTipRole:
        if (index.column() == ValueColumn && !isRevealed(row)) {
            return tr("Hidden. Reveal or copy it from the row's buttons or context menu.");
        }
        return {};
    case RevealedRole:
        return isRevealed(row);
    case JsonRole:
        return m_value.format() == SecretValue::Format::KeyValue &&
               m_value.fields()[static_cast<std::size_t>(row)].json;
    default:
        return {};
    }
}

QVariant SecretFieldsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    return section == KeyColumn ? tr("Key") : tr("Value");
}

QString SecretFieldsModel::displayValue(int row) const {
    const SecretBytes* bytes = bytesAt(row);
    if (!bytes) {
        return {};
    }
    if (m_value.format() == SecretValue::Format::Binary) {
        QByteArray raw = bytes->toByteArrayUnsafe();
        QString hex = QString::fromLatin1(raw.toHex(' '));
        wipe(raw);
        return hex;
    }
    return bytes->toDisplayString();
}

} // namespace strongroom
