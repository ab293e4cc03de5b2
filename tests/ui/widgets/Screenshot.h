#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QWidget>

// Saves what a widget looks like to STRONGROOM_SCREENSHOT_DIR (if set) or next to the test
// executable, so a person can look at dialogs the tests drove. Returns the file written.
inline QString saveScreenshot(QWidget* widget, const QString& name) {
    QString dir = qEnvironmentVariable("STRONGROOM_SCREENSHOT_DIR");
    if (dir.isEmpty()) {
        dir = QCoreApplication::applicationDirPath() + QStringLiteral("/screenshots");
    }
    QDir().mkpath(dir);
    const QString file = dir + QLatin1Char('/') + name + QStringLiteral(".png");
    return widget->grab().save(file) ? file : QString();
}
