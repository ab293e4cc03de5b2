#pragma once

#include "SecretValue.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QRadioButton;
class QStackedWidget;

namespace strongroom {

class FieldRowsEditor;

// Edits one SecretValue: key/value secrets in a table of masked fields or as raw JSON, text
// secrets as plain text. Binary values are shown as not editable here (they need a file import).
class SecretValueEditor : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Table, Json, Text, Binary };

    explicit SecretValueEditor(QWidget* parent = nullptr);

    void setValue(const SecretValue& value);
    // The edited value, or std::nullopt with `problem` set.
    std::optional<SecretValue> value(QString* problem) const;
    // What is wrong with the current input (empty or duplicate key, invalid JSON), or empty.
    QString problem() const;
    Mode mode() const { return m_mode; }
    // Switches between Table and Json for key/value secrets; false (with `problem`) when the JSON
    // text is not an object of keys and values.
    bool setMode(Mode mode, QString* problem = nullptr);
    bool isEditable() const { return m_mode != Mode::Binary; }
    // Drops every value shown.
    void clear();

    FieldRowsEditor* rows() const { return m_rows; }
    QPlainTextEdit* rawEditor() const { return m_raw; }
    QRadioButton* tableChoice() const { return m_tableChoice; }
    QRadioButton* jsonChoice() const { return m_jsonChoice; }

Q_SIGNALS:
    void edited();
    // Switching to the table failed (invalid JSON): the editor stays in JSON mode.
    void modeRefused(const QString& problem);

private:
    void showMode(Mode mode);
    void setRawText(const SecretBytes& bytes);

    Mode m_mode = Mode::Table;
    QString m_contentType;
    QWidget* m_modeBar = nullptr;
    QRadioButton* m_tableChoice = nullptr;
    QRadioButton* m_jsonChoice = nullptr;
    QLabel* m_rawNote = nullptr;
    QStackedWidget* m_pages = nullptr;
    FieldRowsEditor* m_rows = nullptr;
    QPlainTextEdit* m_raw = nullptr;
    QLabel* m_binaryNote = nullptr;
};

} // namespace strongroom
