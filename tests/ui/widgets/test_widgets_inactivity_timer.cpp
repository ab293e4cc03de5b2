#include "AppSettings.h"
#include "InactivityTimer.h"
#include "IsolatedHome.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace strongroom;
using namespace std::chrono_literals;

class TestInactivityTimer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void followsTheIdleLockSetting() {
        IsolatedHome home;
        AppSettings settings(home.configDir() + "/test.conf");
        settings.setIdleLockMinutes(7);
        InactivityTimer timer(&settings);
        QCOMPARE(timer.interval(), std::chrono::milliseconds(7min));
        settings.setIdleLockMinutes(2);
        QCOMPARE(timer.interval(), std::chrono::milliseconds(2min));
    }

    void firesOnceAfterTheIntervalWithoutInput() {
        InactivityTimer timer(nullptr);
        timer.setInterval(200ms);
        QSignalSpy inactive(&timer, &InactivityTimer::inactive);
        timer.start();
        QVERIFY(inactive.wait(2000));
        QTest::qWait(400);
        QCOMPARE(inactive.count(), 1); // single-shot: no repeated locks while nobody is there
    }

    void keyboardAndMouseInputPostponeIt() {
        QLineEdit field;
        field.show();
        QVERIFY(QTest::qWaitForWindowExposed(&field));

        InactivityTimer timer(nullptr);
        timer.setInterval(400ms);
        QSignalSpy inactive(&timer, &InactivityTimer::inactive);
        timer.start();
        QElapsedTimer clock;
        clock.start();
        // Keep typing and clicking every 100 ms for well over the interval.
        for (int i = 0; i < 10; ++i) {
            QTest::qWait(100);
            if (i % 2 == 0) {
                QTest::keyClick(&field, Qt::Key_A);
            } else {
                QTest::mouseClick(&field, Qt::LeftButton);
            }
        }
        QVERIFY(clock.elapsed() >= 900);
        QCOMPARE(inactive.count(), 0);
        // Once input stops, it fires.
        QVERIFY(inactive.wait(2000));
    }

    void stopAndZeroIntervalDisableIt() {
        InactivityTimer timer(nullptr);
        timer.setInterval(150ms);
        QSignalSpy inactive(&timer, &InactivityTimer::inactive);
        timer.start();
        timer.stop();
        QTest::qWait(400);
        QCOMPARE(inactive.count(), 0);

        timer.setInterval(0ms); // "never"
        timer.start();
        QTest::qWait(300);
        QCOMPARE(inactive.count(), 0);
    }
};

QTEST_MAIN(TestInactivityTimer)
#include "test_widgets_inactivity_timer.moc"
