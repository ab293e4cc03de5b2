#pragma once

#include "MovableTimer.h"

#include <QObject>
#include <QPointer>

#include <chrono>

class QAbstractButton;

namespace strongroom {

class AppSettings;

// Reveal is explicit and temporary: reveal() shows values until AppSettings::revealSeconds pass,
// then the owner is told to mask them again. One timer per view that can reveal.
class RevealTimer : public QObject {
    Q_OBJECT
public:
    explicit RevealTimer(AppSettings* settings, QObject* parent = nullptr);

    void reveal();
    void mask();
    bool isRevealed() const { return m_revealed; }

    // Drives `button` as this timer's Reveal toggle: checking it reveals, unchecking masks, and
    // the timer's re-mask unchecks it. With texts given, the button says `hideText` while the
    // values show. One button per timer.
    void attachButton(QAbstractButton* button, const QString& revealText = {},
                      const QString& hideText = {});

    // Overrides the settings (tests).
    void setTimeout(std::chrono::milliseconds timeout);
    // The re-mask timer (tests freeze and advance it).
    MovableTimer* maskTimer() { return &m_timer; }

Q_SIGNALS:
    void revealedChanged(bool revealed);

private:
    void setRevealed(bool revealed);

    QPointer<AppSettings> m_settings;
    MovableTimer m_timer;
    bool m_revealed = false;
    std::chrono::milliseconds m_override{0};
};

} // namespace strongroom
