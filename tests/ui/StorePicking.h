#pragma once

// Connect… as an operator does it, shared by the UI suites: the toolbar's Connect…, then the
// store's row in the picker (a click, then Enter), which opens that store's connect dialog.

#include "MainWindow.h"
#include "StorePickerDialog.h"
#include "UiWait.h"

#include <QAction>
#include <QListWidget>
#include <QTest>

namespace strongroom::testing {

// False when the picker did not show or does not list `displayName`.
inline bool pickStore(MainWindow* window, const QString& displayName) {
    window->connectAction()->trigger();
    auto* picker = waitForDialog<StorePickerDialog>();
    if (!picker) {
        return false;
    }
    const int row = picker->rowOf(displayName);
    if (row < 0) {
        return false;
    }
    QListWidget* list = picker->list();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier,
                      list->visualItemRect(list->item(row)).center());
    QTest::keyClick(list, Qt::Key_Return);
    return true;
}

} // namespace strongroom::testing
