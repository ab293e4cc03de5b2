#include "AppSettings.h"
#include "Await.h"
#include "Clipboard.h"
#include "ConflictDialog.h"
#include "ConnectionsPane.h"
#include "ConnectionTreeModel.h"
#include "DataTab.h"
#include "DiffTab.h"
#include "DiffView.h"
#include "ErrorLabel.h"
#include "FieldRowsEditor.h"
#include "InactivityTimer.h"
#include "IsolatedHome.h"
#include "LockScreen.h"
#include "MainWindow.h"
#include "MovableTimer.h"
#include "NewSecretDialog.h"
#include "RollbackDialog.h"
#include "SecretEditorDialog.h"
#include "SecretFieldsModel.h"
#include "SecretPane.h"
#include "SecretPresenter.h"
#include "SecretService.h"
#include "SecretValueEditor.h"
#include "StoreSetupDialog.h"
#include "StoreStartup.h"
#include "TypedConfirmationDialog.h"
#include "UiRows.h"
#include "UiWait.h"
#include "VersionsModel.h"
#include "VersionsTab.h"
#include "Workspace.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTabBar>
#include <QTableView>
#include <QTableWidget>
#include <QTabWidget>
#include <QTest>

using namespace strongroom;
using namespace strongroom::testing;

namespace {

const QString masked = QStringLiteral("••••••");
const char* const passphrase = "correct horse battery staple";

void click(QWidget* widget) {
    QTest::mouseClick(widget, Qt::LeftButton);
}

// Radio buttons only take clicks on their indicator and label, at the left of a wide row.
void clickIndicator(QWidget* radio) {
    QTest::mouseClick(radio, Qt::LeftButton, Qt::NoModifier, QPoint(6, radio->height() / 2));
}

void clickRow(QTableView* table, int row, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    const QRect cell = table->visualRect(table->model()->index(row, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, modifiers, cell.center());
}

void showTab(QTabWidget* tabs, QWidget* page) {
    QTabBar* bar = tabs->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, Qt::NoModifier,
                      bar->tabRect(tabs->indexOf(page)).center());
}

int rowWithKey(FieldRowsEditor* rows, const QString& key) {
    for (int row = 0; row < rows->rowCount(); ++row) {
        if (rows->keyEditor(row)->text() == key) {
            return row;
        }
    }
    return -1;
}

QStringList tableColumn(const QAbstractItemModel* model, int column) {
    QStringList texts;
    for (int row = 0; row < model->rowCount(); ++row) {
        texts << model->index(row, column).data().toString();
    }
    return texts;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<IsolatedHome> m_home;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<MainWindow> m_window;

    SecretPresenter* presenter() const { return m_window->presenter(); }
    SecretPane* pane() const { return m_window->secretPane(); }
    QTableView* versionsTable() const { return pane()->versionsTab()->table(); }
    QTableView* dataTable() const { return pane()->dataTab()->table(); }

    bool waitIdle() {
        return QTest::qWaitFor([&] { return !presenter()->isBusy(); }, 15000);
    }

    static QString screenshotDir() {
        QString dir = qEnvironmentVariable("STRONGROOM_SCREENSHOT_DIR");
        if (dir.isEmpty()) {
            dir = qEnvironmentVariable("STRONGROOM_BINARY_DIR") + QStringLiteral("/screenshots");
        }
        QDir().mkpath(dir);
        return dir;
    }

    void screenshot(const QString& name) {
        QTest::qWait(100); // let pending layouts and paints settle
        QVERIFY(m_window->grab().save(screenshotDir() + QLatin1Char('/') + name +
                                      QStringLiteral(".png")));
    }

    void editPass(const QString& newPass, const QString& addKey, const QStringList& expectedDiff) {
        QVERIFY(waitIdle());
        QVERIFY(m_window->editAction()->isEnabled());
        m_window->editAction()->trigger();
        auto* editor = waitForDialog<SecretEditorDialog>();
        QVERIFY(editor);
        FieldRowsEditor* rows = editor->editor()->rows();
        const int pass = rowWithKey(rows, QStringLiteral("pass"));
        QVERIFY(pass >= 0);
        rows->valueEditor(pass)->clear();
        QTest::keyClicks(rows->valueEditor(pass), newPass);
        if (!addKey.isEmpty()) {
            click(rows->addButton());
            QTest::keyClicks(rows->keyEditor(rows->rowCount() - 1), addKey);
            QTest::keyClicks(rows->valueEditor(rows->rowCount() - 1),
                             QStringLiteral("db.internal"));
        }
        // Save only after the operator has seen the diff of what will be written.
        QVERIFY(!editor->saveButton()->isEnabled());
        click(editor->reviewButton());
        editor->diffView()->setHideUnchanged(false);
        QCOMPARE(diffRows(editor->diffView()->table()), expectedDiff);
        QVERIFY(editor->saveButton()->isEnabled());
        click(editor->saveButton());
    }

private Q_SLOTS:
    void initTestCase() {
        m_home = std::make_unique<IsolatedHome>();
        m_workspace = std::make_unique<Workspace>();
        m_workspace->settings()->setRevealSeconds(1);
        m_workspace->settings()->setClipboardClearSeconds(1);
        m_workspace->settings()->setIdleLockMinutes(0);
        m_window = std::make_unique<MainWindow>(m_workspace.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void firstRunCreatesAPassphraseStore() {
        StoreStartup* startup = m_window->startLocalStore(true); // --demo: seeded neighbours
        QSignalSpy ready(startup, &StoreStartup::ready);
        auto* setup = waitForDialog<StoreSetupDialog>();
        QVERIFY(setup);
        QVERIFY(QTest::qWaitForWindowExposed(setup));
        QVERIFY(setup->keychainChoice()->isChecked()); // the keychain is the default
        clickIndicator(setup->passphraseChoice());
        QVERIFY(setup->passphraseChoice()->isChecked());
        QTest::keyClicks(setup->passphraseField(), QString::fromLatin1(passphrase));
        QTest::keyClicks(setup->confirmationField(), QString::fromLatin1(passphrase));
        QVERIFY(setup->createButton()->isEnabled());
        click(setup->createButton());
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 60000);
        QVERIFY(m_workspace->connection(Workspace::localConnectionId()));
        QTRY_VERIFY(m_window->treeModel()->rowCount() == 1);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->connectionStatus()->text().contains(QStringLiteral("connected")), 5000);
    }

    void createSecretThroughTheDialog() {
        m_window->newAction()->trigger();
        auto* dialog = waitForDialog<NewSecretDialog>();
        QVERIFY(dialog);
        QTest::keyClicks(dialog->pathField(), QStringLiteral("app/db"));
        FieldRowsEditor* rows = dialog->editor()->rows();
        while (rows->rowCount() < 2) {
            click(rows->addButton());
        }
        QTest::keyClicks(rows->keyEditor(0), QStringLiteral("user"));
        QTest::keyClicks(rows->valueEditor(0), QStringLiteral("admin"));
        QTest::keyClicks(rows->keyEditor(1), QStringLiteral("pass"));
        QTest::keyClicks(rows->valueEditor(1), QStringLiteral("s3cret-1"));
        QVERIFY(dialog->createButton()->isEnabled());
        click(dialog->createButton());

        QTRY_VERIFY2_WITH_TIMEOUT(presenter()->ref().path == QStringLiteral("app/db"),
                                  qPrintable(pane()->messageLine()->text()), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(dataTable()->model()->rowCount(), 2, 15000);
        QCOMPARE(tableColumn(dataTable()->model(), SecretFieldsModel::KeyColumn),
                 (QStringList{QStringLiteral("pass"), QStringLiteral("user")}));
        QCOMPARE(tableColumn(dataTable()->model(), SecretFieldsModel::ValueColumn),
                 (QStringList{masked, masked}));
        QVERIFY(pane()->title()->text().startsWith(QStringLiteral("app/db")));
        // The tree lists the new secret (next to the demo data) and selects it.
        QTRY_COMPARE_WITH_TIMEOUT(m_window->connectionsPane()->currentPath(),
                                  QStringLiteral("app/db"), 15000);
    }

    void editTwiceShowsTheDiffBeforeSaving() {
        editPass(QStringLiteral("s3cret-2"), {},
                 {QStringLiteral("pass ~ changed"), QStringLiteral("user = unchanged")});
        QTRY_COMPARE_WITH_TIMEOUT(presenter()->versions()->rowCount(), 2, 15000);
        editPass(QStringLiteral("s3cret-3"), QStringLiteral("host"),
                 {QStringLiteral("host + added"), QStringLiteral("pass ~ changed"),
                  QStringLiteral("user = unchanged")});
        QTRY_COMPARE_WITH_TIMEOUT(presenter()->versions()->rowCount(), 3, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(dataTable()->model()->rowCount(), 3, 15000);
    }

    void versionsTabListsThreeVersionsWithMarks() {
        QVERIFY(waitIdle());
        showTab(pane()->tabs(), pane()->versionsTab());
        QCOMPARE(pane()->tabs()->currentWidget(), pane()->versionsTab());
        const QAbstractItemModel* model = versionsTable()->model();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(tableColumn(model, VersionsModel::IdColumn),
                 (QStringList{QStringLiteral("3"), QStringLiteral("2"), QStringLiteral("1")}));
        QCOMPARE(tableColumn(model, VersionsModel::MarksColumn),
                 (QStringList{QStringLiteral("current"), QString(), QString()}));
        screenshot(QStringLiteral("versions"));
    }

    void diffOfVersionsOneAndThree() {
        QVERIFY(!pane()->versionsTab()->compareButton()->isEnabled());
        clickRow(versionsTable(), 0);                      // v3
        clickRow(versionsTable(), 2, Qt::ControlModifier); // v1
        QVERIFY(pane()->versionsTab()->compareButton()->isEnabled());
        click(pane()->versionsTab()->compareButton());
        QCOMPARE(pane()->tabs()->currentWidget(), pane()->diffTab());
        DiffView* view = pane()->diffTab()->diffView();
        view->setHideUnchanged(false);
        QTRY_COMPARE_WITH_TIMEOUT(
            diffRows(view->table()),
            (QStringList{QStringLiteral("host + added"), QStringLiteral("pass ~ changed"),
                         QStringLiteral("user = unchanged")}),
            10000);
        QCOMPARE(pane()->diffTab()->beforePicker()->currentData().toString(), QStringLiteral("1"));
        QCOMPARE(pane()->diffTab()->afterPicker()->currentData().toString(), QStringLiteral("3"));
        // Values stay masked in the diff until revealed.
        QCOMPARE(view->table()->item(1, DiffView::NewColumn)->text(), DiffView::maskedValue());
        screenshot(QStringLiteral("diff"));
    }

    void rollBackToVersionOne() {
        showTab(pane()->tabs(), pane()->versionsTab());
        clickRow(versionsTable(), 2); // v1 alone
        QVERIFY(m_window->rollbackAction()->isEnabled());
        m_window->rollbackAction()->trigger();
        auto* dialog = waitForDialog<RollbackDialog>();
        QVERIFY(dialog);
        // Confirm only once the preview (current -> v1) is shown.
        QTRY_VERIFY_WITH_TIMEOUT(dialog->confirmButton()->isEnabled(), 10000);
        dialog->diffView()->setHideUnchanged(false);
        QCOMPARE(diffRows(dialog->diffView()->table()),
                 (QStringList{QStringLiteral("host - removed"), QStringLiteral("pass ~ changed"),
                              QStringLiteral("user = unchanged")}));
        click(dialog->confirmButton());

        QTRY_COMPARE_WITH_TIMEOUT(presenter()->versions()->rowCount(), 4, 15000);
        QVERIFY(waitIdle());
        QCOMPARE(tableColumn(versionsTable()->model(), VersionsModel::IdColumn).first(),
                 QStringLiteral("4"));
        showTab(pane()->tabs(), pane()->dataTab());
        QCOMPARE(tableColumn(dataTable()->model(), SecretFieldsModel::KeyColumn),
                 (QStringList{QStringLiteral("pass"), QStringLiteral("user")}));
        screenshot(QStringLiteral("main-window"));
    }

    void revealShowsTheValueAndMasksItAgain() {
        clickRow(dataTable(), 0); // pass
        click(pane()->dataTab()->revealButton());
        const QModelIndex value = dataTable()->model()->index(0, SecretFieldsModel::ValueColumn);
        QCOMPARE(value.data().toString(), QStringLiteral("s3cret-1")); // version 1's value
        QCOMPARE(dataTable()->model()->index(1, SecretFieldsModel::ValueColumn).data().toString(),
                 masked);
        QTRY_COMPARE_WITH_TIMEOUT(value.data().toString(), masked, 5000);
    }

    void copyPutsTheValueOnTheClipboardAndClearsIt() {
        m_window->clipboard()->countdownTimer()->freeze(); // the test moves the clock
        clickRow(dataTable(), 1);                          // user
        click(pane()->dataTab()->copyButton());
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("admin"));
        QCOMPARE(m_window->clipboardStatus()->text(), QStringLiteral("Clipboard clears in 1 s"));
        m_window->clipboard()->countdownTimer()->advance(std::chrono::milliseconds(999));
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("admin"));
        m_window->clipboard()->countdownTimer()->advance(std::chrono::milliseconds(1));
        QCOMPARE(QApplication::clipboard()->text(), QString());
        QCOMPARE(m_window->clipboardStatus()->text(), QString());
    }

    void destroyNeedsTheSecretsName() {
        showTab(pane()->tabs(), pane()->versionsTab());
        QCOMPARE(versionsTable()->model()->index(2, 0).data().toString(), QStringLiteral("2"));
        clickRow(versionsTable(), 2);
        QVERIFY(m_window->destroyAction()->isEnabled());
        m_window->destroyAction()->trigger();
        auto* confirm = waitForDialog<TypedConfirmationDialog>();
        QVERIFY(confirm);
        QTest::keyClicks(confirm->nameField(), QStringLiteral("app"));
        QVERIFY(!confirm->confirmButton()->isEnabled());
        confirm->nameField()->clear();
        QTest::keyClicks(confirm->nameField(), QStringLiteral("db"));
        QVERIFY(confirm->confirmButton()->isEnabled());
        click(confirm->confirmButton());
        QTRY_VERIFY2_WITH_TIMEOUT(
            versionsTable()->model()->index(2, VersionsModel::MarksColumn).data().toString() ==
                QStringLiteral("destroyed"),
            qPrintable(
                pane()->messageLine()->text() + QLatin1Char('|') +
                versionsTable()->model()->index(2, VersionsModel::MarksColumn).data().toString()),
            15000);
        QCOMPARE(versionsTable()->model()->rowCount(), 4);
    }

    void idleLockHidesValuesAndUnlockBringsThemBack() {
        showTab(pane()->tabs(), pane()->dataTab());
        QVERIFY(waitIdle());
        clickRow(dataTable(), 0);
        click(pane()->dataTab()->revealButton());
        QCOMPARE(dataTable()->model()->index(0, 1).data().toString(), QStringLiteral("s3cret-1"));
        // An editor left open holds values too: the lock must take it down.
        m_window->editAction()->trigger();
        QPointer<SecretEditorDialog> editor = waitForDialog<SecretEditorDialog>();
        QVERIFY(editor);

        m_window->inactivityTimer()->setInterval(std::chrono::milliseconds(300));
        m_window->inactivityTimer()->start();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->lockScreen()->isVisible(), 5000);
        QTRY_VERIFY(!editor || !editor->isVisible());
        QVERIFY(m_workspace->isLocked());
        QVERIFY(!dataTable()->isVisible());
        QCOMPARE(dataTable()->model()->rowCount(), 0);
        QVERIFY(!presenter()->fields()->hasValue());
        QCOMPARE(m_window->lockStatus()->text(), QStringLiteral("Locked"));
        QVERIFY(!m_window->editAction()->isEnabled());

        QVERIFY(m_window->lockScreen()->isPassphraseRequired());
        QTest::keyClicks(m_window->lockScreen()->passphraseField(),
                         QString::fromLatin1(passphrase));
        click(m_window->lockScreen()->unlockButton());
        QTRY_VERIFY_WITH_TIMEOUT(!m_workspace->isLocked(), 30000);
        QTRY_VERIFY(dataTable()->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(dataTable()->model()->rowCount(), 2, 15000);
        // Nothing comes back revealed.
        QCOMPARE(dataTable()->model()->index(0, 1).data().toString(), masked);
        m_window->inactivityTimer()->stop();
    }

    // Someone else saves while the operator edits: the save is refused (nothing overwritten),
    // the conflict dialog shows their change, and "re-apply my change on top" keeps both.
    void concurrentWriterLeadsToConflictAndReapplyKeepsBoth() {
        showTab(pane()->tabs(), pane()->dataTab());
        QVERIFY(waitIdle());
        const QString base = tableColumn(versionsTable()->model(), VersionsModel::IdColumn).first();
        m_window->editAction()->trigger();
        auto* editor = waitForDialog<SecretEditorDialog>();
        QVERIFY(editor);
        FieldRowsEditor* rows = editor->editor()->rows();
        const int pass = rowWithKey(rows, QStringLiteral("pass"));
        QVERIFY(pass >= 0);
        rows->valueEditor(pass)->clear();
        QTest::keyClicks(rows->valueEditor(pass), QStringLiteral("mine-pass"));

        // The other writer: same store, its own write guarded by the same base version.
        Connection* local = m_workspace->connection(QStringLiteral("local"));
        QVERIFY(local);
        auto current = await(
            m_workspace->secrets()->read(local, SecretRef{QStringLiteral("app/db")}, QString()));
        QVERIFY(current.ok());
        SecretValue theirs = current.value();
        theirs.setField(QStringLiteral("port"), SecretBytes(std::string_view("5432")));
        auto written = await(m_workspace->secrets()->write(
            local, WriteRequest{SecretRef{QStringLiteral("app/db")}, theirs, base, {}}));
        QVERIFY(written.ok());
        const int theirVersion = written->newVersion.toInt();

        click(editor->reviewButton());
        click(editor->saveButton());
        auto* conflict = waitForDialog<ConflictDialog>();
        QVERIFY(conflict);
        conflict->theirChangeView()->setHideUnchanged(true);
        QCOMPARE(diffRows(conflict->theirChangeView()->table()),
                 QStringList{QStringLiteral("port + added")});
        conflict->myChangeView()->setHideUnchanged(true);
        QCOMPARE(diffRows(conflict->myChangeView()->table()),
                 QStringList{QStringLiteral("pass ~ changed")});
        QTest::qWait(100);
        QVERIFY(conflict->grab().save(screenshotDir() + QStringLiteral("/conflict.png")));
        click(conflict->reapplyButton());

        QTRY_COMPARE_WITH_TIMEOUT(
            tableColumn(versionsTable()->model(), VersionsModel::IdColumn).first(),
            QString::number(theirVersion + 1), 15000);
        QVERIFY(waitIdle());
        auto merged = await(
            m_workspace->secrets()->read(local, SecretRef{QStringLiteral("app/db")}, QString()));
        QVERIFY(merged.ok());
        QCOMPARE(merged->field(QStringLiteral("pass"))->value.toDisplayString(),
                 QStringLiteral("mine-pass"));
        QCOMPARE(merged->field(QStringLiteral("port"))->value.toDisplayString(),
                 QStringLiteral("5432"));
    }

    void cleanupTestCase() {
        m_window.reset();
        m_workspace.reset();
        // Dialogs closed during the run are deleted later; let that happen before QApplication
        // goes.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        m_home.reset();
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
