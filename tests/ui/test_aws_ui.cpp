// The AWS Secrets Manager side of the console, driven offscreen with real widgets against a real
// moto server: connect through the dialog with typed keys and the moto endpoint, browse folders
// made of '/' in names, the staging labels on the Versions tab, roll back (diff preview, confirm)
// with the labels moving and Undo putting them back (and refusing once someone else moved them),
// the generic rotation dialog (stuck banner and clearing it, the AWS settings form, rotate now,
// turn off), the generic delete dialog with a 7-day window behind the typed name, the bin
// (Deleted secrets…) with Restore, delete without recovery, and the MFA prompt of a role.
#include "AppSettings.h"
#include "AuditActions.h"
#include "AuditLog.h"
#include "Await.h"
#include "AwsConnectDialog.h"
#include "AwsConnections.h"
#include "AwsConnector.h"
#include "AwsKeyFields.h"
#include "ConnectionsPane.h"
#include "ConnectionTreeModel.h"
#include "DataTab.h"
#include "DeletedSecretsDialog.h"
#include "DeleteSecretDialog.h"
#include "DiffView.h"
#include "ErrorLabel.h"
#include "IsolatedHome.h"
#include "LockScreen.h"
#include "MainWindow.h"
#include "MfaCodeDialog.h"
#include "MotoServer.h"
#include "RollbackDialog.h"
#include "RollbackWorkflow.h"
#include "RotationDialog.h"
#include "RotationSettingsForm.h"
#include "SecretPane.h"
#include "SecretPresenter.h"
#include "SecretWorkflows.h"
#include "StorePicking.h"
#include "TypedConfirmationDialog.h"
#include "UiRows.h"
#include "UiWait.h"
#include "VersionsModel.h"
#include "VersionsTab.h"
#include "WarningLabel.h"
#include "Workspace.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QGroupBox>
#include <QHostAddress>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>
#include <QTableWidget>
#include <QTabWidget>
#include <QTcpServer>
#include <QTest>
#include <QTreeView>

using namespace strongroom;
using namespace strongroom::testing;

namespace {

// Version ids chosen through ClientRequestToken, so the labels can be checked by name.
const QString v1 = QStringLiteral("11111111-0000-4000-8000-000000000001");
const QString v2 = QStringLiteral("22222222-0000-4000-8000-000000000002");
const QString v3 = QStringLiteral("33333333-0000-4000-8000-000000000003");
const QString v4 = QStringLiteral("44444444-0000-4000-8000-000000000004");
const QString dbName = QStringLiteral("team/app/db");
const QString otherName = QStringLiteral("team/other");

void click(QWidget* widget) {
    QTest::mouseClick(widget, Qt::LeftButton);
}

void clickRow(QAbstractItemView* table, int row) {
    const QRect cell = table->visualRect(table->model()->index(row, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
}

void showTab(QTabWidget* tabs, QWidget* page) {
    QTabBar* bar = tabs->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, Qt::NoModifier,
                      bar->tabRect(tabs->indexOf(page)).center());
}

} // namespace

class TestAwsUi : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<IsolatedHome> m_home;
    MotoServer m_moto;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<MainWindow> m_window;
    QString m_id;

    SecretPresenter* presenter() const { return m_window->presenter(); }
    SecretPane* pane() const { return m_window->secretPane(); }
    QTableView* versionsTable() const { return pane()->versionsTab()->table(); }
    QTreeView* tree() const { return m_window->connectionsPane()->treeView(); }
    AwsConnections* aws() const { return m_window->storeUi<AwsConnections>(); }
    QString statusMessage() const { return m_window->statusBar()->currentMessage(); }

    bool waitIdle() {
        return waitUntil([&] { return !presenter()->isBusy(); }, 20000);
    }

    static QString screenshotDir() {
        QString dir = qEnvironmentVariable("STRONGROOM_SCREENSHOT_DIR");
        if (dir.isEmpty()) {
            dir = qEnvironmentVariable("STRONGROOM_BINARY_DIR") + QStringLiteral("/screenshots");
        }
        QDir().mkpath(dir);
        return dir;
    }

    static void screenshot(QWidget* widget, const QString& name) {
        QTest::qWait(150); // let pending layouts and paints settle
        QVERIFY(widget->grab().save(screenshotDir() + QStringLiteral("/aws-") + name +
                                    QStringLiteral(".png")));
    }

