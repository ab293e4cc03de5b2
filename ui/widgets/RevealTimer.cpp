#include "RevealTimer.h"

#include "AppSettings.h"

#include <QAbstractButton>
#include <QSignalBlocker>

namespace strongroom {

RevealTimer::RevealTimer(AppSettings* settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings) {
    m_timer.setSingleShot(true);
    connect(&m_timer, &MovableTimer::timeout, this, &RevealTimer::mask);
}

void RevealTimer::reveal() {
    // Read the setting at each reveal so a change in the settings dialog applies at once.
    std::chrono::milliseconds timeout = m_override;
    if (timeout.count() <= 0) {
        const int seconds =
            m_settings ? m_settings->revealSeconds() : AppSettings::DefaultRevealSeconds;
        timeout = std::chrono::seconds(seconds > 0 ? seconds : AppSettings::DefaultRevealSeconds);
    }
    m_timer.start(timeout);
    setRevealed(true);
}

void RevealTimer::mask() {
    m_timer.stop();
    setRevealed(false);
}

void RevealTimer::attachButton(QAbstractButton* button, const QString& revealText,
                               const QString& hideText) {
    button->setCheckable(true);
    connect(button, &QAbstractButton::toggled, this, [this](bool on) {
        if (on) {
            reveal();
        } else {
            mask();
        }
    });
    // The button is the context: the connection dies with it.
    connect(this, &RevealTimer::revealedChanged, button,
            [button, revealText, hideText](bool revealed) {
                const QSignalBlocker quiet(button);
                button->setChecked(revealed);
                if (!revealText.isEmpty()) {
                    button->setText(revealed ? hideText : revealText);
                }
            });
}

void RevealTimer::setTimeout(std::chrono::milliseconds timeout) {
    m_override = timeout;
}

void RevealTimer::setRevealed(bool revealed) {
    if (m_revealed == revealed) {
        return;
    }
    m_revealed = revealed;
    Q_EMIT revealedChanged(revealed);
}

} // namespace strongroom
