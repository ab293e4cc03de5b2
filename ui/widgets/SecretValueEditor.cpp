#include "SecretValueEditor.h"

#include "FieldRowsEditor.h"
#include "JsonWipe.h"

#include <nlohmann/json.hpp>
#include <openssl/crypto.h>

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace strongroom {

namespace {

// Raw JSON is easier to edit indented; the store receives the compact form from serialize().
SecretBytes indented(const SecretBytes& compact) {
    auto parsed = nlohmann::json::parse(compact.view(), nullptr, false);
    if (parsed.is_discarded()) {
        return compact;
    }
    std::string text = parsed.dump(2);
    SecretBytes result(text);
    OPENSSL_cleanse(text.data(), text.size());
    wipeJson(parsed);
    return result;
}

} // namespace

SecretValueEditor::SecretValueEditor(QWidget* parent)
    : QWidget(parent) {
    m_modeBar = new QWidget(this);
    m_tableChoice = new QRadioButton(tr("&Table"), m_modeBar);
    m_jsonChoice = new QRadioButton(tr("&JSON"), m_modeBar);
    m_tableChoice->setChecked(true);
    m_rawNote = new QLabel(tr("Values are shown in clear text while editing raw JSON."), m_modeBar);
    m_rawNote->setVisible(false);
    auto* modeLayout = new QHBoxLayout(m_modeBar);
    modeLayout->setContentsMargins(0, 0, 0, 0);
    modeLayout->addWidget(new QLabel(tr("Edit as:"), m_modeBar));
    modeLayout->addWidget(m_tableChoice);
    modeLayout->addWidget(m_jsonChoice);
    modeLayout->addSpacing(12);
    modeLayout->addWidget(m_rawNote);
    modeLayout->addStretch(1);

    m_rows = new FieldRowsEditor(this);
    m_raw = new QPlainTextEdit(this);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_raw->setAccessibleName(tr("Raw value"));
    m_raw->setTabChangesFocus(true);
    m_binaryNote =
        new QLabel(tr("This secret holds binary data, which cannot be edited as text here."), this);
    m_binaryNote->setWordWrap(true);
    m_binaryNote->setAlignment(Qt::AlignCenter);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_rows);
    m_pages->addWidget(m_raw);
    m_pages->addWidget(m_binaryNote);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_modeBar);
    layout->addWidget(m_pages, 1);

    connect(m_rows, &FieldRowsEditor::edited, this, &SecretValueEditor::edited);
    connect(m_raw, &QPlainTextEdit::textChanged, this, &SecretValueEditor::edited);
    connect(m_jsonChoice, &QRadioButton::toggled, this, [this](bool json) {
        QString problem;
        if (!setMode(json ? Mode::Json : Mode::Table, &problem)) {
            Q_EMIT modeRefused(problem);
        }
    });
}

void SecretValueEditor::setValue(const SecretValue& value) {
    m_contentType = value.contentType();
    switch (value.format()) {
    case SecretValue::Format::KeyValue:
        m_rows->setFields(value.fields());
        m_raw->clear();
        showMode(Mode::Table);
        break;
    case SecretValue::Format::Text:
        m_rows->clear();
        setRawText(value.blob());
        showMode(Mode::Text);
        break;
    case SecretValue::Format::Binary:
        m_rows->clear();
        m_raw->clear();
        showMode(Mode::Binary);
        break;
    }
}

std::optional<SecretValue> SecretValueEditor::value(QString* problem) const {
    switch (m_mode) {
    case Mode::Table: {
        auto fields = m_rows->fields(problem);
        if (!fields) {
            return std::nullopt;
        }
        return SecretValue::keyValue(std::move(*fields));
    }
    case Mode::Json: {
        QString text = m_raw->toPlainText();
        SecretValue parsed = SecretValue::fromJsonOrText(SecretBytes::takeFrom(text));
        if (parsed.format() != SecretValue::Format::KeyValue) {
            if (problem != nullptr) {
                *problem = tr("The JSON must be an object of keys and values, like "
                              "{\"user\": \"app\"}.");
            }
            return std::nullopt;
        }
        return parsed;
    }
    case Mode::Text: {
        QString text = m_raw->toPlainText();
        return SecretValue::text(SecretBytes::takeFrom(text), m_contentType);
    }
    case Mode::Binary:
        if (problem != nullptr) {
            *problem = tr("Binary values cannot be edited here.");
        }
        return std::nullopt;
    }
    return std::nullopt;
}

QString SecretValueEditor::problem() const {
    QString problem;
    value(&problem);
    return problem;
}

bool SecretValueEditor::setMode(Mode mode, QString* problem) {
    if (mode == m_mode) {
        return true;
    }
    const bool keyValueSwitch = (m_mode == Mode::Table || m_mode == Mode::Json) &&
                                (mode == Mode::Table || mode == Mode::Json);
    if (!keyValueSwitch) {
        if (problem != nullptr) {
            *problem = tr("Only key/value secrets can switch between table and JSON.");
        }
        return false;
    }
    auto current = value(problem);
    if (!current) {
        showMode(m_mode); // stay where the operator can fix the problem
        return false;
    }
    if (mode == Mode::Json) {
        setRawText(indented(current->serialize()));
        m_rows->clear();
    } else {
        m_rows->setFields(current->fields());
        m_raw->clear();
    }
    showMode(mode);
    return true;
}

void SecretValueEditor::clear() {
    m_rows->clear();
    m_raw->clear();
}

void SecretValueEditor::showMode(Mode mode) {
    m_mode = mode;
    m_modeBar->setVisible(mode == Mode::Table || mode == Mode::Json);
    m_rawNote->setVisible(mode == Mode::Json);
    {
        const QSignalBlocker blockJson(m_jsonChoice);
        const QSignalBlocker blockTable(m_tableChoice);
        m_jsonChoice->setChecked(mode == Mode::Json);
        m_tableChoice->setChecked(mode != Mode::Json);
    }
    switch (mode) {
    case Mode::Table:
        m_pages->setCurrentWidget(m_rows);
        break;
    case Mode::Json:
    case Mode::Text:
        m_pages->setCurrentWidget(m_raw);
        break;
    case Mode::Binary:
        m_pages->setCurrentWidget(m_binaryNote);
        break;
    }
}

void SecretValueEditor::setRawText(const SecretBytes& bytes) {
    QString text = bytes.toDisplayString();
    const QSignalBlocker block(m_raw);
    m_raw->setPlainText(text);
    wipe(text);
}

} // namespace strongroom
