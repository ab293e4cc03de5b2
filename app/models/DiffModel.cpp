#include "DiffModel.h"

#include "SecretFieldsModel.h"

namespace strongroom {

DiffModel::DiffModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void DiffModel::setDiff(SecretDiff diff) {
    beginResetModel();
    m_diff = std::move(diff);
    m_hasDiff = true;
    m_wholeBefore.clear();
    m_wholeAfter.clear();
    m_wholeBinary = false;
    m_revealed.clear();
    endResetModel();
}

void DiffModel::setValues(const SecretValue& before, const SecretValue& after) {
    setDiff(SecretDiff::between(before, after));
    if (m_diff.mode() == SecretDiff::Mode::Whole) {
        m_wholeBefore =
            before.format() == SecretValue::Format::KeyValue ? before.serialize() : before.blob();
        m_wholeAfter =
            after.format() == SecretValue::Format::KeyValue ? after.serialize() : after.blob();
        m_wholeBinary = before.format() == SecretValue::Format::Binary ||
                        after.format() == SecretValue::Format::Binary;
    }
}

void DiffModel::clear() {
    beginResetModel();
    m_diff = SecretDiff();
    m_hasDiff = false;
    m_wholeBefore.clear();
    m_wholeAfter.clear();
    m_revealed.clear();
    endResetModel();
}

void DiffModel::reveal(int row) {
    if (row < 0 || row >= rowCount() || m_revealed.contains(row)) {
        return;
    }
    m_revealed.insert(row);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void DiffModel::hide(int row) {
    if (m_revealed.remove(row)) {
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void DiffModel::hideAll() {
    const auto rows = m_revealed.values();
    for (int row : rows) {
        hide(row);
    }
}

DiffChange DiffModel::changeAt(int row) const {
    switch (m_diff.mode()) {
    case SecretDiff::Mode::Fields:
        return m_diff.fields()[static_cast<std::size_t>(row)].change;
    case SecretDiff::Mode::Lines:
        return m_diff.lines()[static_cast<std::size_t>(row)].change;
    case SecretDiff::Mode::Whole:
        return m_diff.wholeChange();
    }
    return DiffChange::Unchanged;
}

QString DiffModel::changeName(DiffChange change) {
    switch (change) {
    case DiffChange::Added:
        return tr("added");
    case DiffChange::Removed:
        return tr("removed");
    case DiffChange::Changed:
        return tr("changed");
    case DiffChange::Unchanged:
        return tr("unchanged");
    }
    return {};
}

int DiffModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() || !m_hasDiff) {
        return 0;
    }
    switch (m_diff.mode()) {
    case SecretDiff::Mode::Fields:
        return static_cast<int>(m_diff.fields().size());
    case SecretDiff::Mode::Lines:
        return static_cast<int>(m_diff.lines().size());
    case SecretDiff::Mode::Whole:
        return 1;
    }
    return 0;
}

int DiffModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DiffModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const int row = index.row();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return keyText(row);
        case ChangeColumn:
            return changeName(changeAt(row));
        case OldColumn:
            return shown(row, oldBytes(row));
        case NewColumn:
            return shown(row, newBytes(row));
        default:
            return {};
        }
    case ChangeRole:
        return static_cast<int>(changeAt(row));
    case RevealedRole:
        return isRevealed(row);
    default:
        return {};
    }
}

QVariant DiffModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case KeyColumn:
        return m_diff.mode() == SecretDiff::Mode::Lines ? tr("Line") : tr("Key");
    case ChangeColumn:
        return tr("Change");
    case OldColumn:
        return tr("Old");
    case NewColumn:
        return tr("New");
    default:
        return {};
    }
}

QString DiffModel::keyText(int row) const {
    switch (m_diff.mode()) {
    case SecretDiff::Mode::Fields:
        return m_diff.fields()[static_cast<std::size_t>(row)].key;
    case SecretDiff::Mode::Lines:
        return QString::number(row + 1);
    case SecretDiff::Mode::Whole:
        return m_diff.formatChanged() ? tr("(value, format changed)") : tr("(value)");
    }
    return {};
}

const SecretBytes* DiffModel::oldBytes(int row) const {
    switch (m_diff.mode()) {
    case SecretDiff::Mode::Fields: {
        const auto& field = m_diff.fields()[static_cast<std::size_t>(row)];
        return field.change == DiffChange::Added ? nullptr : &field.before;
    }
    case SecretDiff::Mode::Lines: {
        const auto& line = m_diff.lines()[static_cast<std::size_t>(row)];
        return line.change == DiffChange::Added ? nullptr : &line.line;
    }
    case SecretDiff::Mode::Whole:
        return &m_wholeBefore;
    }
    return nullptr;
}

const SecretBytes* DiffModel::newBytes(int row) const {
    switch (m_diff.mode()) {
    case SecretDiff::Mode::Fields: {
        const auto& field = m_diff.fields()[static_cast<std::size_t>(row)];
        return field.change == DiffChange::Removed ? nullptr : &field.after;
    }
    case SecretDiff::Mode::Lines: {
        const auto& line = m_diff.lines()[static_cast<std::size_t>(row)];
        return line.change == DiffChange::Removed ? nullptr : &line.line;
    }
    case SecretDiff::Mode::Whole:
        return &m_wholeAfter;
    }
    return nullptr;
}

QString DiffModel::shown(int row, const SecretBytes* bytes) const {
    if (!bytes) {
        return {};
    }
    if (!isRevealed(row)) {
        return SecretFieldsModel::mask();
    }
    if (m_wholeBinary) {
        QByteArray raw = bytes->toByteArrayUnsafe();
        QString hex = QString::fromLatin1(raw.toHex(' '));
        wipe(raw);
        return hex;
    }
    return bytes->toDisplayString();
}

} // namespace strongroom
