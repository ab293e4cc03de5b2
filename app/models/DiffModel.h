#pragma once

#include "SecretDiff.h"

#include <QAbstractTableModel>
#include <QSet>

namespace strongroom {

// The rows of a SecretDiff: key (or line number), kind of change, old and new value. Old and new
// are masked until a row is revealed. Whole-value diffs (binary, or a format change) show as one
// row; setValues() keeps both values so that row can still be revealed.
class DiffModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { KeyColumn, ChangeColumn, OldColumn, NewColumn, ColumnCount };
    enum Role {
        ChangeRole = Qt::UserRole + 1, // DiffChange as int
        RevealedRole,
    };

    explicit DiffModel(QObject* parent = nullptr);

    void setDiff(SecretDiff diff);
    void setValues(const SecretValue& before, const SecretValue& after);
    void clear();
    const SecretDiff& diff() const { return m_diff; }

    void reveal(int row);
    void hide(int row);
    void hideAll();
    bool isRevealed(int row) const { return m_revealed.contains(row); }
    DiffChange changeAt(int row) const;

    // "added", "removed", "changed", "unchanged".
    static QString changeName(DiffChange change);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString keyText(int row) const;
    const SecretBytes* oldBytes(int row) const;
    const SecretBytes* newBytes(int row) const;
    QString shown(int row, const SecretBytes* bytes) const;

    SecretDiff m_diff;
    bool m_hasDiff = false;
    // Whole mode only: the compared blobs, so the single row can be revealed.
    SecretBytes m_wholeBefore;
    SecretBytes m_wholeAfter;
    bool m_wholeBinary = false;
    QSet<int> m_revealed;
};

} // namespace strongroom
