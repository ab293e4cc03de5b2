#include "InactivityTimer.h"

#include "AppSettings.h"

#include <QCoreApplication>
#include <QEvent>

namespace strongroom {

InactivityTimer::InactivityTimer(AppSettings* settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings) {
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &InactivityTimer::inactive);
    if (m_settings) {
        applyMinutes(m_settings->idleLockMinutes());
        connect(m_settings, &AppSettings::idleLockMinutesChanged, this,
                &InactivityTimer::applyMinutes);
    }
}

InactivityTimer::~InactivityTimer() {
    stop();
}

void InactivityTimer::start() {
    if (!m_watching) {
        qApp->installEventFilter(this);
        m_watching = true;
    }
    restart();
}

void InactivityTimer::stop() {
    if (m_watching && qApp != nullptr) {
        qApp->removeEventFilter(this);
    }
    m_watching = false;
    m_timer.stop();
}

void InactivityTimer::setInterval(std::chrono::milliseconds interval) {
    m_timer.setInterval(interval);
    restart();
}

std::chrono::milliseconds InactivityTimer::interval() const {
    return m_timer.intervalAsDuration();
}

bool InactivityTimer::eventFilter(QObject* watched, QEvent* event) {
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
        restart();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void InactivityTimer::applyMinutes(int minutes) {
    setInterval(std::chrono::minutes(minutes));
}

void InactivityTimer::restart() {
    // An interval of 0 means "never lock": a 0 ms single-shot would lock at once instead.
    if (m_watching && m_timer.interval() > 0) {
        m_timer.start();
    } else {
        m_timer.stop();
    }
}

} // namespace strongroom