    // The staging labels of every version, as moto has them now.
    QMap<QString, QStringList> stagesOnServer(const QString& name) {
        const auto described = m_moto.secretsManager(QStringLiteral("DescribeSecret"),
                                                     {{QStringLiteral("SecretId"), name}});
        QMap<QString, QStringList> stages;
        const QJsonObject map = described.body[QStringLiteral("VersionIdsToStages")].toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            QStringList labels;
            for (const auto& label : it.value().toArray()) {
                labels << label.toString();
            }
            labels.sort();
            stages.insert(it.key(), labels);
        }
        return stages;
    }

    QString marksOf(const QString& version) const {
        const int row = presenter()->versions()->rowOf(version);
        return row < 0 ? QString()
                       : presenter()
                             ->versions()
                             ->index(row, VersionsModel::MarksColumn)
                             .data()
                             .toString();
    }

    bool put(const QString& name, const QString& token, const QString& value,
             const QStringList& stages = {}) {
        QJsonObject body{{QStringLiteral("SecretId"), name},
                         {QStringLiteral("ClientRequestToken"), token},
                         {QStringLiteral("SecretString"), value}};
        if (!stages.isEmpty()) {
            body.insert(QStringLiteral("VersionStages"), QJsonArray::fromStringList(stages));
        }
        return m_moto.secretsManager(QStringLiteral("PutSecretValue"), body).ok();
    }

    void openSecret(const QString& name) {
        m_window->openSecret(m_id, name);
        WAIT_VERIFY(presenter()->ref().path == name, 20000);
        QVERIFY(waitIdle());
    }

