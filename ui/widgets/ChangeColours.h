#pragma once

#include <QColor>
#include <QPalette>

namespace strongroom {

// Subtle colours for added / removed / changed rows and error text, derived from the current
// palette so they work in light and dark themes alike. Colour only reinforces the text markers
// ("+ added", "- removed"...): it is never the only signal.
class ChangeColours {
public:
    static QColor addedBackground(const QPalette& palette);
    static QColor removedBackground(const QPalette& palette);
    static QColor changedBackground(const QPalette& palette);
    static QColor errorText(const QPalette& palette);
    static bool isDark(const QPalette& palette);

private:
    // `hue` blended into the palette's base colour at low strength.
    static QColor tint(const QPalette& palette, const QColor& hue);
};

} // namespace strongroom
