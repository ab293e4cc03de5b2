// The version and secret actions beyond edit and roll back, driven through the real window on
// a local passphrase store: delete several versions and undelete them, roll back to a deleted
// version (offered undelete first) or a destroyed one (refused), edit metadata with validation,
// delete the whole secret behind a typed name, and search for a secret by name and open it.
#include "AppSettings.h"
#include "Await.h"
#include "ConnectionsPane.h"
#include "ConnectionTreeModel.h"
#include "ErrorLabel.h"
#include "IsolatedHome.h"
#include "MainWindow.h"
#include "MetadataEditorDialog.h"
#include "RollbackDialog.h"
#include "SearchDialog.h"
#include "SecretPane.h"
#include "SecretPresenter.h"
#include "SecretSearch.h"
#include "TypedConfirmationDialog.h"
#include "UiWait.h"
#include "VersionsModel.h"
#include "VersionsTab.h"
#include "Workspace.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace strongroom;
using namespace strongroom::testing;

namespace {

void clickButtonNamed(QMessageBox* box, const QString& text) {
    for (QAbstractButton* button : box->buttons()) {
        if (button->text() == text) {
            QTest::mouseClick(button, Qt::LeftButton);
            return;
        }
    }
    QFAIL(qPrintable(QStringLiteral("no button '%1'").arg(text)));
}

SecretValue kv(const char* key, const char* value) {
    SecretValue secret = SecretValue::keyValue({});
    secret.setField(QString::fromLatin1(key), SecretBytes(std::string_view(value)));
    return secret;
}

} // namespace

class TestSecretActions : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<IsolatedHome> m_home;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<MainWindow> m_window;

    SecretPresenter* presenter() const { return m_window->presenter(); }
    QTableView* versionsTable() const { return m_window->secretPane()->versionsTab()->table(); }
    SecretBackend* store() const {
        return m_workspace->connection(Workspace::localConnectionId())->backend();
    }

    bool waitIdle() {
        return QTest::qWaitFor([&] { return !presenter()->isBusy(); }, 15000);
    }

    void put(const QString& path, const char* value, const QString& expected) {
        auto written = await(store()->write({SecretRef{path}, kv("pass", value), expected, {}}));
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message()));
    }

    VersionMarks marksOf(const QString& id) {
        const VersionInfo* info =
            presenter()->versions()->versionAt(presenter()->versions()->rowOf(id));
        return info ? info->marks : VersionMarks();
    }

    void selectVersions(const QStringList& ids) {
        versionsTable()->clearSelection();
        for (const QString& id : ids) {
            const int row = presenter()->versions()->rowOf(id);
            const QRect cell = versionsTable()->visualRect(versionsTable()->model()->index(row, 0));
            QTest::mouseClick(versionsTable()->viewport(), Qt::LeftButton, Qt::ControlModifier,
                              cell.center());
        }
    }

    void openFresh(const QString& path) {
        m_window->openSecret(Workspace::localConnectionId(), path);
        QTRY_VERIFY_WITH_TIMEOUT(presenter()->ref().path == path, 15000);
        QVERIFY(waitIdle());
        m_window->secretPane()->tabs()->setCurrentWidget(m_window->secretPane()->versionsTab());
    }

