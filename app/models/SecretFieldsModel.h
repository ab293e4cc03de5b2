#pragma once

#include "SecretValue.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <chrono>
#include <map>
#include <memory>

namespace strongroom {

// The key/value rows of one secret version. The value column is masked unless its row was
// revealed explicitly; a revealed row re-masks on its own after the reveal timeout. Text and
// binary secrets show as a single row. clear() drops (and so wipes) the value, for lock and hide.
class SecretFieldsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, ColumnCount };
    enum Role {
        RevealedRole = Qt::UserRole + 1,
        JsonRole, // the field holds nested JSON rather than a plain string
    };

    explicit SecretFieldsModel(QObject* parent = nullptr);

    static QString mask();

    void setValue(SecretValue value);
    void clear();
    const SecretValue& value() const { return m_value; }
    bool hasValue() const { return m_hasValue; }

    // The bytes shown in `row` (a field, or the whole text/binary blob); nullptr when out of range.
    const SecretBytes* bytesAt(int row) const;
    QString keyAt(int row) const;

    void setRevealTimeout(std::chrono::milliseconds timeout) { m_revealTimeout = timeout; }
    std::chrono::milliseconds revealTimeout() const { return m_revealTimeout; }
    void reveal(int row);
    void hide(int row);
    void hideAll();
    bool isRevealed(int row) const { return m_revealTimers.contains(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void revealedChanged(int row, bool revealed);

private:
    QString displayValue(int row) const;

    SecretValue m_value;
    bool m_hasValue = false;
    std::chrono::milliseconds m_revealTimeout{std::chrono::seconds(30)};
    std::map<int, std::unique_ptr<QTimer>> m_revealTimers;
};

} // namespace strongroom
