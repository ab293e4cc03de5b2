#include "TypedConfirmationDialog.h"

#include "WarningLabel.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace strongroom {

TypedConfirmationDialog::TypedConfirmationDialog(const QString& title, const QString& consequence,
                                                 const QString& expectedName,
                                                 const QString& actionLabel, QWidget* parent)
    : QDialog(parent)
    , m_expectedName(expectedName) {
    setWindowTitle(title);

    auto* consequenceLabel = new QLabel(consequence, this);
    consequenceLabel->setWordWrap(true);

    m_warning = new WarningLabel(this);
    m_warning->setVisible(false);

    auto* prompt = new QLabel(
        tr("To confirm, type the name <b>%1</b> below:").arg(expectedName.toHtmlEscaped()), this);
    prompt->setTextFormat(Qt::RichText);
    prompt->setWordWrap(true);
    // The name is also selectable so the operator can check what exactly is asked for.
    prompt->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_nameField = new QLineEdit(this);
    m_nameField->setAccessibleName(tr("Name to confirm"));
    m_nameField->setPlaceholderText(expectedName);
    prompt->setBuddy(m_nameField);

    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_confirmButton = buttons->addButton(actionLabel, QDialogButtonBox::DestructiveRole);
    // No default button: Enter only confirms from the name field once the name matches (see
    // returnPressed below), and never cancels half-way through typing.
    m_confirmButton->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(consequenceLabel);
    layout->addWidget(m_warning);
    layout->addSpacing(6);
    layout->addWidget(prompt);
    layout->addWidget(m_nameField);
    layout->addWidget(m_hint);
    layout->addWidget(buttons);

    connect(m_nameField, &QLineEdit::textChanged, this,
            &TypedConfirmationDialog::updateConfirmable);
    const auto confirmIfMatching = [this] {
        if (isConfirmable()) {
            accept();
        }
    };
    connect(m_confirmButton, &QPushButton::clicked, this, confirmIfMatching);
    connect(m_nameField, &QLineEdit::returnPressed, this, confirmIfMatching);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_nameField->setFocus();
    updateConfirmable();
}

void TypedConfirmationDialog::setWarning(const QString& warning) {
    m_warning->setText(warning);
    m_warning->setVisible(!warning.isEmpty());
}

bool TypedConfirmationDialog::isConfirmable() const {
    return m_nameField->text() == m_expectedName;
}

void TypedConfirmationDialog::updateConfirmable() {
    const bool matches = isConfirmable();
    m_confirmButton->setEnabled(matches);
    const QString typed = m_nameField->text();
    if (typed.isEmpty() || matches) {
        m_hint->clear();
    } else if (m_expectedName.startsWith(typed)) {
        m_hint->setText(tr("Keep typing: the name must match exactly."));
    } else {
        m_hint->setText(tr("This does not match the name (it is case-sensitive)."));
    }
}

} // namespace strongroom
