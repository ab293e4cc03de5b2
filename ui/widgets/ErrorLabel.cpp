#include "ErrorLabel.h"

#include "ChangeColours.h"

#include <QEvent>

namespace strongroom {

ErrorLabel::ErrorLabel(QWidget* parent)
    : QLabel(parent) {
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setAccessibleName(tr("Error"));
    applyColour();
    setVisible(false);
}

void ErrorLabel::showMessage(const QString& message) {
    setText(message);
    setVisible(!message.isEmpty());
}

void ErrorLabel::clearMessage() {
    clear();
    setVisible(false);
}

void ErrorLabel::changeEvent(QEvent* event) {
    QLabel::changeEvent(event);
    // Follow a light/dark switch at run time; setting our own palette triggers another
    // PaletteChange, so only react when the colour actually differs.
    if (event->type() == QEvent::PaletteChange) {
        const QColor wanted = ChangeColours::errorText(palette());
        if (palette().color(QPalette::WindowText) != wanted) {
            applyColour();
        }
    }
}

void ErrorLabel::applyColour() {
    QPalette coloured = palette();
    coloured.setColor(QPalette::WindowText, ChangeColours::errorText(coloured));
    setPalette(coloured);
}

} // namespace strongroom
