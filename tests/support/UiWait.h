#pragma once

// Waiting helpers shared by the UI suites (tests/ui), header-only.
//
// They wait in a real event loop (QEventLoop::exec) polled every 10 ms, not in QTest::qWaitFor /
// QTRY_*, which only call processEvents(): QtKeychain's Secret Service calls (and the async code
// built on them) complete only while a loop blocks for events.

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QEventLoop>
#include <QMenu>
#include <QMessageBox>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QWidget>

namespace strongroom::testing {

// True once done() holds, false if it still does not after timeoutMs.
template <typename Predicate> bool waitUntil(Predicate done, int timeoutMs = 20000) {
    if (done()) {
        return true;
    }
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(10);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done()) {
            loop.quit();
        }
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    poll.start();
    loop.exec();
    return done();
}

// The first visible top-level widget of type Widget (dialogs are opened with open(), so they are
// there to be found once the loop ran), or nullptr after timeoutMs.
template <typename Widget> Widget* waitForTopLevel(int timeoutMs = 15000) {
    Widget* found = nullptr;
    (void)waitUntil(
        [&] {
            const auto widgets = QApplication::topLevelWidgets();
            for (QWidget* widget : widgets) {
                if (auto* typed = qobject_cast<Widget*>(widget); typed && typed->isVisible()) {
                    found = typed;
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return found;
}

template <typename Dialog> Dialog* waitForDialog(int timeoutMs = 15000) {
    return waitForTopLevel<Dialog>(timeoutMs);
}

// The visible message box whose text contains `text`, or nullptr after timeoutMs.
inline QMessageBox* waitForBox(const QString& text, int timeoutMs = 15000) {
    QMessageBox* found = nullptr;
    (void)waitUntil(
        [&] {
            const auto widgets = QApplication::topLevelWidgets();
            for (QWidget* widget : widgets) {
                auto* box = qobject_cast<QMessageBox*>(widget);
                if (box && box->isVisible() && box->text().contains(text)) {
                    found = box;
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return found;
}

// Clicks the box's button labelled `text` ('&' mnemonics removed); false when it has none.
inline bool clickBoxButton(QMessageBox* box, const QString& text) {
    const auto buttons = box->buttons();
    for (QAbstractButton* button : buttons) {
        if (button->text().remove(QLatin1Char('&')) == text) {
            button->click();
            return true;
        }
    }
    return false;
}

// The action of `menu` or of its submenus (searched first) whose text is `text` once its '&'
// mnemonics are removed.
inline QAction* findAction(QMenu* menu, const QString& text) {
    const auto actions = menu->actions();
    for (QAction* action : actions) {
        if (action->menu()) {
            if (QAction* inner = findAction(action->menu(), text)) {
                return inner;
            }
        }
        if (action->text().remove(QLatin1Char('&')) == text) {
            return action;
        }
    }
    return nullptr;
}

} // namespace strongroom::testing

// QVERIFY-style checks that wait in the real loop (QTRY_* only poll with processEvents()).
#define WAIT_VERIFY(condition, timeoutMs)                                                          \
    QVERIFY2(::strongroom::testing::waitUntil([&] { return bool(condition); }, timeoutMs),         \
             #condition)
#define WAIT_VERIFY2(condition, message, timeoutMs)                                                \
    QVERIFY2(::strongroom::testing::waitUntil([&] { return bool(condition); }, timeoutMs), message)
