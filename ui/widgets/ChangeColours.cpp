#include "ChangeColours.h"

namespace strongroom {

namespace {

// How much of the hue shows through: enough to scan a long diff, little enough to keep text
// contrast intact on both light and dark bases.
constexpr double kTintStrength = 0.22;

} // namespace

QColor ChangeColours::addedBackground(const QPalette& palette) {
    return tint(palette, QColor(0x2e, 0xa0, 0x43));
}

QColor ChangeColours::removedBackground(const QPalette& palette) {
    return tint(palette, QColor(0xd7, 0x3a, 0x49));
}

QColor ChangeColours::changedBackground(const QPalette& palette) {
    return tint(palette, QColor(0xd4, 0xa0, 0x17));
}

QColor ChangeColours::errorText(const QPalette& palette) {
    return isDark(palette) ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x00, 0x20);
}

bool ChangeColours::isDark(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor ChangeColours::tint(const QPalette& palette, const QColor& hue) {
    const QColor base = palette.color(QPalette::Base);
    const auto mix = [](int from, int to) {
        return static_cast<int>(from + (to - from) * kTintStrength);
    };
    return QColor(mix(base.red(), hue.red()), mix(base.green(), hue.green()),
                  mix(base.blue(), hue.blue()));
}

} // namespace strongroom
