// The Vault/OpenBao side of the console, driven offscreen with real widgets against a real
// OpenBao dev server: connect with userpass through the dialog, browse the mounts, edit, look at
// versions and a diff, a read-only token's disabled actions, and the login prompt after the
// token is revoked on the server.
#include "AppSettings.h"
#include "Await.h"
#include "ConflictDialog.h"
#include "ConnectionsPane.h"
#include "ConnectionTreeModel.h"
#include "DataTab.h"
#include "DiffTab.h"
#include "DiffView.h"
#include "ErrorLabel.h"
#include "FieldRowsEditor.h"
#include "IsolatedHome.h"
#include "LockScreen.h"
#include "MainWindow.h"
#include "OpenBaoServer.h"
#include "QuickOpenDialog.h"
#include "RollbackDialog.h"
#include "SecretEditorDialog.h"
#include "SecretFieldsModel.h"
#include "SecretPane.h"
#include "SecretPresenter.h"
#include "SecretValueEditor.h"
#include "StorePicking.h"
#include "TypedConfirmationDialog.h"
#include "UiRows.h"
#include "UiWait.h"
#include "VaultAuthFields.h"
#include "VaultBackend.h"
#include "VaultConnectDialog.h"
#include "VaultConnections.h"
#include "VaultConnector.h"
#include "VaultLoginDialog.h"
#include "VersionsModel.h"
#include "VersionsTab.h"
#include "Workspace.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTabBar>
#include <QTableView>
#include <QTableWidget>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

using namespace strongroom;
using namespace strongroom::testing;

