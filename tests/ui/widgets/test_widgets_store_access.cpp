#include "ErrorLabel.h"
#include "LockScreen.h"
#include "PassphraseStrength.h"
#include "Screenshot.h"
#include "StoreSetupDialog.h"
#include "UnlockDialog.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>

using namespace strongroom;

namespace {

// Radio buttons span the dialog's width but only react on their indicator and text.
void clickRadio(QRadioButton* radio) {
    QTest::mouseClick(radio, Qt::LeftButton, {}, QPoint(8, radio->height() / 2));
}

} // namespace

class TestStoreAccess : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void strength_data() {
        QTest::addColumn<QString>("passphrase");
        QTest::addColumn<int>("level");
        using L = PassphraseStrength::Level;
        QTest::newRow("7 chars") << "abcdefg" << int(L::TooShort);
        QTest::newRow("8 lower") << "password" << int(L::Weak);
        QTest::newRow("repeated") << "aaaaaaaaaaaa" << int(L::Weak);
        QTest::newRow("mixed 11") << "Tr0ub4dor&3" << int(L::Fair);
        QTest::newRow("four words") << "correct horse battery staple" << int(L::Strong);
    }
    void strength() {
        QFETCH(QString, passphrase);
        QFETCH(int, level);
        QCOMPARE(int(PassphraseStrength::assess(passphrase)), level);
    }

    void setupDefaultsToTheKeychain() {
        StoreSetupDialog dialog;
        QSignalSpy requested(&dialog, &StoreSetupDialog::createRequested);
        dialog.show();
        QVERIFY(dialog.keychainChoice()->isChecked());
        QVERIFY(dialog.createButton()->isEnabled());
        QVERIFY(!dialog.passphraseField()->isEnabled());
        saveScreenshot(&dialog, "store-setup-keychain");

        QTest::mouseClick(dialog.createButton(), Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().at(0).value<LocalKeyProtection>(), LocalKeyProtection::Keychain);
        QVERIFY(requested.first().at(1).value<SecretBytes>().isEmpty());
        // Busy until the caller answers; a second click cannot start a second creation.
        QVERIFY(!dialog.createButton()->isEnabled());
        dialog.showError("The keychain refused the key.");
        QVERIFY(dialog.errorLabel()->isVisible());
        QVERIFY(dialog.createButton()->isEnabled());
    }

    void setupWithAPassphraseChecksLengthAndConfirmation() {
        StoreSetupDialog dialog;
        QSignalSpy requested(&dialog, &StoreSetupDialog::createRequested);
        dialog.show();
        clickRadio(dialog.passphraseChoice());
        QVERIFY(dialog.passphraseChoice()->isChecked());
        QVERIFY(dialog.passphraseField()->isEnabled());
        QVERIFY(!dialog.createButton()->isEnabled());

        QTest::keyClicks(dialog.passphraseField(), "short");
        QVERIFY(dialog.strengthLabel()->text().contains("at least 8"));
        QTest::keyClicks(dialog.confirmationField(), "short");
        QVERIFY(!dialog.createButton()->isEnabled()); // matches, but too short

        dialog.passphraseField()->clear();
        dialog.confirmationField()->clear();
        QTest::keyClicks(dialog.passphraseField(), "correct horse battery staple");
        QVERIFY(dialog.strengthLabel()->text().startsWith("Strong"));
        QTest::keyClicks(dialog.confirmationField(), "correct horse");
        QVERIFY(!dialog.errorLabel()->isVisible()); // still typing: no error yet
        QTest::keyClicks(dialog.confirmationField(), " battery stable");
        QVERIFY(dialog.errorLabel()->isVisible());
        QVERIFY(dialog.errorLabel()->text().contains("do not match"));
        QVERIFY(!dialog.createButton()->isEnabled());
        saveScreenshot(&dialog, "store-setup-passphrase-mismatch");

        for (int i = 0; i < 3; ++i) {
            QTest::keyClick(dialog.confirmationField(), Qt::Key_Backspace);
        }
        QTest::keyClicks(dialog.confirmationField(), "ple");
        QVERIFY(!dialog.errorLabel()->isVisible());
        QVERIFY(dialog.createButton()->isEnabled());

        QTest::mouseClick(dialog.createButton(), Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().at(0).value<LocalKeyProtection>(),
                 LocalKeyProtection::Passphrase);
        QCOMPARE(requested.first().at(1).value<SecretBytes>().toDisplayString(),
                 QStringLiteral("correct horse battery staple"));
        // The fields do not keep the passphrase once it was handed over.
        QVERIFY(dialog.passphraseField()->text().isEmpty());
        QVERIFY(dialog.confirmationField()->text().isEmpty());
    }

    void setupWithoutKeychainForcesAPassphrase() {
        StoreSetupDialog dialog;
        dialog.setKeychainAvailable(false, "no Secret Service on the D-Bus session");
        dialog.show();
        QVERIFY(!dialog.keychainChoice()->isEnabled());
        QVERIFY(dialog.passphraseChoice()->isChecked());
        QVERIFY(!dialog.createButton()->isEnabled());
        const auto labels = dialog.findChildren<QLabel*>();
        const bool explained = std::any_of(labels.begin(), labels.end(), [](QLabel* label) {
            return label->isVisible() && label->text().contains("no Secret Service");
        });
        QVERIFY(explained);
        saveScreenshot(&dialog, "store-setup-no-keychain");
    }

    void unlockDialogShowsAWrongPassphraseInline() {
        UnlockDialog dialog("Local store");
        QSignalSpy requested(&dialog, &UnlockDialog::unlockRequested);
        dialog.show();
        QVERIFY(!dialog.unlockButton()->isEnabled());
        QTest::keyClicks(dialog.passphraseField(), "guess");
        QTest::mouseClick(dialog.unlockButton(), Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().at(0).value<SecretBytes>().toDisplayString(),
                 QStringLiteral("guess"));
        QVERIFY(dialog.passphraseField()->text().isEmpty());
        QVERIFY(!dialog.passphraseField()->isEnabled()); // busy

        dialog.showError("Wrong passphrase.");
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.errorLabel()->isVisible());
        QCOMPARE(dialog.errorLabel()->text(), QStringLiteral("Wrong passphrase."));
        QVERIFY(dialog.passphraseField()->isEnabled());

        // Return submits too.
        QTest::keyClicks(dialog.passphraseField(), "right");
        QTest::keyClick(dialog.passphraseField(), Qt::Key_Return);
        QCOMPARE(requested.count(), 2);
        QVERIFY(!dialog.errorLabel()->isVisible());
    }

    void lockScreenWithPassphrase() {
        LockScreen screen;
        QSignalSpy requested(&screen, &LockScreen::unlockRequested);
        screen.setPassphraseRequired(true);
        screen.show();
        const auto labels = screen.findChildren<QLabel*>();
        QVERIFY(std::any_of(labels.begin(), labels.end(), [](QLabel* label) {
            return label->text() == QStringLiteral("Strongroom is locked");
        }));
        QVERIFY(screen.passphraseField()->isVisible());
        QVERIFY(!screen.unlockButton()->isEnabled());
        QTest::keyClicks(screen.passphraseField(), "pw-1234");
        QTest::keyClick(screen.passphraseField(), Qt::Key_Return);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().at(0).value<SecretBytes>().toDisplayString(),
                 QStringLiteral("pw-1234"));
        QVERIFY(screen.passphraseField()->text().isEmpty());

        screen.showError("Wrong passphrase.");
        QVERIFY(screen.errorLabel()->isVisible());
        screen.setBusy(true);
        QTest::keyClicks(screen.passphraseField(), "x");
        QVERIFY(!screen.unlockButton()->isEnabled());
    }

    void lockScreenForAKeychainStoreUnlocksWithOneClick() {
        LockScreen screen;
        QSignalSpy requested(&screen, &LockScreen::unlockRequested);
        screen.setPassphraseRequired(false);
        screen.show();
        QVERIFY(!screen.passphraseField()->isVisible());
        QVERIFY(screen.unlockButton()->isEnabled());
        QTest::mouseClick(screen.unlockButton(), Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
        QVERIFY(requested.first().at(0).value<SecretBytes>().isEmpty());
    }

    void hidingTheLockScreenClearsTheField() {
        LockScreen screen;
        screen.setPassphraseRequired(true);
        screen.show();
        QTest::keyClicks(screen.passphraseField(), "half-typed");
        screen.hide();
        QVERIFY(screen.passphraseField()->text().isEmpty());
    }
};

QTEST_MAIN(TestStoreAccess)
#include "test_widgets_store_access.moc"
