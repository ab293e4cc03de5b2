#pragma once

#include "SecretValue.h"

#include <QWidget>

#include <optional>
#include <vector>

class QLineEdit;
class QPushButton;
class QToolButton;
class QVBoxLayout;

namespace strongroom {

// The key/value table of the secret editor: one row per key with a key field, a masked value
// field, a per-row "show" toggle and a remove button, plus "Add key". Values go back out as
// SecretBytes; a field that was nested JSON stays JSON as long as its text still parses.
class FieldRowsEditor : public QWidget {
    Q_OBJECT
public:
    explicit FieldRowsEditor(QWidget* parent = nullptr);

    void setFields(const std::vector<SecretField>& fields);
    // The fields, or std::nullopt with `problem` set (empty or duplicate key).
    std::optional<std::vector<SecretField>> fields(QString* problem) const;

    int rowCount() const { return int(m_rows.size()); }
    void addRow(const QString& key = {}, const SecretBytes& value = {}, bool json = false);
    void removeRow(int row);
    // Removes every row (and the text the value fields held).
    void clear();

    QLineEdit* keyEditor(int row) const { return m_rows.at(std::size_t(row)).key; }
    QLineEdit* valueEditor(int row) const { return m_rows.at(std::size_t(row)).value; }
    QToolButton* revealButton(int row) const { return m_rows.at(std::size_t(row)).reveal; }
    QToolButton* removeButton(int row) const { return m_rows.at(std::size_t(row)).remove; }
    QPushButton* addButton() const { return m_addButton; }

Q_SIGNALS:
    void edited();

protected:
    void hideEvent(QHideEvent* event) override;

private:
    struct Row {
        QWidget* widget = nullptr;
        QLineEdit* key = nullptr;
        QLineEdit* value = nullptr;
        QToolButton* reveal = nullptr;
        QToolButton* remove = nullptr;
        bool json = false;
    };
    int indexOf(const QWidget* rowWidget) const;
    void maskAll();

    std::vector<Row> m_rows;
    QVBoxLayout* m_rowsLayout = nullptr;
    QPushButton* m_addButton = nullptr;
};

} // namespace strongroom
