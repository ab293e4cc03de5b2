#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

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

    // Overrides the settings (tests).
    void setTimeout(std::chrono::milliseconds timeout);

Q_SIGNALS:
    void revealedChanged(bool revealed);

private:
    void setRevealed(bool revealed);

    QPointer<AppSettings> m_settings;
    QTimer m_timer;
    bool m_revealed = false;
    std::chrono::milliseconds m_override{0};
};

} // namespace strongroom
