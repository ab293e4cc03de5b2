#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

namespace strongroom {

// A QTimer a test can take off real time: after freeze(), only advance() moves it, so a suite
// checks that the clipboard clears after 30 s or a reveal re-masks after 10 s without waiting
// for them. In the application it is a plain QTimer.
class MovableTimer : public QObject {
    Q_OBJECT
public:
    explicit MovableTimer(QObject* parent = nullptr);

    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const { return m_interval; }
    void setSingleShot(bool singleShot) { m_singleShot = singleShot; }
    void setTimerType(Qt::TimerType type) { m_timer.setTimerType(type); }
    void start();
    void start(std::chrono::milliseconds interval);
    void stop();
    bool isActive() const { return m_active; }

    // A test's clock: from now on real time no longer moves this timer, advance() does.
    void freeze();
    bool isFrozen() const { return m_frozen; }
    // Moves a frozen timer on by `elapsed`: timeout() fires as often as that covers.
    void advance(std::chrono::milliseconds elapsed);

Q_SIGNALS:
    void timeout();

private:
    void fire();

    QTimer m_timer;
    std::chrono::milliseconds m_interval{0};
    std::chrono::milliseconds m_elapsed{0}; // since start, while frozen
    bool m_singleShot = false;
    bool m_active = false;
    bool m_frozen = false;
};

} // namespace strongroom