private Q_SLOTS:
    void initTestCase() {
        m_home = std::make_unique<IsolatedHome>();
        QVERIFY2(m_moto.start(), qPrintable(m_moto.lastError()));
        const auto created = m_moto.secretsManager(
            QStringLiteral("CreateSecret"),
            {{QStringLiteral("Name"), dbName},
             {QStringLiteral("ClientRequestToken"), v1},
             {QStringLiteral("SecretString"), QStringLiteral(R"({"user":"admin","pass":"one"})")}});
        QVERIFY2(created.ok(), qPrintable(created.error()));
        QVERIFY(put(dbName, v2, QStringLiteral(R"({"user":"admin","pass":"two"})")));
        QVERIFY(put(dbName, v3, QStringLiteral(R"({"user":"admin","pass":"three"})")));
        // A rotation that stopped half-way: AWSPENDING on a version that never became current.
        QVERIFY(put(dbName, v4, QStringLiteral(R"({"user":"admin","pass":"four"})"),
                    {QStringLiteral("AWSPENDING")}));
        QVERIFY(m_moto
                    .secretsManager(QStringLiteral("CreateSecret"),
                                    {{QStringLiteral("Name"), otherName},
                                     {QStringLiteral("SecretString"), QStringLiteral("x")}})
                    .ok());
        QCOMPARE(stagesOnServer(dbName).value(v1), QStringList());
        QCOMPARE(stagesOnServer(dbName).value(v4), QStringList{QStringLiteral("AWSPENDING")});

        m_workspace = std::make_unique<Workspace>();
        m_workspace->settings()->setIdleLockMinutes(0);
        m_window = std::make_unique<MainWindow>(m_workspace.get());
        // No AWS_* of the machine running the tests, no ~/.aws of the developer.
        aws()->connector()->setCredentialSources(QProcessEnvironment(), m_home->path());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void connectDialogNeedsTheKeysAndCancelLeavesNothing() {
        QVERIFY(pickStore(m_window.get(), QStringLiteral("AWS Secrets Manager")));
        QPointer<AwsConnectDialog> dialog = waitForDialog<AwsConnectDialog>();
        QVERIFY(dialog);
        QVERIFY(!dialog->connectButton()->isEnabled()); // no name yet
        QTest::keyClicks(dialog->nameField(), QStringLiteral("Moto"));
        QTest::keyClicks(dialog->regionField(), QStringLiteral("us-east-1"));
        QTest::keyClicks(dialog->endpointField(), m_moto.address().toString());
        QVERIFY(dialog->connectButton()->isEnabled());
        click(dialog->connectButton());
        QVERIFY(dialog->errorLabel()->isVisible());
        QVERIFY(dialog->errorLabel()->text().contains(QStringLiteral("access key ID")));
        // The role's MFA / duration / session fields only count once the group is ticked.
        QVERIFY(!dialog->roleGroup()->isChecked());
        QCOMPARE(dialog->durationBox()->count(), 7);
        click(dialog->cancelButton());
        WAIT_VERIFY(!dialog || !dialog->isVisible(), 5000);
        QVERIFY(m_workspace->savedConnections().isEmpty());
    }

    void connectWithTypedKeys() {
        QVERIFY(pickStore(m_window.get(), QStringLiteral("AWS Secrets Manager")));
        QPointer<AwsConnectDialog> dialog = waitForDialog<AwsConnectDialog>();
        QVERIFY(dialog);
        QTest::keyClicks(dialog->nameField(), QStringLiteral("Moto"));
        QTest::keyClicks(dialog->regionField(), QStringLiteral("us-east-1"));
        QTest::keyClicks(dialog->endpointField(), m_moto.address().toString());
        QCOMPARE(dialog->keyFields()->keySource(), AwsConnectionSpec::KeySource::Keychain);
        QTest::keyClicks(dialog->keyFields()->accessKeyIdField(), MotoServer::accessKeyId());
        QTest::keyClicks(dialog->keyFields()->secretAccessKeyField(),
                         QString::fromLatin1(MotoServer::secretAccessKey()));
        QCOMPARE(dialog->keyFields()->secretAccessKeyField()->echoMode(), QLineEdit::Password);
        m_id = dialog->spec().id;
        QCOMPARE(m_id, QStringLiteral("aws-moto"));
        click(dialog->connectButton());
        WAIT_VERIFY(dialog && dialog->isConnected(), 30000);
        QVERIFY(dialog->identityLabel()->text().contains(QStringLiteral("arn:aws:")));
        QVERIFY(dialog->identityLabel()->text().contains(QStringLiteral("Long-lived")));
        QVERIFY(!dialog->traceView()->toPlainText().isEmpty());
        QVERIFY(dialog->keyFields()->secretAccessKeyField()->text().isEmpty());
        screenshot(dialog, QStringLiteral("connect"));
        click(dialog->cancelButton()); // "Close" now
        WAIT_VERIFY(!dialog || !dialog->isVisible(), 5000);
        QVERIFY(m_workspace->connection(m_id));
        // Saved without the keys: they are in the keychain, not in a file.
        QVERIFY(!m_home->allFileContents().contains(MotoServer::secretAccessKey() + "\""));
        WAIT_VERIFY(m_window->tokenStatus()->text() == QStringLiteral("AWS: long-lived keys"),
                    10000);
    }

    // A server that accepts and never answers: Cancel while connecting leaves nothing behind.
    void cancelWhileConnectingLeavesNothing() {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        QVERIFY(pickStore(m_window.get(), QStringLiteral("AWS Secrets Manager")));
        QPointer<AwsConnectDialog> dialog = waitForDialog<AwsConnectDialog>();
        QVERIFY(dialog);
        QTest::keyClicks(dialog->nameField(), QStringLiteral("Silent"));
        QTest::keyClicks(dialog->regionField(), QStringLiteral("us-east-1"));
        QTest::keyClicks(dialog->endpointField(),
                         QStringLiteral("http://127.0.0.1:%1/").arg(silent.serverPort()));
        QTest::keyClicks(dialog->keyFields()->accessKeyIdField(), MotoServer::accessKeyId());
        QTest::keyClicks(dialog->keyFields()->secretAccessKeyField(),
                         QString::fromLatin1(MotoServer::secretAccessKey()));
        const QString id = dialog->spec().id;
        click(dialog->connectButton());
        WAIT_VERIFY(dialog->isBusy(), 5000);
        QVERIFY(!dialog->connectButton()->isEnabled());
        QVERIFY(dialog->cancelButton()->isEnabled());
        click(dialog->cancelButton());
        WAIT_VERIFY(!dialog || !dialog->isVisible(), 5000);
        QVERIFY(!m_workspace->connection(id));
        for (const ConnectionSettings& saved : m_workspace->savedConnections()) {
            QVERIFY(saved.id != id);
        }
    }

    // Keys from a profile of the shared files: the dialog lists the profiles it finds.
    void connectWithAProfileFromTheSharedFiles() {
        QDir(m_home->path()).mkpath(QStringLiteral(".aws"));
        QFile credentials(m_home->path() + QStringLiteral("/.aws/credentials"));
        QVERIFY(credentials.open(QIODevice::WriteOnly));
        credentials.write("[default]\naws_access_key_id = testing\naws_secret_access_key = "
                          "testing\n\n[ci]\naws_access_key_id = testing\n"
                          "aws_secret_access_key = testing\n");
        credentials.close();
        QVERIFY(pickStore(m_window.get(), QStringLiteral("AWS Secrets Manager")));
        QPointer<AwsConnectDialog> dialog = waitForDialog<AwsConnectDialog>();
        QVERIFY(dialog);
        dialog->setCredentialSources(QProcessEnvironment(), m_home->path());
        dialog->keyFields()->setKeySource(AwsConnectionSpec::KeySource::Profile);
        QComboBox* profiles = dialog->keyFields()->profileBox();
        QStringList names;
        for (int row = 0; row < profiles->count(); ++row) {
            names << profiles->itemText(row);
        }
        QCOMPARE(names, (QStringList{QStringLiteral("ci"), QStringLiteral("default")}));
        profiles->setCurrentIndex(profiles->findText(QStringLiteral("ci")));
        QTest::keyClicks(dialog->nameField(), QStringLiteral("Moto CI"));
        QTest::keyClicks(dialog->regionField(), QStringLiteral("us-east-1"));
        QTest::keyClicks(dialog->endpointField(), m_moto.address().toString());
        const QString id = dialog->spec().id;
        QCOMPARE(dialog->spec().profile, QStringLiteral("ci"));
        click(dialog->connectButton());
        WAIT_VERIFY2(dialog && dialog->isConnected(),
                     qPrintable(dialog ? dialog->errorLabel()->text() : QString()), 30000);
        QVERIFY(dialog->identityLabel()->text().contains(QStringLiteral("ci")));
        click(dialog->cancelButton());
        QVERIFY(m_workspace->connection(id));
        QVERIFY(m_workspace->removeConnection(id));
    }

    void foldersFromSlashesInNames() {
        openSecret(dbName);
        const QModelIndex team = viewIndex(tree(), m_id, QStringLiteral("team/"));
        QVERIFY(team.isValid());
        QCOMPARE(childNames(tree(), team),
                 (QStringList{QStringLiteral("app"), QStringLiteral("other")}));
        const QModelIndex app = viewIndex(tree(), m_id, QStringLiteral("team/app/"));
        QVERIFY(app.isValid());
        QCOMPARE(childNames(tree(), app), QStringList{QStringLiteral("db")});
    }

    void versionsShowTheStagingLabels() {
        openSecret(dbName);
        showTab(pane()->tabs(), pane()->versionsTab());
        QCOMPARE(presenter()->versions()->rowCount(), 4);
        QCOMPARE(presenter()->versions()->currentVersionId(), v3);
        QVERIFY(marksOf(v3).contains(QStringLiteral("AWSCURRENT")));
        QVERIFY(marksOf(v2).contains(QStringLiteral("AWSPREVIOUS")));
        QVERIFY(marksOf(v4).contains(QStringLiteral("AWSPENDING")));
        QVERIFY(marksOf(v1).contains(QStringLiteral("deprecated")));
        screenshot(m_window.get(), QStringLiteral("versions"));
    }

    void rollbackMovesTheLabelsAndUndoMovesThemBack() {
        openSecret(dbName);
        showTab(pane()->tabs(), pane()->versionsTab());
        QVERIFY(!m_window->undoRollbackAction()->isEnabled());
        clickRow(versionsTable(), presenter()->versions()->rowOf(v2));
        QVERIFY(m_window->rollbackAction()->isEnabled());
        m_window->rollbackAction()->trigger();
        auto* dialog = waitForDialog<RollbackDialog>();
        QVERIFY(dialog);
        QVERIFY(dialog->explanationLabel()->text().contains(QStringLiteral("moves the current")));
        WAIT_VERIFY(dialog->confirmButton()->isEnabled(), 15000);
        dialog->diffView()->setHideUnchanged(true);
        QCOMPARE(diffRows(dialog->diffView()->table()),
                 QStringList{QStringLiteral("pass ~ changed")});
        screenshot(dialog, QStringLiteral("rollback"));
        click(dialog->confirmButton());
        WAIT_VERIFY(statusMessage().contains(QStringLiteral("AWSCURRENT moved")), 20000);
        QCOMPARE(statusMessage(),
                 QStringLiteral("Rolled back: AWSCURRENT moved from 33333333… to 22222222…; "
                                "AWSPREVIOUS now on 33333333…"));
        QCOMPARE(stagesOnServer(dbName).value(v2), (QStringList{QStringLiteral("AWSCURRENT")}));
        QCOMPARE(stagesOnServer(dbName).value(v3), QStringList{QStringLiteral("AWSPREVIOUS")});
        QCOMPARE(presenter()->versions()->currentVersionId(), v2);
        QVERIFY(m_window->undoRollbackAction()->isEnabled());
        QVERIFY(m_window->findChild<QWidget*>(QStringLiteral("undoRollbackButton"))->isVisible());
        screenshot(m_window.get(), QStringLiteral("rollback-undo"));

        m_window->undoRollbackAction()->trigger();
        WAIT_VERIFY(statusMessage().startsWith(QStringLiteral("Undid the rollback")), 20000);
        QCOMPARE(statusMessage(),
                 QStringLiteral("Undid the rollback: AWSCURRENT moved from 22222222… to "
                                "33333333…; AWSPREVIOUS now on 22222222…"));
        QCOMPARE(stagesOnServer(dbName).value(v3), QStringList{QStringLiteral("AWSCURRENT")});
        QCOMPARE(stagesOnServer(dbName).value(v2), QStringList{QStringLiteral("AWSPREVIOUS")});
        QVERIFY(!m_window->undoRollbackAction()->isEnabled());
        QVERIFY(m_workspace->auditLog());
    }

    // Someone moves AWSCURRENT after the rollback: the undo would throw their change away, so
    // it refuses and changes nothing.
    void undoRefusesWhenTheLabelsMovedMeanwhile() {
        openSecret(dbName);
        showTab(pane()->tabs(), pane()->versionsTab());
        clickRow(versionsTable(), presenter()->versions()->rowOf(v2));
        m_window->rollbackAction()->trigger();
        auto* dialog = waitForDialog<RollbackDialog>();
        QVERIFY(dialog);
        WAIT_VERIFY(dialog->confirmButton()->isEnabled(), 15000);
        click(dialog->confirmButton());
        WAIT_VERIFY(m_window->undoRollbackAction()->isEnabled(), 20000);
        QVERIFY(waitIdle());
        QVERIFY(m_moto
                    .secretsManager(QStringLiteral("UpdateSecretVersionStage"),
                                    {{QStringLiteral("SecretId"), dbName},
                                     {QStringLiteral("VersionStage"), QStringLiteral("AWSCURRENT")},
                                     {QStringLiteral("MoveToVersionId"), v1},
                                     {QStringLiteral("RemoveFromVersionId"), v2}})
                    .ok());
        const auto before = stagesOnServer(dbName);
        m_window->undoRollbackAction()->trigger();
        WAIT_VERIFY(pane()->messageLine()->text().contains(QStringLiteral("Cannot undo")), 20000);
        QCOMPARE(stagesOnServer(dbName), before);
        QVERIFY(!m_window->undoRollbackAction()->isEnabled());
        // Back to the seeded labels for the next tests.
        QVERIFY(m_moto
                    .secretsManager(QStringLiteral("UpdateSecretVersionStage"),
                                    {{QStringLiteral("SecretId"), dbName},
                                     {QStringLiteral("VersionStage"), QStringLiteral("AWSCURRENT")},
                                     {QStringLiteral("MoveToVersionId"), v3},
                                     {QStringLiteral("RemoveFromVersionId"), v1}})
                    .ok());
        presenter()->reload();
        QVERIFY(waitIdle());
    }

    void rotationShowsTheStuckPendingAndClearsIt() {
        openSecret(dbName);
        WAIT_VERIFY(m_window->rotateAction()->isEnabled(), 10000);
        m_window->rotateAction()->trigger();
        QPointer<RotationDialog> dialog = waitForDialog<RotationDialog>();
        QVERIFY(dialog);
        WAIT_VERIFY(dialog->isLoaded() && !dialog->isBusy(), 20000);
        QVERIFY(dialog->rotation().has_value());
        QVERIFY(dialog->stuckBanner()->isVisible());
        QVERIFY2(dialog->stuckLabel()->text().contains(v4),
                 qPrintable(dialog->stuckLabel()->text()));
        QVERIFY(dialog->statusLabel()->text().contains(QStringLiteral("Rotation: disabled")));
        QVERIFY(dialog->statusLabel()->text().contains(QStringLiteral("State: stuck")));
        // AWS has settings to edit: its form is in the dialog.
        QVERIFY(qobject_cast<RotationSettingsForm*>(dialog->settingsForm()));
        screenshot(dialog, QStringLiteral("rotation"));
        click(dialog->clearStuckButton());
        QMessageBox* confirm = waitForBox(QStringLiteral("Clear the stuck rotation"));
        QVERIFY(confirm);
        QVERIFY(clickBoxButton(confirm, QStringLiteral("Clear stuck rotation")));
        WAIT_VERIFY(!dialog->stuckBanner()->isVisible() && !dialog->isBusy(), 20000);
        QVERIFY(dialog->resultLabel()->text().contains(v4));
        QCOMPARE(stagesOnServer(dbName).value(v4), QStringList());
        dialog->close();
        WAIT_VERIFY(!marksOf(v4).contains(QStringLiteral("AWSPENDING")), 20000);
    }

    void deleteWithARecoveryWindowThenRestore() {
        openSecret(otherName);
        QVERIFY(m_window->deleteSecretAction()->isEnabled());
        m_window->deleteSecretAction()->trigger();
        auto* choice = waitForDialog<DeleteSecretDialog>();
        QVERIFY(choice);
        QVERIFY(choice->binChoice()->isChecked());
        QVERIFY(choice->recoveryDaysField());
        choice->recoveryDaysField()->setValue(3); // clamped: AWS allows 7..30
        QCOMPARE(choice->recoveryDaysField()->value(), 7);
        QCOMPARE(choice->options().recoveryDays, 7);
        screenshot(choice, QStringLiteral("delete"));
        click(choice->continueButton());
        auto* confirm = waitForDialog<TypedConfirmationDialog>();
        QVERIFY(confirm);
        QVERIFY(!confirm->confirmButton()->isEnabled());
        QTest::keyClicks(confirm->nameField(), QStringLiteral("othe"));
        QVERIFY(!confirm->confirmButton()->isEnabled());
        QTest::keyClicks(confirm->nameField(), QStringLiteral("r"));
        QVERIFY(confirm->confirmButton()->isEnabled());
        click(confirm->confirmButton());
        WAIT_VERIFY(statusMessage().contains(QStringLiteral("to the bin")), 20000);
        const auto described = m_moto.secretsManager(QStringLiteral("DescribeSecret"),
                                                     {{QStringLiteral("SecretId"), otherName}});
        QVERIFY(described.body.contains(QStringLiteral("DeletedDate")));
        QVERIFY(!presenter()->hasSecret());
        const QModelIndex team = viewIndex(tree(), m_id, QStringLiteral("team/"));
        WAIT_VERIFY(!childNames(tree(), team).contains(QStringLiteral("other")), 20000);

        std::unique_ptr<QMenu> menu(m_window->connectionMenu(m_id, QString()));
        QAction* bin = findAction(menu.get(), QStringLiteral("Deleted secrets…"));
        QVERIFY(bin);
        bin->trigger();
        QPointer<DeletedSecretsDialog> list = waitForDialog<DeletedSecretsDialog>();
        QVERIFY(list);
        WAIT_VERIFY(list->paths() == QStringList{otherName}, 20000);
        QVERIFY(!list->restoreButton()->isEnabled());
        QVERIFY(list->select(otherName));
        QVERIFY(list->restoreButton()->isEnabled());
        screenshot(list, QStringLiteral("deleted-secrets"));
        click(list->restoreButton());
        QMessageBox* sure = waitForBox(QStringLiteral("Restore %1").arg(otherName));
        QVERIFY(sure);
        QVERIFY(clickBoxButton(sure, QStringLiteral("Restore")));
        WAIT_VERIFY(list->paths().isEmpty() && !list->isBusy(), 20000);
        const auto restored = m_moto.secretsManager(QStringLiteral("DescribeSecret"),
                                                    {{QStringLiteral("SecretId"), otherName}});
        QVERIFY(restored.body.value(QStringLiteral("DeletedDate")).isNull() ||
                restored.body.value(QStringLiteral("DeletedDate")).isUndefined());
        WAIT_VERIFY(childNames(tree(), viewIndex(tree(), m_id, QStringLiteral("team/")))
                        .contains(QStringLiteral("other")),
                    20000);
        list->close();
    }

    void deleteWithoutRecoveryWarnsLoudly() {
        QVERIFY(m_moto
                    .secretsManager(QStringLiteral("CreateSecret"),
                                    {{QStringLiteral("Name"), QStringLiteral("scratch")},
                                     {QStringLiteral("SecretString"), QStringLiteral("x")}})
                    .ok());
        m_window->connectionsPane()->refreshCurrent();
        std::unique_ptr<QMenu> menu(m_window->connectionMenu(m_id, QStringLiteral("scratch")));
        QAction* remove = findAction(menu.get(), QStringLiteral("Delete secret…"));
        QVERIFY(remove);
        remove->trigger();
        auto* choice = waitForDialog<DeleteSecretDialog>();
        QVERIFY(choice);
        QVERIFY(choice->forceChoice()); // AWS can delete without recovery
        QVERIFY(!choice->forceWarning()->isEnabled());
        choice->forceChoice()->setChecked(true);
        QVERIFY(choice->forceWarning()->isEnabled());
        QVERIFY(choice->forceWarning()->text().contains(QStringLiteral("for good")));
        QVERIFY(!choice->recoveryDaysField()->isEnabled());
        click(choice->continueButton());
        auto* confirm = waitForDialog<TypedConfirmationDialog>();
        QVERIFY(confirm);
        QVERIFY(confirm->windowTitle().contains(QStringLiteral("for good")));
        QTest::keyClicks(confirm->nameField(), QStringLiteral("scratch"));
        click(confirm->confirmButton());
        WAIT_VERIFY(statusMessage().contains(QStringLiteral("for good")), 20000);
        const auto gone =
            m_moto.secretsManager(QStringLiteral("DescribeSecret"),
                                  {{QStringLiteral("SecretId"), QStringLiteral("scratch")}});
        QVERIFY2(gone.error().contains(QStringLiteral("ResourceNotFoundException")),
                 qPrintable(gone.error()));
    }

    // The idle lock drops the keys and the values; unlocking takes the keys back from the
    // keychain and the secret is read again, with no prompt.
    void idleLockDropsTheKeysAndUnlockBringsThemBack() {
        openSecret(dbName);
        QTableView* data = pane()->dataTab()->table();
        WAIT_VERIFY(data->model()->rowCount() > 0, 15000);
        m_workspace->lock();
        WAIT_VERIFY(m_window->lockScreen()->isVisible(), 5000);
        QCOMPARE(data->model()->rowCount(), 0);
        QCOMPARE(m_workspace->connection(m_id)->state(), ConnectionState::Locked);
        click(m_window->lockScreen()->unlockButton());
        WAIT_VERIFY(m_workspace->connection(m_id)->state() == ConnectionState::Connected, 20000);
        WAIT_VERIFY(data->model()->rowCount() > 0, 15000);
        QVERIFY(!waitForDialog<MfaCodeDialog>(300));
    }

    // A role with an MFA device: the code is asked for when connecting, and again whenever the
    // credentials are renewed (what loginNeeded leads to once they expire).
    void roleWithMfaAsksForTheCode() {
        QVERIFY(pickStore(m_window.get(), QStringLiteral("AWS Secrets Manager")));
        QPointer<AwsConnectDialog> dialog = waitForDialog<AwsConnectDialog>();
        QVERIFY(dialog);
        QTest::keyClicks(dialog->nameField(), QStringLiteral("Break glass"));
        QTest::keyClicks(dialog->regionField(), QStringLiteral("us-east-1"));
        QTest::keyClicks(dialog->endpointField(), m_moto.address().toString());
        QTest::keyClicks(dialog->keyFields()->accessKeyIdField(), MotoServer::accessKeyId());
        QTest::keyClicks(dialog->keyFields()->secretAccessKeyField(),
                         QString::fromLatin1(MotoServer::secretAccessKey()));
        dialog->roleGroup()->setChecked(true);
        const QString serial = QStringLiteral("arn:aws:iam::123456789012:mfa/alice");
        QTest::keyClicks(dialog->roleArnField(),
                         QStringLiteral("arn:aws:iam::123456789012:role/break-glass"));
        QTest::keyClicks(dialog->mfaSerialField(), serial);
        dialog->durationBox()->setCurrentIndex(dialog->durationBox()->findData(900));
        const QString id = dialog->spec().id;
        click(dialog->connectButton());
        QPointer<MfaCodeDialog> mfa = waitForDialog<MfaCodeDialog>();
        QVERIFY(mfa);
        QCOMPARE(mfa->serialLabel()->text(), serial);
        screenshot(mfa, QStringLiteral("mfa"));
        QTest::keyClicks(mfa->codeField(), QStringLiteral("12345"));
        QVERIFY(!mfa->signInButton()->isEnabled());
        QTest::keyClicks(mfa->codeField(), QStringLiteral("6x"));
        QCOMPARE(mfa->codeField()->text(), QStringLiteral("123456"));
        click(mfa->signInButton());
        WAIT_VERIFY(dialog && dialog->isConnected(), 30000);
        QVERIFY(dialog->identityLabel()->text().contains(QStringLiteral("Temporary credentials")));
        click(dialog->cancelButton());
        QVERIFY(aws()->connector()->needsMfa(id));
        tree()->setCurrentIndex(viewIndex(tree(), id, QString()));
        WAIT_VERIFY(m_window->tokenStatus()->text().contains(QStringLiteral("min left")), 10000);
        QVERIFY(m_window->tokenStatus()->text().startsWith(QStringLiteral("AWS: 1")));

        QSignalSpy loggedIn(aws(), &AwsConnections::loggedIn);
        // What the connector says when the temporary credentials run out.
        Q_EMIT aws()->connector()->loginNeeded(id, QStringLiteral("the AWS credentials expired"));
        QPointer<MfaCodeDialog> again = aws()->mfaPrompt(id);
        QVERIFY(again);
        QTest::keyClicks(again->codeField(), QStringLiteral("654321"));
        click(again->signInButton());
        WAIT_VERIFY(loggedIn.count() == 1, 30000);
        WAIT_VERIFY(!again, 5000);
    }

    void rotationIsConfiguredRotatedAndTurnedOff() {
        const QString name = QStringLiteral("team/rotating");
        QVERIFY(m_moto
                    .secretsManager(QStringLiteral("CreateSecret"),
                                    {{QStringLiteral("Name"), name},
                                     {QStringLiteral("SecretString"), QStringLiteral("x")}})
                    .ok());
        QPointer<RotationDialog> dialog = m_window->openRotation(m_id, name);
        QVERIFY(dialog);
        WAIT_VERIFY(dialog->isLoaded() && !dialog->isBusy(), 20000);
        QVERIFY(!dialog->stuckBanner()->isVisible());
        auto* form = qobject_cast<RotationSettingsForm*>(dialog->settingsForm());
        QVERIFY(form);
        QVERIFY(!dialog->turnOffButton()->isEnabled()); // nothing to turn off yet
        form->scheduleChoice()->setChecked(true);
        QTest::keyClicks(form->scheduleField(), QStringLiteral("every day"));
        click(dialog->saveButton());
        QVERIFY(dialog->errorLabel()->text().contains(QStringLiteral("rate(")));
        form->daysChoice()->setChecked(true);
        form->daysField()->setValue(10);
        // A Lambda that does not exist: Secrets Manager refuses, the dialog says so, nothing
        // changes.
        QTest::keyClicks(form->lambdaField(),
                         QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:rotate"));
        click(dialog->saveButton());
        WAIT_VERIFY(dialog->errorLabel()->text().contains(QStringLiteral("rotate")) &&
                        !dialog->isBusy(),
                    20000);
        QVERIFY(dialog->statusLabel()->text().contains(QStringLiteral("Rotation: disabled")));

        form->lambdaField()->clear();
        click(dialog->saveButton());
        WAIT_VERIFY2(dialog->resultLabel()->text() == QStringLiteral("Rotation settings saved") &&
                         !dialog->isBusy(),
                     qPrintable(dialog->errorLabel()->text()), 20000);
        QVERIFY(dialog->errorLabel()->text().isEmpty());
        QVERIFY(dialog->statusLabel()->text().contains(QStringLiteral("Rotation: enabled")));
        QVERIFY(dialog->statusLabel()->text().contains(QStringLiteral("every 10 days")));
        // The form shows what the store has now.
        QCOMPARE(form->daysField()->value(), 10);

        click(dialog->rotateNowButton());
        WAIT_VERIFY2(dialog->resultLabel()->text().startsWith(
                         QStringLiteral("Rotation started: new version")) &&
                         !dialog->isBusy(),
                     qPrintable(dialog->errorLabel()->text()), 20000);
        const QString newVersion = dialog->resultLabel()->text().section(QLatin1Char(' '), -1);
        QCOMPARE(stagesOnServer(name).value(newVersion), QStringList{QStringLiteral("AWSCURRENT")});
        screenshot(dialog, QStringLiteral("rotation-settings"));

        // Turning off is asked first. (moto cannot cancel a rotation that has no Lambda: the
        // refusal is shown and the settings stay.)
        QVERIFY(dialog->turnOffButton()->isEnabled());
        click(dialog->turnOffButton());
        QMessageBox* sure = waitForBox(QStringLiteral("Turn automatic rotation"));
        QVERIFY(sure);
        QVERIFY(clickBoxButton(sure, QStringLiteral("Turn off rotation")));
        WAIT_VERIFY(!dialog->errorLabel()->text().isEmpty() && !dialog->isBusy(), 20000);
        QVERIFY(dialog->statusLabel()->text().contains(QStringLiteral("Rotation: enabled")));
        dialog->close();
    }

    // Each action is in the audit log with its outcome, in the one vocabulary, and no value is.
    void everyActionIsAudited() {
        auto recent = await(m_workspace->auditLog()->recent(0));
        QVERIFY(recent.ok());
        QStringList seen;
        QStringList deletions;
        for (const AuditEntry& entry : recent.value()) {
            seen << entry.action;
            QVERIFY(!entry.detail.contains(QStringLiteral("three")));
            if (entry.action == actions::deleteSecret()) {
                deletions << entry.detail;
            }
        }
        for (const QString& action :
             {actions::rollback(), actions::undoRollback(), actions::clearStuckRotation(),
              actions::deleteSecret(), actions::restoreSecret(), actions::configureRotation(),
              actions::rotate(), actions::disableRotation(), actions::showRotation()}) {
            QVERIFY2(seen.contains(action), qPrintable(action));
        }
        QVERIFY2(deletions.contains(QStringLiteral("recovery window 7 days")),
                 qPrintable(deletions.join(QLatin1Char('|'))));
        QVERIFY2(deletions.contains(QStringLiteral("without recovery")),
                 qPrintable(deletions.join(QLatin1Char('|'))));
    }

    void cleanupTestCase() {
        m_window.reset();
        m_workspace.reset();
        m_moto.stop();
    }
};

QTEST_MAIN(TestAwsUi)
#include "test_aws_ui.moc"
