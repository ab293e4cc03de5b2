#include "AppSettings.h"
#include "Clipboard.h"
#include "IsolatedHome.h"

#include <QApplication>
#include <QClipboard>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

using namespace strongroom;
using namespace std::chrono_literals;

class TestClipboard : public QObject {
    Q_OBJECT

private:
    QClipboard* system() const { return QGuiApplication::clipboard(); }
    std::unique_ptr<IsolatedHome> m_home;
    std::unique_ptr<AppSettings> m_settings;

private Q_SLOTS:
    void init() {
        m_home = std::make_unique<IsolatedHome>();
        m_settings = std::make_unique<AppSettings>(m_home->configDir() + "/test.conf");
        m_settings->setClipboardClearSeconds(1);
        system()->clear();
    }
    void cleanup() {
        m_settings.reset();
        m_home.reset();
    }

    void copyPutsTheValueWithPasswordManagerHints() {
        Clipboard clipboard(m_settings.get());
        clipboard.copy(SecretBytes(std::string_view("hunter2-ü")));

        const QMimeData* mime = system()->mimeData();
        QVERIFY(mime != nullptr);
        QCOMPARE(mime->text(), QStringLiteral("hunter2-ü"));
        QCOMPARE(mime->data("x-kde-passwordManagerHint"), QByteArray("secret"));
        QVERIFY(mime->hasFormat("application/x-nspasteboard-concealed-type"));
        QVERIFY(mime->hasFormat("ExcludeClipboardContentFromMonitorProcessing"));
        QVERIFY(clipboard.holdsOurCopy());
    }

    void clearsOurCopyAfterTheDelayWithACountdown() {
        m_settings->setClipboardClearSeconds(2);
        Clipboard clipboard(m_settings.get());
        clipboard.countdownTimer()->freeze(); // the test moves the clock
        QSignalSpy countdown(&clipboard, &Clipboard::countdown);
        clipboard.copy(SecretBytes(std::string_view("s3cr3t")));
        QCOMPARE(clipboard.secondsLeft(), 2);

        clipboard.countdownTimer()->advance(1999ms);
        QCOMPARE(system()->text(), QStringLiteral("s3cr3t"));
        QCOMPARE(clipboard.secondsLeft(), 1);
        clipboard.countdownTimer()->advance(1ms);
        QCOMPARE(system()->text(), QString());
        QVERIFY(!clipboard.holdsOurCopy());
        QList<int> seen;
        for (const auto& args : countdown) {
            seen << args.at(0).toInt();
        }
        QCOMPARE(seen, (QList<int>{2, 1, 0}));
        QCOMPARE(clipboard.secondsLeft(), 0);
    }

    void leavesSomeoneElsesCopyAlone() {
        Clipboard clipboard(m_settings.get());
        clipboard.countdownTimer()->freeze();
        QSignalSpy countdown(&clipboard, &Clipboard::countdown);
        clipboard.copy(SecretBytes(std::string_view("ours")));
        system()->setText(QStringLiteral("the operator copied this later"));
        // The countdown stops at once: there is nothing of ours left to clear.
        QVERIFY(!countdown.isEmpty());
        QCOMPARE(countdown.last().at(0).toInt(), 0);

        clipboard.countdownTimer()->advance(5s);
        QCOMPARE(system()->text(), QStringLiteral("the operator copied this later"));
        clipboard.clearIfOurs();
        QCOMPARE(system()->text(), QStringLiteral("the operator copied this later"));
    }

    void sameTextCopiedByAnotherAppIsStillRecognisedByValue() {
        // Hash comparison is by value: if the clipboard holds exactly our text we clear it, even
        // after a round trip through another clipboard owner.
        Clipboard clipboard(m_settings.get());
        clipboard.copy(SecretBytes(std::string_view("same")));
        system()->setText(QStringLiteral("same"));
        QVERIFY(clipboard.holdsOurCopy());
        clipboard.clearIfOurs();
        QCOMPARE(system()->text(), QString());
    }

    void clearIfOursClearsImmediatelyOnLock() {
        m_settings->setClipboardClearSeconds(300);
        Clipboard clipboard(m_settings.get());
        clipboard.copy(SecretBytes(std::string_view("lock-me")));
        QCOMPARE(system()->text(), QStringLiteral("lock-me"));
        clipboard.clearIfOurs();
        QCOMPARE(system()->text(), QString());
        QCOMPARE(clipboard.secondsLeft(), 0);
    }

    void destroyingTheClipboardClearsOurCopy() {
        m_settings->setClipboardClearSeconds(300);
        {
            Clipboard clipboard(m_settings.get());
            clipboard.copy(SecretBytes(std::string_view("quit-me")));
            QCOMPARE(system()->text(), QStringLiteral("quit-me"));
        }
        QCOMPARE(system()->text(), QString());
    }

    void zeroDelayKeepsTheCopyUntilReplaced() {
        m_settings->setClipboardClearSeconds(0);
        Clipboard clipboard(m_settings.get());
        clipboard.countdownTimer()->freeze();
        QSignalSpy countdown(&clipboard, &Clipboard::countdown);
        clipboard.copy(SecretBytes(std::string_view("keep")));
        clipboard.countdownTimer()->advance(1h);
        QCOMPARE(system()->text(), QStringLiteral("keep"));
        QVERIFY(countdown.isEmpty());
    }
};

QTEST_MAIN(TestClipboard)
#include "test_widgets_clipboard.moc"