namespace {

void click(QWidget* widget) {
    QTest::mouseClick(widget, Qt::LeftButton);
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

void chooseMethod(VaultAuthFields* fields, VaultAuthMethod method) {
    QComboBox* box = fields->methodBox();
    box->setCurrentIndex(box->findData(vaultAuthMethodId(method)));
    QCOMPARE(fields->method(), method);
}

QStringList column(const QAbstractItemModel* model, int col) {
    QStringList texts;
    for (int row = 0; row < model->rowCount(); ++row) {
        texts << model->index(row, col).data().toString();
    }
    return texts;
}

int rowWithKey(FieldRowsEditor* rows, const QString& key) {
    for (int row = 0; row < rows->rowCount(); ++row) {
        if (rows->keyEditor(row)->text() == key) {
            return row;
        }
    }
    return -1;
}

// Input dialogs and message boxes are opened with open(): found by object name once shown.
template <typename Dialog> Dialog* waitForNamed(const QString& name, int timeoutMs = 15000) {
    Dialog* found = nullptr;
    (void)waitUntil(
        [&] {
            for (QWidget* widget : QApplication::topLevelWidgets()) {
                auto* dialog = qobject_cast<Dialog*>(widget);
                if (dialog && dialog->isVisible() && dialog->objectName() == name) {
                    found = dialog;
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return found;
}

} // namespace

// QTRY_* poll with processEvents(); this waits in the real loop of UiWait.h.
#define WAIT_COMPARE(actual, expected, timeoutMs)                                                  \
    do {                                                                                           \
        (void)waitUntil([&] { return (actual) == (expected); }, timeoutMs);                        \
        QCOMPARE(actual, expected);                                                                \
    } while (false)

class TestVaultUi : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<IsolatedHome> m_home;
    OpenBaoServer m_server;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<MainWindow> m_window;
    QString m_userpassId;
    QString m_hiddenId;
    QByteArray m_hiddenToken;

    SecretPresenter* presenter() const { return m_window->presenter(); }
    SecretPane* pane() const { return m_window->secretPane(); }
    QTableView* versionsTable() const { return pane()->versionsTab()->table(); }
    QTableView* dataTable() const { return pane()->dataTab()->table(); }
    QTreeView* tree() const { return m_window->connectionsPane()->treeView(); }
    VaultConnector* connector() const { return m_window->storeUi<VaultConnections>()->connector(); }

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
        QVERIFY(widget->grab().save(screenshotDir() + QStringLiteral("/vault-") + name +
                                    QStringLiteral(".png")));
    }

    // Fills the connect dialog and connects; returns the new connection's id.
    QString connectThroughDialog(const QString& name, VaultAuthMethod method,
                                 const std::function<void(VaultConnectDialog*)>& fill,
                                 const QString& shotName = {}) {
        if (!pickStore(m_window.get(), QStringLiteral("Vault / OpenBao"))) {
            return {};
        }
        QPointer<VaultConnectDialog> dialog = waitForDialog<VaultConnectDialog>();
        if (!dialog) {
            return {};
        }
        QTest::keyClicks(dialog->nameField(), name);
        QTest::keyClicks(dialog->addressField(), m_server.address().toString());
        chooseMethod(dialog->authFields(), method);
        fill(dialog);
        if (!shotName.isEmpty()) {
            screenshot(dialog, shotName);
        }
        const QString id = dialog->spec().id;
        click(dialog->connectButton());
        if (!waitUntil([&] { return !dialog || !dialog->isVisible(); }, 30000)) {
            qWarning("connect dialog still open (busy %d, connect enabled %d): %s",
                     dialog->isBusy(), dialog->connectButton()->isEnabled(),
                     qPrintable(dialog->errorLabel()->text()));
            return {};
        }
        return m_workspace->connection(id) ? id : QString();
    }

    void editValue(const QString& key, const QString& newValue, const QString& addKey,
                   const QStringList& expectedDiff) {
        QVERIFY(waitIdle());
        QVERIFY(m_window->editAction()->isEnabled());
        m_window->editAction()->trigger();
        auto* editor = waitForDialog<SecretEditorDialog>();
        QVERIFY(editor);
        FieldRowsEditor* rows = editor->editor()->rows();
        const int row = rowWithKey(rows, key);
        QVERIFY(row >= 0);
        rows->valueEditor(row)->clear();
        QTest::keyClicks(rows->valueEditor(row), newValue);
        if (!addKey.isEmpty()) {
            click(rows->addButton());
            QTest::keyClicks(rows->keyEditor(rows->rowCount() - 1), addKey);
            QTest::keyClicks(rows->valueEditor(rows->rowCount() - 1),
                             QStringLiteral("db.internal"));
        }
        click(editor->reviewButton());
        editor->diffView()->setHideUnchanged(false);
        QCOMPARE(diffRows(editor->diffView()->table()), expectedDiff);
        click(editor->saveButton());
    }

private Q_SLOTS:
    void initTestCase() {
        m_home = std::make_unique<IsolatedHome>();
        QVERIFY2(m_server.start(), qPrintable(m_server.lastError()));
        QVERIFY2(m_server.writePolicy(QStringLiteral("app-rw"),
                                      QStringLiteral("path \"secret/*\" { capabilities = "
                                                     "[\"create\", \"read\", \"update\", "
                                                     "\"delete\", \"list\"] }")),
                 qPrintable(m_server.lastError()));
        QVERIFY2(m_server.writePolicy(
                     QStringLiteral("ro"),
                     QStringLiteral("path \"secret/data/ro/*\" { capabilities = [\"read\"] }\n"
                                    "path \"secret/metadata/ro/*\" { capabilities = [\"read\", "
                                    "\"list\"] }\n"
                                    "path \"secret/metadata/*\" { capabilities = [\"list\"] }")),
                 qPrintable(m_server.lastError()));
        QVERIFY2(m_server.enableUserpass(QStringLiteral("alice"), QStringLiteral("wonderland"),
                                         {QStringLiteral("app-rw")}),
                 qPrintable(m_server.lastError()));
        // A token that lives 42 minutes, so the status bar has something to count down.
        QVERIFY(m_server
                    .api("POST", QStringLiteral("auth/userpass/users/alice"),
                         QJsonObject{{QStringLiteral("token_ttl"), QStringLiteral("42m")}})
                    .ok());
        QVERIFY(m_server.putKv2(
                    QStringLiteral("secret"), QStringLiteral("app/db"),
                    QJsonObject{{QStringLiteral("user"), QStringLiteral("admin")},
                                {QStringLiteral("pass"), QStringLiteral("s3cret-1")}}) == 1);
        QVERIFY(m_server.putKv2(QStringLiteral("secret"), QStringLiteral("ro/config"),
                                QJsonObject{{QStringLiteral("region"), QStringLiteral("eu")}}) ==
                1);
        QVERIFY(m_server.mountKv(QStringLiteral("team"), 1));

        m_workspace = std::make_unique<Workspace>();
        m_workspace->settings()->setIdleLockMinutes(0);
        m_window = std::make_unique<MainWindow>(m_workspace.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void connectDialogFieldsFollowTheMethod() {
        QVERIFY(pickStore(m_window.get(), QStringLiteral("Vault / OpenBao")));
        auto* dialog = waitForDialog<VaultConnectDialog>();
        QVERIFY(dialog);
        QVERIFY(!dialog->connectButton()->isEnabled()); // no name, no address yet
        VaultAuthFields* auth = dialog->authFields();
        chooseMethod(auth, VaultAuthMethod::Token);
        QVERIFY(auth->tokenField()->isVisibleTo(dialog));
        QVERIFY(!auth->passwordField()->isVisibleTo(dialog));
        chooseMethod(auth, VaultAuthMethod::AppRole);
        QVERIFY(auth->roleIdField()->isVisibleTo(dialog));
        QVERIFY(auth->secretIdField()->isVisibleTo(dialog));
        QVERIFY(!auth->tokenField()->isVisibleTo(dialog));
        chooseMethod(auth, VaultAuthMethod::Jwt);
        QVERIFY(auth->roleField()->isVisibleTo(dialog));
        QVERIFY(auth->jwtField()->isVisibleTo(dialog));
        QCOMPARE(auth->jwtField()->echoMode(), QLineEdit::Password);

        // Import is explicit and says what it took, never the token itself.
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("VAULT_ADDR"), QStringLiteral("https://vault.test:8200"));
        environment.insert(QStringLiteral("VAULT_TOKEN"), QStringLiteral("hvs.do-not-show"));
        environment.insert(QStringLiteral("VAULT_NAMESPACE"), QStringLiteral("team-a"));
        dialog->setEnvironmentSource(environment, m_home->path());
        QVERIFY(dialog->addressField()->text().isEmpty());
        click(dialog->importButton());
        QCOMPARE(dialog->addressField()->text(), QStringLiteral("https://vault.test:8200"));
        QCOMPARE(dialog->namespaceField()->text(), QStringLiteral("team-a"));
        QCOMPARE(auth->method(), VaultAuthMethod::Token);
        QVERIFY(auth->tokenField()->text().isEmpty());
        QVERIFY(auth->hasImportedToken());
        QVERIFY(dialog->importSummary()->isVisible());
        QVERIFY(dialog->importSummary()->text().contains(QStringLiteral("VAULT_ADDR")));
        QVERIFY(!dialog->importSummary()->text().contains(QStringLiteral("do-not-show")));

        // A plain-http address that is not loopback is refused inline; the dialog stays.
        dialog->addressField()->setText(QStringLiteral("http://vault.test:8200"));
        click(dialog->connectButton());
        QVERIFY(dialog->errorLabel()->isVisible());
        QVERIFY(!dialog->errorLabel()->text().isEmpty());
        QVERIFY(dialog->isVisible());
        click(dialog->cancelButton());
        WAIT_VERIFY(!dialog->isVisible(), 5000);
    }

    void wrongPasswordStaysInTheDialogAndCancelUndoesTheConnect() {
        QVERIFY(pickStore(m_window.get(), QStringLiteral("Vault / OpenBao")));
        QPointer<VaultConnectDialog> dialog = waitForDialog<VaultConnectDialog>();
        QVERIFY(dialog);
        QTest::keyClicks(dialog->nameField(), QStringLiteral("Second thoughts"));
        QTest::keyClicks(dialog->addressField(), m_server.address().toString());
        chooseMethod(dialog->authFields(), VaultAuthMethod::Userpass);
        QTest::keyClicks(dialog->authFields()->usernameField(), QStringLiteral("alice"));
        QTest::keyClicks(dialog->authFields()->passwordField(), QStringLiteral("not-it"));
        click(dialog->connectButton());
        QVERIFY(dialog->isBusy());
        QVERIFY(dialog->authFields()->passwordField()->text().isEmpty()); // taken, wiped
        WAIT_VERIFY(!dialog->isBusy(), 20000);
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->errorLabel()->isVisible());
        QVERIFY2(
            dialog->errorLabel()->text().contains(QStringLiteral("invalid"), Qt::CaseInsensitive) ||
                dialog->errorLabel()->text().contains(QStringLiteral("authenticat"),
                                                      Qt::CaseInsensitive),
            qPrintable(dialog->errorLabel()->text()));
        QVERIFY(m_workspace->connections().isEmpty());

        // Cancel while it signs in: whatever it opened is closed and forgotten again.
        const QString id = dialog->spec().id;
        QTest::keyClicks(dialog->authFields()->passwordField(), QStringLiteral("wonderland"));
        click(dialog->connectButton());
        QVERIFY(dialog->isBusy());
        QSignalSpy removed(m_workspace.get(), &Workspace::connectionRemoved);
        click(dialog->cancelButton());
        WAIT_VERIFY(!dialog || !dialog->isVisible(), 5000);
        // The sign-in finishes in the background, then is logged out and forgotten.
        WAIT_VERIFY(removed.size() == 1, 20000);
        QCOMPARE(removed.first().first().toString(), id);
        QVERIFY(!m_workspace->connection(id));
        const auto saved = m_workspace->savedConnections();
        QVERIFY(std::none_of(saved.begin(), saved.end(),
                             [&](const ConnectionSettings& s) { return s.id == id; }));
    }

    void connectWithUserpass() {
        QPointer<VaultConnectDialog> seen;
        m_userpassId = connectThroughDialog(
            QStringLiteral("OpenBao dev"), VaultAuthMethod::Userpass,
            [&](VaultConnectDialog* dialog) {
                seen = dialog;
                QTest::keyClicks(dialog->authFields()->usernameField(), QStringLiteral("alice"));
                // Connect without the password: an inline message, nothing sent.
                click(dialog->connectButton());
                QCOMPARE(dialog->errorLabel()->text(), QStringLiteral("Enter the password."));
                QVERIFY(dialog->isVisible());
                QTest::keyClicks(dialog->authFields()->passwordField(),
                                 QStringLiteral("wonderland"));
            },
            QStringLiteral("connect"));
        QVERIFY(!m_userpassId.isEmpty());
        QCOMPARE(m_userpassId, QStringLiteral("vault-openbao-dev"));
        // The spec is saved (no secret in it) for the next run.
        const auto saved = m_workspace->savedConnections();
        QVERIFY(std::any_of(saved.begin(), saved.end(), [&](const ConnectionSettings& s) {
            return s.id == m_userpassId && s.providerId == QStringLiteral("vault");
        }));
        QVERIFY(!m_home->allFileContents().contains("wonderland"));

        // The status bar counts the token's 42 minutes down.
        m_window->connectionsPane()->selectSecret(m_userpassId, QString());
        WAIT_VERIFY2(m_window->tokenStatus()->text().contains(
                         QRegularExpression(QStringLiteral("^Token: 4[12] min left$"))),
                     qPrintable(m_window->tokenStatus()->text()), 10000);
    }

    void mountsShowInTheTreeAndASecretOpens() {
        const QModelIndex connection = viewIndex(tree(), m_userpassId, QString());
        QVERIFY(connection.isValid());
        tree()->expand(connection);
        WAIT_VERIFY(viewIndex(tree(), m_userpassId, QStringLiteral("secret/")).isValid(), 15000);
        // Only the mounts this token may use are listed.
        QVERIFY(!viewIndex(tree(), m_userpassId, QStringLiteral("team/")).isValid());
        const QModelIndex secretMount = viewIndex(tree(), m_userpassId, QStringLiteral("secret/"));
        tree()->expand(secretMount);
        WAIT_VERIFY(viewIndex(tree(), m_userpassId, QStringLiteral("secret/app/")).isValid(),
                    15000);
        QVERIFY(childNames(tree(), viewIndex(tree(), m_userpassId, QStringLiteral("secret/")))
                    .contains(QStringLiteral("ro")) ||
                childNames(tree(), viewIndex(tree(), m_userpassId, QStringLiteral("secret/")))
                    .contains(QStringLiteral("ro/")));

        m_window->openSecret(m_userpassId, QStringLiteral("secret/app/db"));
        WAIT_COMPARE(m_window->connectionsPane()->currentPath(), QStringLiteral("secret/app/db"),
                     15000);
        QVERIFY(waitIdle());
        WAIT_COMPARE(dataTable()->model()->rowCount(), 2, 15000);
        QCOMPARE(column(dataTable()->model(), SecretFieldsModel::KeyColumn),
                 (QStringList{QStringLiteral("pass"), QStringLiteral("user")}));
        QVERIFY(m_window->editAction()->isEnabled());
    }

    void editTwiceThenVersionsAndDiff() {
        editValue(QStringLiteral("pass"), QStringLiteral("s3cret-2"), {},
                  {QStringLiteral("pass ~ changed"), QStringLiteral("user = unchanged")});
        WAIT_COMPARE(presenter()->versions()->rowCount(), 2, 15000);
        editValue(QStringLiteral("pass"), QStringLiteral("s3cret-3"), QStringLiteral("host"),
                  {QStringLiteral("host + added"), QStringLiteral("pass ~ changed"),
                   QStringLiteral("user = unchanged")});
        WAIT_COMPARE(presenter()->versions()->rowCount(), 3, 15000);
        QVERIFY(waitIdle());
        // The server holds what the console wrote.
        const auto stored = m_server.api("GET", QStringLiteral("secret/data/app/db"));
        QCOMPARE(stored.body[QStringLiteral("data")]
                     .toObject()[QStringLiteral("data")]
                     .toObject()[QStringLiteral("pass")]
                     .toString(),
                 QStringLiteral("s3cret-3"));

        showTab(pane()->tabs(), pane()->versionsTab());
        QCOMPARE(column(versionsTable()->model(), VersionsModel::IdColumn),
                 (QStringList{QStringLiteral("3"), QStringLiteral("2"), QStringLiteral("1")}));
        QCOMPARE(column(versionsTable()->model(), VersionsModel::MarksColumn).first(),
                 QStringLiteral("current"));
        screenshot(m_window.get(), QStringLiteral("versions"));

        clickRow(versionsTable(), 0);                      // v3
        clickRow(versionsTable(), 2, Qt::ControlModifier); // v1
        click(pane()->versionsTab()->compareButton());
        QCOMPARE(pane()->tabs()->currentWidget(), pane()->diffTab());
        DiffView* view = pane()->diffTab()->diffView();
        view->setHideUnchanged(false);
        WAIT_COMPARE(diffRows(view->table()),
                     (QStringList{QStringLiteral("host + added"), QStringLiteral("pass ~ changed"),
                                  QStringLiteral("user = unchanged")}),
                     15000);
        QCOMPARE(view->table()->item(1, DiffView::NewColumn)->text(), DiffView::maskedValue());
        screenshot(m_window.get(), QStringLiteral("diff"));
        showTab(pane()->tabs(), pane()->dataTab());
    }

    void connectionMenuOffersTheVaultActions() {
        std::unique_ptr<QMenu> menu(m_window->connectionMenu(m_userpassId, QString()));
        QStringList texts;
        for (QAction* action : menu->actions()) {
            texts << action->text().remove(QLatin1Char('&'));
        }
        for (const char* wanted :
             {"Go to path…", "Add mount path…", "Log in again…", "Log out", "Forget connection"}) {
            QVERIFY2(texts.contains(QString::fromUtf8(wanted)), wanted);
        }
    }

    void readOnlyTokenDisablesEditWithTheReason() {
        const QByteArray token = m_server.createToken({QStringLiteral("ro")}, QStringLiteral("1h"));
        QVERIFY(!token.isEmpty());
        const QString id = connectThroughDialog(
            QStringLiteral("Read only"), VaultAuthMethod::Token, [&](VaultConnectDialog* dialog) {
                QTest::keyClicks(dialog->authFields()->tokenField(), QString::fromLatin1(token));
            });
        QVERIFY(!id.isEmpty());
        m_window->openSecret(id, QStringLiteral("secret/ro/config"));
        WAIT_VERIFY(presenter()->ref().path == QStringLiteral("secret/ro/config") &&
                        presenter()->connection() && presenter()->connection()->id() == id,
                    15000);
        QVERIFY(waitIdle());
        WAIT_COMPARE(dataTable()->model()->rowCount(), 1, 15000);
        QVERIFY(!m_window->editAction()->isEnabled());
        QVERIFY2(m_window->editAction()->toolTip().contains(
                     QStringLiteral("needs 'update' on secret/data/ro/config")),
                 qPrintable(m_window->editAction()->toolTip()));
        QVERIFY(!m_window->deleteAction()->isEnabled());
        QVERIFY2(m_window->deleteAction()->toolTip().contains(QStringLiteral("secret/")),
                 qPrintable(m_window->deleteAction()->toolTip()));
        QVERIFY(!m_window->destroyAction()->isEnabled());
        QVERIFY(!m_window->rollbackAction()->isEnabled());
    }

    void revokedTokenBringsTheLoginPromptAndTheRetry() {
        m_window->openSecret(m_userpassId, QStringLiteral("secret/app/db"));
        WAIT_VERIFY(presenter()->connection() && presenter()->connection()->id() == m_userpassId &&
                        presenter()->ref().path == QStringLiteral("secret/app/db"),
                    15000);
        QVERIFY(waitIdle());
        const auto info = connector()->tokenInfo(m_userpassId);
        QVERIFY(info && !info->accessor.isEmpty());
        QVERIFY(m_server
                    .api("POST", QStringLiteral("auth/token/revoke-accessor"),
                         QJsonObject{{QStringLiteral("accessor"), info->accessor}})
                    .ok());
        // Someone wrote meanwhile: the retried read after the new login must show it.
        QVERIFY(m_server.putKv2(QStringLiteral("secret"), QStringLiteral("app/db"),
                                QJsonObject{{QStringLiteral("user"), QStringLiteral("admin")},
                                            {QStringLiteral("pass"), QStringLiteral("s3cret-4")},
                                            {QStringLiteral("host"), QStringLiteral("db")},
                                            {QStringLiteral("port"), QStringLiteral("5432")}}) ==
                4);

        m_window->refreshAction()->trigger();
        auto* prompt = waitForDialog<VaultLoginDialog>(20000);
        QVERIFY(prompt);
        // The permission check failed with the token: nothing is enabled on a guess.
        QVERIFY(waitIdle());
        QVERIFY(!m_window->editAction()->isEnabled());
        QVERIFY2(m_window->editAction()->toolTip().contains(
                     QStringLiteral("could not check permissions")),
                 qPrintable(m_window->editAction()->toolTip()));
        QVERIFY(!m_window->deleteAction()->isEnabled());
        QCOMPARE(prompt->connectionId(), m_userpassId);
        QCOMPARE(prompt->authFields()->method(), VaultAuthMethod::Userpass);
        QCOMPARE(prompt->authFields()->usernameField()->text(), QStringLiteral("alice"));
        QVERIFY(prompt->authFields()->passwordField()->text().isEmpty());
        QCOMPARE(m_workspace->connection(m_userpassId)->state(), ConnectionState::Expired);
        QCOMPARE(tree()
                     ->model()
                     ->data(viewIndex(tree(), m_userpassId, QString()), Qt::ToolTipRole)
                     .toString()
                     .contains(QStringLiteral("Log in again")),
                 true);

        // A wrong password is shown in the prompt, which stays.
        QTest::keyClicks(prompt->authFields()->passwordField(), QStringLiteral("wrong"));
        click(prompt->loginButton());
        WAIT_VERIFY(prompt->errorLabel()->isVisible(), 15000);
        QVERIFY(prompt->isVisible());
        QVERIFY(prompt->authFields()->passwordField()->text().isEmpty());
        QTest::keyClicks(prompt->authFields()->passwordField(), QStringLiteral("wonderland"));
        QPointer<VaultLoginDialog> guard(prompt);
        click(prompt->loginButton());
        WAIT_VERIFY(!guard || !guard->isVisible(), 15000);

        // The failed action is retried: the open secret is read again with the new token.
        WAIT_COMPARE(dataTable()->model()->rowCount(), 4, 15000);
        QVERIFY(waitIdle());
        QCOMPARE(m_workspace->connection(m_userpassId)->state(), ConnectionState::Connected);
        QCOMPARE(presenter()->versions()->rowCount(), 4);
    }

    // The store-neutral workflows run on Vault as they do on the local store: roll back (written
    // as a new version with cas) and destroy with the typed name.
    void rollbackAndDestroyOnVault() {
        QVERIFY(waitIdle());
        showTab(pane()->tabs(), pane()->versionsTab());
        QCOMPARE(column(versionsTable()->model(), VersionsModel::IdColumn),
                 (QStringList{QStringLiteral("4"), QStringLiteral("3"), QStringLiteral("2"),
                              QStringLiteral("1")}));
        clickRow(versionsTable(), 3); // v1
        QVERIFY(m_window->rollbackAction()->isEnabled());
        m_window->rollbackAction()->trigger();
        auto* rollback = waitForDialog<RollbackDialog>();
        QVERIFY(rollback);
        WAIT_VERIFY(rollback->confirmButton()->isEnabled(), 15000);
        click(rollback->confirmButton());
        WAIT_COMPARE(presenter()->versions()->rowCount(), 5, 15000);
        QVERIFY(waitIdle());
        const auto stored = m_server.api("GET", QStringLiteral("secret/data/app/db"));
        const QJsonObject data =
            stored.body[QStringLiteral("data")].toObject()[QStringLiteral("data")].toObject();
        QCOMPARE(data[QStringLiteral("pass")].toString(), QStringLiteral("s3cret-1"));
        QVERIFY(!data.contains(QStringLiteral("port")));

        showTab(pane()->tabs(), pane()->versionsTab());
        QCOMPARE(versionsTable()->model()->index(3, 0).data().toString(), QStringLiteral("2"));
        clickRow(versionsTable(), 3); // v2
        QVERIFY(m_window->destroyAction()->isEnabled());
        m_window->destroyAction()->trigger();
        auto* confirm = waitForDialog<TypedConfirmationDialog>();
        QVERIFY(confirm);
        QTest::keyClicks(confirm->nameField(), QStringLiteral("db"));
        QVERIFY(confirm->confirmButton()->isEnabled());
        click(confirm->confirmButton());
        WAIT_COMPARE(
            versionsTable()->model()->index(3, VersionsModel::MarksColumn).data().toString(),
            QStringLiteral("destroyed"), 15000);
        const auto metadata = m_server.api("GET", QStringLiteral("secret/metadata/app/db"));
        QVERIFY(metadata.body[QStringLiteral("data")]
                    .toObject()[QStringLiteral("versions")]
                    .toObject()[QStringLiteral("2")]
                    .toObject()[QStringLiteral("destroyed")]
                    .toBool());
        showTab(pane()->tabs(), pane()->dataTab());
    }

    // Someone writes with the bao CLI's API while the operator edits: cas refuses the save,
    // the conflict dialog shows their change, and re-applying keeps both.
    void concurrentWriterOnVaultLeadsToTheConflictDialog() {
        QVERIFY(waitIdle());
        m_window->editAction()->trigger();
        auto* editor = waitForDialog<SecretEditorDialog>();
        QVERIFY(editor);
        FieldRowsEditor* rows = editor->editor()->rows();
        const int pass = rowWithKey(rows, QStringLiteral("pass"));
        QVERIFY(pass >= 0);
        rows->valueEditor(pass)->clear();
        QTest::keyClicks(rows->valueEditor(pass), QStringLiteral("mine-pass"));
        const int theirs =
            m_server.putKv2(QStringLiteral("secret"), QStringLiteral("app/db"),
                            QJsonObject{{QStringLiteral("user"), QStringLiteral("admin")},
                                        {QStringLiteral("pass"), QStringLiteral("s3cret-1")},
                                        {QStringLiteral("port"), QStringLiteral("5432")}});
        QVERIFY(theirs > 0);
        click(editor->reviewButton());
        click(editor->saveButton());
        auto* conflict = waitForDialog<ConflictDialog>(20000);
        QVERIFY(conflict);
        conflict->theirChangeView()->setHideUnchanged(true);
        QCOMPARE(diffRows(conflict->theirChangeView()->table()),
                 QStringList{QStringLiteral("port + added")});
        click(conflict->reapplyButton());
        WAIT_COMPARE(column(versionsTable()->model(), VersionsModel::IdColumn).first(),
                     QString::number(theirs + 1), 20000);
        const auto stored = m_server.api("GET", QStringLiteral("secret/data/app/db"));
        const QJsonObject data =
            stored.body[QStringLiteral("data")].toObject()[QStringLiteral("data")].toObject();
        QCOMPARE(data[QStringLiteral("pass")].toString(), QStringLiteral("mine-pass"));
        QCOMPARE(data[QStringLiteral("port")].toString(), QStringLiteral("5432"));
    }

    void quickOpenFindsALoadedVaultSecret() {
        m_window->openSecret(m_userpassId, QStringLiteral("secret/ro/config"));
        WAIT_VERIFY(presenter()->ref().path == QStringLiteral("secret/ro/config"), 15000);
        QVERIFY(waitIdle());
        m_window->quickOpenAction()->trigger();
        auto* dialog = waitForDialog<QuickOpenDialog>();
        QVERIFY(dialog);
        QTest::keyClicks(dialog->queryField(), QStringLiteral("app/db"));
        WAIT_VERIFY(dialog->results()->model()->rowCount() >= 1, 5000);
        QTest::keyClick(dialog->queryField(), Qt::Key_Return);
        WAIT_VERIFY(presenter()->connection() && presenter()->connection()->id() == m_userpassId &&
                        presenter()->ref().path == QStringLiteral("secret/app/db"),
                    15000);
        QVERIFY(waitIdle());
    }

    // The idle lock drops the token and the values; unlocking takes the token back from the
    // keychain and shows the secret again, without a login.
    void idleLockDropsTheTokenAndUnlockBringsItBack() {
        m_window->openSecret(m_userpassId, QStringLiteral("secret/app/db"));
        WAIT_VERIFY(presenter()->connection() && presenter()->connection()->id() == m_userpassId &&
                        presenter()->ref().path == QStringLiteral("secret/app/db"),
                    15000);
        QVERIFY(waitIdle());
        WAIT_VERIFY(dataTable()->model()->rowCount() > 0, 15000);
        m_workspace->lock();
        WAIT_VERIFY(m_window->lockScreen()->isVisible(), 5000);
        QCOMPARE(dataTable()->model()->rowCount(), 0);
        QCOMPARE(m_workspace->connection(m_userpassId)->state(), ConnectionState::Locked);
        click(m_window->lockScreen()->unlockButton());
        WAIT_COMPARE(m_workspace->connection(m_userpassId)->state(), ConnectionState::Connected,
                     20000);
        WAIT_VERIFY(dataTable()->model()->rowCount() > 0, 15000);
        QVERIFY(!waitForDialog<VaultLoginDialog>(300));
    }

    void connectWithAppRole() {
        const auto approle =
            m_server.enableAppRole(QStringLiteral("ui-role"), {QStringLiteral("app-rw")});
        QVERIFY2(!approle.isEmpty(), qPrintable(m_server.lastError()));
        const QString id = connectThroughDialog(
            QStringLiteral("AppRole"), VaultAuthMethod::AppRole, [&](VaultConnectDialog* dialog) {
                QTest::keyClicks(dialog->authFields()->roleIdField(),
                                 QString::fromLatin1(approle.roleId));
                QTest::keyClicks(dialog->authFields()->secretIdField(),
                                 QString::fromLatin1(approle.secretId));
            });
        QVERIFY(!id.isEmpty());
        const auto spec = connector()->spec(id);
        QVERIFY(spec);
        QCOMPARE(spec->method, VaultAuthMethod::AppRole);
        QCOMPARE(spec->roleId, QString::fromLatin1(approle.roleId));
        QVERIFY(!m_home->allFileContents().contains(approle.secretId));
        m_window->openSecret(id, QStringLiteral("secret/app/db"));
        WAIT_VERIFY(presenter()->connection() && presenter()->connection()->id() == id, 15000);
        QVERIFY(waitIdle());
        WAIT_VERIFY(dataTable()->model()->rowCount() > 0, 15000);
        QVERIFY(m_window->editAction()->isEnabled());
    }

    void rootTokenNeverExpires() {
        const QString id = connectThroughDialog(
            QStringLiteral("Root"), VaultAuthMethod::Token, [&](VaultConnectDialog* dialog) {
                QTest::keyClicks(dialog->authFields()->tokenField(),
                                 QString::fromLatin1(m_server.rootToken()));
            });
        QVERIFY(!id.isEmpty());
        QVERIFY(m_window->connectionsPane()->selectSecret(id, QString()));
        WAIT_COMPARE(m_window->tokenStatus()->text(), QStringLiteral("Token: never expires"), 5000);
        QVERIFY(m_window->connectionsPane()->selectSecret(m_userpassId, QString()));
        WAIT_VERIFY(m_window->tokenStatus()->text().endsWith(QStringLiteral("min left")), 5000);
    }

    // A token that may read one secret but list nothing: the operator types the path.
    void goToPathWhenListIsNotAllowed() {
        QVERIFY(m_server.writePolicy(
            QStringLiteral("hidden"),
            QStringLiteral("path \"secret/data/hidden/*\" { capabilities = [\"read\"] }")));
        QVERIFY(m_server.putKv2(QStringLiteral("secret"), QStringLiteral("hidden/key"),
                                QJsonObject{{QStringLiteral("k"), QStringLiteral("v")}}) == 1);
        const QByteArray token =
            m_server.createToken({QStringLiteral("hidden")}, QStringLiteral("1h"));
        QVERIFY(!token.isEmpty());
        m_hiddenToken = token;
        m_hiddenId = connectThroughDialog(
            QStringLiteral("Hidden"), VaultAuthMethod::Token, [&](VaultConnectDialog* dialog) {
                QTest::keyClicks(dialog->authFields()->tokenField(), QString::fromLatin1(token));
            });
        QVERIFY(!m_hiddenId.isEmpty());

        std::unique_ptr<QMenu> menu(m_window->connectionMenu(m_hiddenId, QString()));
        QAction* goTo = findAction(menu.get(), QStringLiteral("Go to path…"));
        QVERIFY(goTo && goTo->isEnabled());
        goTo->trigger();
        auto* input = waitForNamed<QInputDialog>(QStringLiteral("vaultGoToPathInput"));
        QVERIFY(input);
        input->setTextValue(QStringLiteral("/secret/hidden/key"));
        input->accept();
        WAIT_VERIFY(presenter()->connection() && presenter()->connection()->id() == m_hiddenId &&
                        presenter()->ref().path == QStringLiteral("secret/hidden/key"),
                    15000);
        QVERIFY(waitIdle());
        WAIT_COMPARE(dataTable()->model()->rowCount(), 1, 15000);
        QVERIFY(!m_window->editAction()->isEnabled());
    }

    // A mount the token cannot ask about: the operator names it and says which KV it is; the
    // tree shows it and the saved connection keeps it.
    void addMountPathTheServerWillNotDescribe() {
        std::unique_ptr<QMenu> menu(m_window->connectionMenu(m_hiddenId, QString()));
        QAction* add = findAction(menu.get(), QStringLiteral("Add mount path…"));
        QVERIFY(add);
        add->trigger();
        auto* input = waitForNamed<QInputDialog>(QStringLiteral("vaultMountPathInput"));
        QVERIFY(input);
        input->setTextValue(QStringLiteral("team"));
        input->accept();
        auto* version = waitForNamed<QInputDialog>(QStringLiteral("vaultKvVersionInput"));
        QVERIFY(version);
        version->setTextValue(version->comboBoxItems().at(1)); // KV version 1
        version->accept();
        WAIT_VERIFY(
            m_window->treeModel()->indexForPath(m_hiddenId, QStringLiteral("team/")).isValid(),
            15000);
        bool kept = false;
        for (const ConnectionSettings& saved : m_workspace->savedConnections()) {
            if (saved.id == m_hiddenId) {
                auto spec =
                    VaultConnectionSpec::fromOptions(saved.id, saved.displayName, saved.options);
                // With the KV version the operator chose: the server will not say it next time.
                kept = spec && spec->extraMounts.contains(QStringLiteral("kv1:team/"));
            }
        }
        QVERIFY(kept);
    }

    void logoutRevokesTheTokenAndKeepsTheConnectionSaved() {
        std::unique_ptr<QMenu> menu(m_window->connectionMenu(m_hiddenId, QString()));
        QAction* logout = findAction(menu.get(), QStringLiteral("Log out"));
        QVERIFY(logout);
        logout->trigger();
        auto* confirm = waitForNamed<QMessageBox>(QStringLiteral("vaultLogoutConfirmation"));
        QVERIFY(confirm);
        QAbstractButton* yes = nullptr;
        for (QAbstractButton* button : confirm->buttons()) {
            if (confirm->buttonRole(button) == QMessageBox::AcceptRole) {
                yes = button;
            }
        }
        QVERIFY(yes);
        click(yes);
        WAIT_VERIFY(!m_workspace->connection(m_hiddenId), 15000);
        QVERIFY(!m_window->treeModel()->connectionIndex(m_hiddenId).isValid());
        // Revoked on the server, not just forgotten here.
        QCOMPARE(
            m_server.api("GET", QStringLiteral("auth/token/lookup-self"), {}, m_hiddenToken).status,
            403);
        const auto saved = m_workspace->savedConnections();
        QVERIFY(std::any_of(saved.begin(), saved.end(),
                            [&](const ConnectionSettings& s) { return s.id == m_hiddenId; }));
    }

    void savedConnectionReopensWithANewLogin() {
        QMenu menu;
        m_window->storeUi<VaultConnections>()->addSavedConnections(&menu);
        QAction* reopen = nullptr;
        for (QAction* action : menu.actions()) {
            if (action->data().toString() == m_hiddenId) {
                reopen = action;
            }
        }
        QVERIFY(reopen);
        reopen->trigger();
        // The keychain no longer has a token: the login prompt asks for one.
        auto* prompt = waitForDialog<VaultLoginDialog>(20000);
        QVERIFY(prompt);
        QCOMPARE(prompt->connectionId(), m_hiddenId);
        QCOMPARE(prompt->authFields()->method(), VaultAuthMethod::Token);
        const QByteArray token =
            m_server.createToken({QStringLiteral("hidden")}, QStringLiteral("1h"));
        QTest::keyClicks(prompt->authFields()->tokenField(), QString::fromLatin1(token));
        QPointer<VaultLoginDialog> guard(prompt);
        click(prompt->loginButton());
        WAIT_VERIFY(!guard || !guard->isVisible(), 15000);
        WAIT_VERIFY(m_workspace->connection(m_hiddenId), 15000);
        WAIT_VERIFY(m_window->treeModel()->connectionIndex(m_hiddenId).isValid(), 5000);
        QVERIFY(viewIndex(tree(), m_hiddenId, QString()).isValid());
        // The mount typed earlier is back, as the KV version the operator chose then.
        auto* backend = qobject_cast<VaultBackend*>(m_workspace->connection(m_hiddenId)->backend());
        QVERIFY(backend);
        auto mounts = await(backend->mounts());
        QVERIFY(mounts.ok());
        const auto team = std::find_if(mounts->begin(), mounts->end(), [](const VaultMount& m) {
            return m.path == QStringLiteral("team/");
        });
        QVERIFY(team != mounts->end());
        QCOMPARE(team->kvVersion, 1);
    }

    // Next run: the saved connections open by themselves with their keychain tokens.
    void savedConnectionsReconnectAtStartup() {
        m_window.reset();
        m_workspace.reset();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        m_workspace = std::make_unique<Workspace>();
        m_workspace->settings()->setIdleLockMinutes(0);
        m_window = std::make_unique<MainWindow>(m_workspace.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_workspace->connections().isEmpty());
        m_window->storeUi<VaultConnections>()->reconnectSaved();
        WAIT_VERIFY(m_workspace->connection(m_userpassId), 20000);
        WAIT_VERIFY(m_workspace->connection(m_hiddenId), 20000);
        QCOMPARE(m_workspace->connection(m_userpassId)->state(), ConnectionState::Connected);
        QVERIFY(m_window->treeModel()->connectionIndex(m_userpassId).isValid());
        QVERIFY(!waitForDialog<VaultLoginDialog>(500)); // no prompt: the tokens were valid
        QVERIFY(m_window->connectionsPane()->selectSecret(m_userpassId, QString()));
        WAIT_VERIFY(m_window->tokenStatus()->text().endsWith(QStringLiteral("min left")), 5000);
    }

    void sealedServerShowsInTheTree() {
        QVERIFY(m_server.seal());
        m_window->openSecret(m_userpassId, QStringLiteral("secret/app/db"));
        WAIT_COMPARE(m_workspace->connection(m_userpassId)->state(), ConnectionState::Sealed,
                     20000);
        const QModelIndex row = viewIndex(tree(), m_userpassId, QString());
        QVERIFY(row.data(Qt::ToolTipRole).toString().contains(QStringLiteral("sealed")));
        QVERIFY(row.data(Qt::DisplayRole).toString().contains(QStringLiteral("sealed")));
        QCOMPARE(m_window->tokenStatus()->text(), QStringLiteral("Vault sealed"));
        QVERIFY(m_server.unseal());
        // Unsealed: the next action that reaches the server clears the state.
        m_window->refreshAction()->trigger();
        WAIT_COMPARE(m_workspace->connection(m_userpassId)->state(), ConnectionState::Connected,
                     20000);
        QVERIFY(!viewIndex(tree(), m_userpassId, QString())
                     .data(Qt::DisplayRole)
                     .toString()
                     .contains(QStringLiteral("sealed")));
    }

    void cleanupTestCase() {
        m_window.reset();
        m_workspace.reset();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        m_server.stop();
        m_home.reset();
    }
};

QTEST_MAIN(TestVaultUi)
#include "test_vault_ui.moc"
