#include "DialogAnswers.h"

#include "TypedConfirmationDialog.h"

#include <QAbstractButton>
#include <QCoroSignal>
#include <QDialog>
#include <QMessageBox>
#include <QPointer>

namespace strongroom {

QCoro::Task<int> answerOf(QDialog* dialog) {
    dialog->open();
    auto finished = qCoro(dialog, &QDialog::finished);
    const int result = co_await finished;
    co_return result;
}

QCoro::Task<bool> confirmed(QWidget* window, QString title, QString text, QString acceptLabel,
                            QString detail) {
    QPointer<QMessageBox> box =
        new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Cancel, window);
    box->addButton(acceptLabel, QMessageBox::AcceptRole);
    if (!detail.isEmpty()) {
        box->setInformativeText(detail);
    }
    box->open();
    auto clicked = qCoro(box.data(), &QMessageBox::buttonClicked);
    auto button = co_await clicked;
    if (!box) {
        co_return false;
    }
    box->deleteLater();
    co_return button && box->buttonRole(button) == QMessageBox::AcceptRole;
}

QCoro::Task<bool> typedConfirmed(QWidget* window, QString title, QString consequence, QString name,
                                 QString actionLabel, QString warning) {
    QPointer<TypedConfirmationDialog> dialog =
        new TypedConfirmationDialog(title, consequence, name, actionLabel, window);
    if (!warning.isEmpty()) {
        dialog->setWarning(warning);
    }
    auto answering = answerOf(dialog);
    const int answer = co_await std::move(answering);
    if (dialog) {
        dialog->deleteLater();
    }
    co_return answer == QDialog::Accepted;
}

QCoro::Task<bool> noQuestionAsked() {
    co_return true;
}

} // namespace strongroom
