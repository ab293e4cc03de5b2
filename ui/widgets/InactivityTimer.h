#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

namespace strongroom {

class AppSettings;

// Watches the whole application for operator input (keys, mouse, wheel) with one event filter on
// the application object and restarts a single-shot timer on each; when it runs out, inactive()
// fires once so the workspace can lock. Follows AppSettings::idleLockMinutes (0 = never).
class InactivityTimer : public QObject {
    Q_OBJECT
public:
    explicit InactivityTimer(AppSettings* settings, QObject* parent = nullptr);
    ~InactivityTimer() override;

    // Starts watching (after unlock); stop() while locked so the lock screen does not relock.
    void start();
    void stop();
    bool isWatching() const { return m_watching; }

    // Overrides the interval taken from the settings (tests, or a policy that is stricter).
    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const;

Q_SIGNALS:
    void inactive();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void applyMinutes(int minutes);
    void restart();

    QPointer<AppSettings> m_settings;
    QTimer m_timer;
    bool m_watching = false;
};

} // namespace strongroom
