#pragma once

#include <QCoroTask>
#include <QString>

class QDialog;
class QWidget;

namespace strongroom {

// Awaits a dialog opened window-modal with open(): the event loop keeps running meanwhile.
// The dialog must not delete itself on close: the caller reads it after resuming, then deletes it.
QCoro::Task<int> answerOf(QDialog* dialog);

// Asks a yes/no question window-modal; true when the operator chose `acceptLabel`. `detail`, when
// given, is the box's informative text.
QCoro::Task<bool> confirmed(QWidget* window, QString title, QString text, QString acceptLabel,
                            QString detail = {});

// Asks for the secret's name to be typed (TypedConfirmationDialog) before an action that cannot
// be undone; true once it was typed and confirmed. `warning`, when given, is shown loud.
QCoro::Task<bool> typedConfirmed(QWidget* window, QString title, QString consequence, QString name,
                                 QString actionLabel, QString warning = {});

// An answer already given, for a step that needs no question (undelete).
QCoro::Task<bool> noQuestionAsked();

} // namespace strongroom
