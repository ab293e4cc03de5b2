#include "MovableTimer.h"

namespace strongroom {

MovableTimer::MovableTimer(QObject* parent)
    : QObject(parent) {
    connect(&m_timer, &QTimer::timeout, this, &MovableTimer::fire);
}

void MovableTimer::setInterval(std::chrono::milliseconds interval) {
    m_interval = interval;
    if (m_timer.isActive()) {
        m_timer.start(m_interval);
    }
}

void MovableTimer::start() {
    m_active = true;
    m_elapsed = std::chrono::milliseconds(0);
    if (!m_frozen) {
        m_timer.setSingleShot(m_singleShot);
        m_timer.start(m_interval);
    }
}

void MovableTimer::start(std::chrono::milliseconds interval) {
    m_interval = interval;
    start();
}

void MovableTimer::stop() {
    m_active = false;
    m_timer.stop();
}

void MovableTimer::freeze() {
    m_frozen = true;
    m_timer.stop();
}

void MovableTimer::advance(std::chrono::milliseconds elapsed) {
    if (!m_frozen) {
        return;
    }
    m_elapsed += elapsed;
    // fire() may stop or restart the timer: each round looks again.
    while (m_active && m_interval.count() > 0 && m_elapsed >= m_interval) {
        m_elapsed -= m_interval;
        fire();
    }
}

void MovableTimer::fire() {
    if (m_singleShot) {
        m_active = false;
    }
    Q_EMIT timeout();
}

} // namespace strongroom