private Q_SLOTS:
    void initTestCase() {
        m_home = std::make_unique<IsolatedHome>();
        m_workspace = std::make_unique<Workspace>();
        m_workspace->settings()->setIdleLockMinutes(0);
        auto created = await(m_workspace->createLocalStore(
            LocalKeyProtection::Passphrase, SecretBytes(std::string_view("a long test phrase"))));
        QVERIFY(created.ok());
        for (const char* v : {"one", "two", "three"}) {
            const QString expected =
                QString::fromLatin1(v) == QLatin1String("one")
                    ? QString()
                    : QString::number(QString::fromLatin1(v) == QLatin1String("two") ? 1 : 2);
            put(QStringLiteral("app/db"), v, expected);
        }
        put(QStringLiteral("team/a/deep/needle-token"), "n", {});
        put(QStringLiteral("team/b/other"), "o", {});
        m_window = std::make_unique<MainWindow>(m_workspace.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        openFresh(QStringLiteral("app/db"));
    }

    void deletesSeveralVersionsAndUndeletesThem() {
        selectVersions({QStringLiteral("1"), QStringLiteral("2")});
        QTRY_VERIFY(m_window->deleteAction()->isEnabled());
        QCOMPARE(m_window->deleteAction()->text(), QStringLiteral("Delete versions"));
        QVERIFY(!m_window->undeleteAction()->isEnabled()); // nothing deleted yet
        m_window->deleteAction()->trigger();
        auto* box = waitForDialog<QMessageBox>();
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral("1, 2")));
        clickButtonNamed(box, QStringLiteral("Delete versions"));
        QTRY_VERIFY_WITH_TIMEOUT(marksOf(QStringLiteral("1")).testFlag(VersionMark::Deleted),
                                 15000);
        QVERIFY(marksOf(QStringLiteral("2")).testFlag(VersionMark::Deleted));
        QVERIFY(!marksOf(QStringLiteral("3")).testFlag(VersionMark::Deleted));

        QVERIFY(waitIdle());
        selectVersions({QStringLiteral("2")});
        QTRY_VERIFY(m_window->undeleteAction()->isEnabled());
        QVERIFY(!m_window->deleteAction()->isEnabled()); // v2 is deleted already
        m_window->undeleteAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!marksOf(QStringLiteral("2")).testFlag(VersionMark::Deleted),
                                 15000);
        QVERIFY(marksOf(QStringLiteral("1")).testFlag(VersionMark::Deleted));
    }

    void rollingBackToADeletedVersionOffersUndeleteFirst() {
        QVERIFY(waitIdle());
        selectVersions({QStringLiteral("1")}); // deleted by the previous step
        QTRY_VERIFY(m_window->rollbackAction()->isEnabled());
        m_window->rollbackAction()->trigger();
        auto* box = waitForDialog<QMessageBox>();
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral("is deleted")));
        clickButtonNamed(box, QStringLiteral("Undelete and continue"));
        auto* dialog = waitForDialog<RollbackDialog>();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->confirmButton()->isEnabled(), 15000);
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(presenter()->versions()->currentVersionId(), QStringLiteral("4"),
                                  15000);
        QVERIFY(!marksOf(QStringLiteral("1")).testFlag(VersionMark::Deleted));
        auto value = await(store()->read(SecretRef{QStringLiteral("app/db")}, QString()));
        QVERIFY(value.ok());
        QCOMPARE(value->field(QStringLiteral("pass"))->value.toDisplayString(),
                 QStringLiteral("one"));
    }

    void rollingBackToADestroyedVersionIsRefusedWithTheReason() {
        QVERIFY(waitIdle());
        QVERIFY(await(store()->destroyVersions(SecretRef{QStringLiteral("app/db")},
                                               {QStringLiteral("2")}))
                    .ok());
        presenter()->reload();
        QVERIFY(waitIdle());
        QTRY_VERIFY(marksOf(QStringLiteral("2")).testFlag(VersionMark::Destroyed));
        selectVersions({QStringLiteral("2")});
        QTRY_VERIFY(m_window->rollbackAction()->isEnabled());
        m_window->rollbackAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->secretPane()->messageLine()->text().contains(
                                     QStringLiteral("cannot be restored")),
                                 5000);
        QCOMPARE(presenter()->versions()->currentVersionId(), QStringLiteral("4"));
    }

    // Any store: the undo rolls back to the version that was current before the rollback,
    // guarded by the version the rollback wrote (here a new version with the old value).
    void undoOfARollbackBringsTheOldCurrentValueBack() {
        QVERIFY(waitIdle());
        QVERIFY(m_window->undoRollbackAction()->isEnabled()); // the rollback to 1 made 4
        m_window->undoRollbackAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(presenter()->versions()->currentVersionId(), QStringLiteral("5"),
                                  15000);
        auto value = await(store()->read(SecretRef{QStringLiteral("app/db")}, QString()));
        QVERIFY(value.ok());
        QCOMPARE(value->field(QStringLiteral("pass"))->value.toDisplayString(),
                 QStringLiteral("three"));
        QVERIFY(!m_window->undoRollbackAction()->isEnabled());
        QTRY_VERIFY(m_window->statusBar()->currentMessage().startsWith(
            QStringLiteral("Undid the rollback: version 3's value is current again as version 5")));
    }

    void editsMetadataWithValidation() {
        QVERIFY(waitIdle());
        QVERIFY(m_window->editMetadataAction()->isEnabled());
        m_window->editMetadataAction()->trigger();
        auto* dialog = waitForDialog<MetadataEditorDialog>();
        QVERIFY(dialog);
        dialog->maxVersionsField()->setValue(7);
        QTest::mouseClick(dialog->addRowButton(), Qt::LeftButton);
        dialog->customTable()->item(0, 0)->setText(QStringLiteral("owner"));
        dialog->customTable()->item(0, 1)->setText(QStringLiteral("team-a"));
        QTest::keyClicks(dialog->deleteAfterField(), QStringLiteral("30d"));
        QVERIFY(!dialog->saveButton()->isEnabled()); // "30d" is not a duration
        dialog->deleteAfterField()->setText(QStringLiteral("720h"));
        QVERIFY(dialog->saveButton()->isEnabled());
        QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(presenter()->metadata().maxVersions, 7, 15000);
        auto meta = await(store()->metadata(SecretRef{QStringLiteral("app/db")}));
        QVERIFY(meta.ok());
        QCOMPARE(meta->maxVersions, 7);
        QCOMPARE(meta->customMetadata.value(QStringLiteral("owner")), QStringLiteral("team-a"));
    }

    void searchFindsASecretDeepDownAndOpensIt() {
        m_window->searchAction()->trigger();
        SearchDialog* search = m_window->searchDialog();
        QVERIFY(search && search->isVisible());
        search->folderField()->clear();
        QTest::keyClicks(search->queryField(), QStringLiteral("NEEDLE token"));
        QTest::mouseClick(search->searchButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(search->results()->count(), 1, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!search->search()->isRunning(), 15000);
        QCOMPARE(search->results()->item(0)->text(), QStringLiteral("team/a/deep/needle-token"));
        QVERIFY2(search->statusLabel()->text().contains(QStringLiteral("1 secret")),
                 qPrintable(search->statusLabel()->text()));
        search->results()->setCurrentRow(0);
        emit search->results()->itemActivated(search->results()->item(0));
        QTRY_COMPARE_WITH_TIMEOUT(presenter()->ref().path,
                                  QStringLiteral("team/a/deep/needle-token"), 15000);
        search->close();
    }

    void deletingTheSecretNeedsItsNameTyped() {
        openFresh(QStringLiteral("app/db"));
        QVERIFY(m_window->deleteSecretAction()->isEnabled());
        m_window->deleteSecretAction()->trigger();
        auto* dialog = waitForDialog<TypedConfirmationDialog>();
        QVERIFY(dialog);
        QVERIFY(!dialog->confirmButton()->isEnabled());
        QTest::keyClicks(dialog->nameField(), QStringLiteral("d"));
        QVERIFY(!dialog->confirmButton()->isEnabled());
        QTest::keyClicks(dialog->nameField(), QStringLiteral("b"));
        QVERIFY(dialog->confirmButton()->isEnabled());
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!presenter()->hasSecret(), 15000);
        auto gone = await(store()->read(SecretRef{QStringLiteral("app/db")}, QString()));
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().kind(), BackendError::Kind::NotFound);
    }
};

QTEST_MAIN(TestSecretActions)
#include "test_secret_actions.moc"
