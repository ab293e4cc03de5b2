#include "AppSettings.h"
#include "IsolatedHome.h"
#include "SettingsDialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace strongroom;

namespace {

void typeValue(QSpinBox* box, int value) {
    box->selectAll();
    QTest::keyClicks(box, QString::number(value));
}

QPushButton* button(QDialog& dialog, QDialogButtonBox::StandardButton which) {
    return dialog.findChild<QDialogButtonBox*>()->button(which);
}

} // namespace

class TestSettingsDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void showsTheCurrentSettings() {
        IsolatedHome home;
        AppSettings settings(home.configDir() + "/s.conf");
        settings.setClipboardClearSeconds(45);
        settings.setRevealSeconds(12);
        settings.setIdleLockMinutes(9);
        SettingsDialog dialog(&settings);
        QCOMPARE(dialog.clipboardClearSeconds()->value(), 45);
        QCOMPARE(dialog.revealSeconds()->value(), 12);
        QCOMPARE(dialog.idleLockMinutes()->value(), 9);
    }

    void okSavesAndSurvivesARestart() {
        IsolatedHome home;
        const QString file = home.configDir() + "/s.conf";
        {
            AppSettings settings(file);
            QSignalSpy idleChanged(&settings, &AppSettings::idleLockMinutesChanged);
            SettingsDialog dialog(&settings);
            dialog.show();
            typeValue(dialog.clipboardClearSeconds(), 15);
            typeValue(dialog.revealSeconds(), 60);
            typeValue(dialog.idleLockMinutes(), 2);
            QCOMPARE(settings.idleLockMinutes(), AppSettings::DefaultIdleLockMinutes); // not yet
            QTest::mouseClick(button(dialog, QDialogButtonBox::Ok), Qt::LeftButton);
            QCOMPARE(idleChanged.count(), 1);
        }
        AppSettings reopened(file);
        QCOMPARE(reopened.clipboardClearSeconds(), 15);
        QCOMPARE(reopened.revealSeconds(), 60);
        QCOMPARE(reopened.idleLockMinutes(), 2);
    }

    void cancelChangesNothing() {
        IsolatedHome home;
        AppSettings settings(home.configDir() + "/s.conf");
        SettingsDialog dialog(&settings);
        dialog.show();
        typeValue(dialog.revealSeconds(), 99);
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QCOMPARE(settings.revealSeconds(), AppSettings::DefaultRevealSeconds);
    }

    void rangesAreSensible() {
        SettingsDialog dialog(nullptr);
        // Revealing forever is not an option; clipboard and idle lock may be turned off (0).
        QVERIFY(dialog.revealSeconds()->minimum() > 0);
        QCOMPARE(dialog.clipboardClearSeconds()->minimum(), 0);
        QCOMPARE(dialog.idleLockMinutes()->minimum(), 0);
        QVERIFY(dialog.idleLockMinutes()->maximum() <= 24 * 60);
        dialog.revealSeconds()->setValue(100000);
        QVERIFY(dialog.revealSeconds()->value() <= 3600);
    }

    void restoreDefaultsPutsTheShippedValuesBack() {
        IsolatedHome home;
        AppSettings settings(home.configDir() + "/s.conf");
        settings.setClipboardClearSeconds(5);
        SettingsDialog dialog(&settings);
        dialog.show();
        QTest::mouseClick(button(dialog, QDialogButtonBox::RestoreDefaults), Qt::LeftButton);
        QCOMPARE(dialog.clipboardClearSeconds()->value(), 30);
        QCOMPARE(dialog.revealSeconds()->value(), 20);
        QCOMPARE(dialog.idleLockMinutes()->value(), 5);
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "test_widgets_settings_dialog.moc"
