#pragma once

#include <QLabel>

namespace strongroom {

// The inline error line every form in this folder shows under its fields: hidden until there is
// something to say, wraps, and is coloured from the palette so it reads in light and dark themes.
class ErrorLabel : public QLabel {
    Q_OBJECT
public:
    explicit ErrorLabel(QWidget* parent = nullptr);

    void showMessage(const QString& message);
    void clearMessage();

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyColour();
};

} // namespace strongroom
