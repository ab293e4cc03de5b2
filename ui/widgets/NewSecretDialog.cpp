#include "NewSecretDialog.h"

#include "ErrorLabel.h"
#include "FieldRowsEditor.h"
#include "SecretValueEditor.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace strongroom {

NewSecretDialog::NewSecretDialog(const QString& folder, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("New secret"));

    m_path = new QLineEdit(folder, this);
    m_path->setPlaceholderText(tr("folder/name, e.g. app/db"));
    m_path->setAccessibleName(tr("Path"));
    auto* pathLabel = new QLabel(tr("&Path:"), this);
    pathLabel->setBuddy(m_path);
    auto* form = new QFormLayout;
    form->addRow(pathLabel, m_path);

    m_editor = new SecretValueEditor(this);
    m_editor->setValue(SecretValue::keyValue({}));
    m_editor->rows()->addRow();

    m_error = new ErrorLabel(this);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_createButton = buttons->addButton(tr("&Create"), QDialogButtonBox::AcceptRole);
    m_createButton->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(620, 420);

    connect(m_path, &QLineEdit::textChanged, this, &NewSecretDialog::validate);
    connect(m_editor, &SecretValueEditor::edited, this, &NewSecretDialog::validate);
    connect(m_editor, &SecretValueEditor::modeRefused, m_error, &ErrorLabel::showMessage);
    connect(m_createButton, &QPushButton::clicked, this, &NewSecretDialog::create);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_path->setFocus();
    validate();
}

QString NewSecretDialog::path() const {
    return m_path->text().trimmed();
}

QString NewSecretDialog::pathProblem(const QString& path) {
    if (path.trimmed().isEmpty()) {
        return tr("Enter a path for the secret.");
    }
    if (path.startsWith(QLatin1Char('/')) || path.endsWith(QLatin1Char('/'))) {
        return tr("A path cannot start or end with \"/\".");
    }
    for (const QString& segment : path.split(QLatin1Char('/'))) {
        if (segment.isEmpty()) {
            return tr("A path cannot contain \"//\".");
        }
        if (segment == QLatin1String(".") || segment == QLatin1String("..")) {
            return tr("\".\" and \"..\" cannot be used as names.");
        }
        if (segment != segment.trimmed()) {
            return tr("Names in a path cannot start or end with spaces.");
        }
        for (const QChar c : segment) {
            if (c.category() == QChar::Other_Control) {
                return tr("A path cannot contain control characters.");
            }
        }
    }
    return {};
}

void NewSecretDialog::setVisible(bool visible) {
    QDialog::setVisible(visible);
    // QDialog gives the path field focus as if tabbed into, which selects the pre-filled folder;
    // typing must continue after the folder instead of replacing it.
    if (visible) {
        m_path->deselect();
        m_path->end(false);
    }
}

void NewSecretDialog::hideEvent(QHideEvent* event) {
    m_editor->clear();
    QDialog::hideEvent(event);
}

void NewSecretDialog::validate() {
    QString problem = pathProblem(m_path->text());
    if (problem.isEmpty() && m_editor->mode() == SecretValueEditor::Mode::Table &&
        m_editor->rows()->rowCount() == 0) {
        problem = tr("Add at least one key.");
    }
    if (problem.isEmpty()) {
        problem = m_editor->problem();
    }
    m_createButton->setEnabled(problem.isEmpty());
    // Stay quiet until the operator has typed a path: a pre-filled folder is not a mistake.
    if (problem.isEmpty() || !m_path->isModified()) {
        m_error->clearMessage();
    } else {
        m_error->showMessage(problem);
    }
}

void NewSecretDialog::create() {
    QString problem = pathProblem(m_path->text());
    auto value = problem.isEmpty() ? m_editor->value(&problem) : std::nullopt;
    if (!value) {
        m_error->showMessage(problem);
        return;
    }
    m_value = std::move(*value);
    accept();
}

} // namespace strongroom
