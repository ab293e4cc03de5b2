#pragma once

#include <QLabel>

namespace strongroom {

// A warning that must not be read past: bold, in a red that reads on light and dark themes,
// wrapped, with a warning sign. Used where something goes for good (delete without recovery,
// purge from the bin).
class WarningLabel : public QLabel {
    Q_OBJECT
public:
    explicit WarningLabel(QWidget* parent = nullptr);
    explicit WarningLabel(const QString& text, QWidget* parent = nullptr);

    // Sets the text behind the warning sign.
    void setText(const QString& text);
};

} // namespace strongroom
