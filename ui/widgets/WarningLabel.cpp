#include "WarningLabel.h"

#include "ChangeColours.h"

namespace strongroom {

WarningLabel::WarningLabel(QWidget* parent)
    : WarningLabel(QString(), parent) {}

WarningLabel::WarningLabel(const QString& text, QWidget* parent)
    : QLabel(parent) {
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    QFont loud = font();
    loud.setBold(true);
    setFont(loud);
    // The error red of the palette, so it reads in light and dark themes alike; disabled (the
    // choice it warns about is not taken) it greys out like any label.
    QPalette colours = palette();
    for (QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
        colours.setColor(group, QPalette::WindowText, ChangeColours::errorText(colours));
    }
    setPalette(colours);
    setText(text);
}

void WarningLabel::setText(const QString& text) {
    QLabel::setText(text.isEmpty() ? QString() : QStringLiteral("⚠ ") + text);
}

} // namespace strongroom
