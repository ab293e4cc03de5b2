// The init ceremony through the real window against a real, uninitialized OpenBao with raft
// storage: the connect dialog finds the node uninitialized and offers to save the connection and
// initialize it; Operator › Initialize… on that saved connection; bad share counts refused before
// anything is sent (the node stays uninitialized); then 5 shares / threshold 3 handed out one at a
// time (masked until Reveal, one saved to a 0600 file, closing early asks first), the root token
// kept in the connection's keychain entry. Afterwards the collected shares unseal the node, the
// connection signs in with the kept token and can seal, the audit log has the init with 5/3 and
// no secret, and no share or token is in any file the app wrote or in its log output.
#include "AppSettings.h"
#include "AuditEntry.h"
#include "AuditLog.h"
#include "Await.h"
#include "Connection.h"
#include "CredentialStore.h"
#include "ErrorLabel.h"
#include "InitDialog.h"
#include "InitSecretStep.h"
#include "IsolatedHome.h"
#include "MainWindow.h"
#include "OpenBaoRaftServer.h"
#include "UiWait.h"
#include "UnsealDialog.h"
#include "VaultAuthFields.h"
#include "VaultBackend.h"
#include "VaultCeremonies.h"
#include "VaultConnectDialog.h"
#include "VaultConnections.h"
#include "VaultConnectionSpec.h"
#include "VaultConnector.h"
#include "VaultOperator.h"
#include "VaultSession.h"
#include "Workspace.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace strongroom;
using namespace strongroom::testing;

namespace {

QByteArray g_log; // everything the app logged while the test ran

void keepLog(QtMsgType, const QMessageLogContext&, const QString& message) {
    g_log += message.toUtf8() + '\n';
}

void typeInto(QSpinBox* box, int value) {
    box->setFocus();
    box->selectAll();
    QTest::keyClicks(box, QString::number(value));
    box->interpretText();
}

void typeLines(QPlainTextEdit* field, const QStringList& lines) {
    for (const QString& line : lines) {
        QTest::keyClicks(field, line);
        QTest::keyClick(field, Qt::Key_Return);
    }
}

QString screenshot(const QString& name) {
    return QDir(qEnvironmentVariable("STRONGROOM_BINARY_DIR"))
        .filePath(QStringLiteral("screenshots/") + name);
}

} // namespace

class TestVaultInitUi : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<IsolatedHome> m_home;
    OpenBaoRaftServer m_server;
    std::unique_ptr<VaultSession> m_admin; // the test's own view of the server
    std::unique_ptr<VaultOperator> m_adminOperator;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_outside; // where the custodian saves a share: not the app's files
    QString m_id;            // the connection the connect dialog saved
    QStringList m_shares;    // as the custodians got them from the dialog
    QString m_rootToken;

    VaultSealStatus serverStatus() {
        auto status = await(m_adminOperator->sealStatus());
        return status.ok() ? status.value() : VaultSealStatus{};
    }

    InitDialog* openFromMenu() {
        std::unique_ptr<QMenu> menu(m_window->connectionMenu(m_id, QString()));
        QAction* init = findAction(menu.get(), QStringLiteral("Initialize…"));
        // Enabled once the node said it is not initialized.
        if (!init || !waitUntil([&] { return init->isEnabled(); }, 10000)) {
            return nullptr;
        }
        init->trigger();
        return waitForDialog<InitDialog>();
    }

    QStringList auditText() {
        auto entries = await(m_workspace->auditLog()->recent(0));
        QStringList lines;
        for (const AuditEntry& entry : entries.ok() ? entries.value() : QList<AuditEntry>()) {
            lines << entry.action + QLatin1Char('|') + entry.result + QLatin1Char('|') +
                         entry.detail;
        }
        return lines;
    }

private Q_SLOTS:
    void initTestCase() {
        qInstallMessageHandler(keepLog);
        m_home = std::make_unique<IsolatedHome>();
        QVERIFY(m_outside.isValid());
        QVERIFY2(m_server.start(), qPrintable(m_server.lastError()));
        VaultEndpoint endpoint;
        endpoint.address = m_server.address();
        m_admin = std::make_unique<VaultSession>(endpoint);
        m_adminOperator = std::make_unique<VaultOperator>(m_admin.get());
        auto status = await(m_adminOperator->sealStatus());
        QVERIFY(status.ok() && !status->initialized);

        m_workspace = std::make_unique<Workspace>();
        m_workspace->settings()->setIdleLockMinutes(0);
        m_window = std::make_unique<MainWindow>(m_workspace.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void theConnectDialogOffersToInitializeANewNode() {
        VaultConnectDialog* connect = m_window->storeUi<VaultConnections>()->openConnectDialog();
        QTest::keyClicks(connect->nameField(), QStringLiteral("fresh-node"));
        QTest::keyClicks(connect->addressField(), m_server.address().toString());
        QTest::keyClicks(connect->authFields()->tokenField(), QStringLiteral("no-token-yet"));
        m_id = connect->spec().id;
        QTest::mouseClick(connect->connectButton(), Qt::LeftButton);
        auto* offer = waitForDialog<QMessageBox>();
        QVERIFY2(offer, qPrintable(connect->errorLabel()->text()));
        QCOMPARE(offer->objectName(), QStringLiteral("vaultOfferInit"));
        QVERIFY(offer->text().contains(QStringLiteral("not initialized")));
        QVERIFY(m_workspace->savedConnections().isEmpty()); // nothing saved before the answer
        QAbstractButton* init = nullptr;
        for (QAbstractButton* button : offer->buttons()) {
            if (button->text().remove(QLatin1Char('&')) == QStringLiteral("Initialize…")) {
                init = button;
            }
        }
        QVERIFY(init);
        QTest::mouseClick(init, Qt::LeftButton);
        auto* dialog = waitForDialog<InitDialog>();
        QVERIFY(dialog);
        QCOMPARE(m_workspace->savedConnections().size(), 1);
        QCOMPARE(m_workspace->savedConnections().first().id, m_id);
        QVERIFY(!m_workspace->connection(m_id)); // saved, not open: nobody can sign in yet
        WAIT_VERIFY(dialog->stage() == InitDialog::Stage::Form, 10000);
        dialog->reject();
        WAIT_VERIFY(!waitForDialog<InitDialog>(0), 5000);
        QVERIFY(!serverStatus().initialized);
    }

    void aClosedConnectionOffersOnlyWhatNeedsNoToken() {
        std::unique_ptr<QMenu> menu(m_window->connectionMenu(m_id, QString()));
        QAction* init = findAction(menu.get(), QStringLiteral("Initialize…"));
        QVERIFY(init);
        WAIT_VERIFY(init->isEnabled(), 10000);
        for (const char* name : {"Seal status…", "Unseal…"}) {
            QAction* action = findAction(menu.get(), QString::fromUtf8(name));
            QVERIFY2(action && action->isEnabled(), name);
        }
        for (const char* name : {"Seal…", "Cluster…", "Generate root token…"}) {
            QAction* action = findAction(menu.get(), QString::fromUtf8(name));
            QVERIFY2(action && !action->isEnabled(), name);
        }
    }

    void badCountsAreRefusedAndNothingIsSent() {
        InitDialog* dialog = openFromMenu();
        QVERIFY(dialog);
        WAIT_VERIFY(dialog->stage() == InitDialog::Stage::Form, 10000);
        QVERIFY(dialog->initializeButton()->isEnabled());
        QVERIFY(dialog->statusLabel()->text().contains(
            QStringLiteral("fresh-node is not initialized")));

        typeInto(dialog->sharesField(), 5);
        typeInto(dialog->thresholdField(), 7);
        QTest::mouseClick(dialog->initializeButton(), Qt::LeftButton);
        QVERIFY(dialog->formMessage()->isVisible());
        QVERIFY2(dialog->formMessage()->text().contains(QStringLiteral("between 1 and the number "
                                                                       "of shares")),
                 qPrintable(dialog->formMessage()->text()));

        typeInto(dialog->thresholdField(), 1);
        QTest::mouseClick(dialog->initializeButton(), Qt::LeftButton);
        QVERIFY2(dialog->formMessage()->text().contains(QStringLiteral("at least 2")),
                 qPrintable(dialog->formMessage()->text()));

        typeInto(dialog->thresholdField(), 3);
        typeLines(dialog->pgpKeysField(),
                  {QStringLiteral("keybase:one"), QStringLiteral("keybase:two")});
        QTest::mouseClick(dialog->initializeButton(), Qt::LeftButton);
        QVERIFY2(dialog->formMessage()->text().contains(QStringLiteral("one PGP key per share")),
                 qPrintable(dialog->formMessage()->text()));

        // Keys the server cannot read: its own message, and still nothing initialized.
        dialog->pgpKeysField()->clear();
        typeLines(dialog->pgpKeysField(), QStringList(5, QStringLiteral("bm90LWEta2V5")));
        QTest::mouseClick(dialog->initializeButton(), Qt::LeftButton);
        WAIT_VERIFY(dialog->formMessage()->text().startsWith(QStringLiteral("The server refused")),
                    15000);
        QCOMPARE(dialog->stage(), InitDialog::Stage::Form);
        QVERIFY(!serverStatus().initialized);

        dialog->pgpKeysField()->clear();
        QTest::qWait(100);
        QVERIFY(dialog->grab().save(screenshot(QStringLiteral("vault-init.png"))));
        dialog->reject(); // nothing handed out yet: closes without asking
        WAIT_VERIFY(!waitForDialog<InitDialog>(0), 5000);
        QVERIFY(!serverStatus().initialized);
    }

    void sharesAreHandedOutOneAtATime() {
        InitDialog* dialog = openFromMenu();
        QVERIFY(dialog);
        WAIT_VERIFY(dialog->stage() == InitDialog::Stage::Form, 10000);
        typeInto(dialog->sharesField(), 5);
        typeInto(dialog->thresholdField(), 3);
        QTest::mouseClick(dialog->initializeButton(), Qt::LeftButton);
        WAIT_VERIFY(dialog->stage() == InitDialog::Stage::Shares, 20000);
        QVERIFY(serverStatus().initialized);

        InitSecretStep* step = dialog->shareStep();
        const QString savedPath = m_outside.filePath(QStringLiteral("share-3.txt"));
        for (int i = 1; i <= 5; ++i) {
            QCOMPARE(step->titleLabel()->text(), QStringLiteral("Share %1 of 5").arg(i));
            QCOMPARE(step->secretField()->echoMode(), QLineEdit::Password);
            const QString share = step->secretField()->text();
            QVERIFY(!share.isEmpty());
            QVERIFY(!m_shares.contains(share));
            m_shares << share;
            if (i == 1) {
                QTest::mouseClick(step->revealButton(), Qt::LeftButton);
                QCOMPARE(step->secretField()->echoMode(), QLineEdit::Normal);
            }
            if (i == 2) {
                QTest::qWait(100);
                QVERIFY(dialog->grab().save(screenshot(QStringLiteral("vault-init-share.png"))));
                // Closing early asks; going back keeps the ceremony where it was.
                dialog->reject();
                auto* ask = waitForDialog<QMessageBox>();
                QVERIFY(ask);
                QCOMPARE(ask->objectName(), QStringLiteral("initCloseConfirmation"));
                QVERIFY(ask->text().contains(QStringLiteral("4 shares were not handed out")));
                QPushButton* back = nullptr;
                for (QAbstractButton* button : ask->buttons()) {
                    if (button->text() == QStringLiteral("Go back")) {
                        back = qobject_cast<QPushButton*>(button);
                    }
                }
                QVERIFY(back);
                QTest::mouseClick(back, Qt::LeftButton);
                QVERIFY(dialog->isVisible());
                QCOMPARE(step->titleLabel()->text(), QStringLiteral("Share 2 of 5"));
            }
            if (i == 3) {
                QTest::mouseClick(step->saveButton(), Qt::LeftButton);
                auto* chooser = waitForDialog<QFileDialog>();
                QVERIFY(chooser);
                chooser->selectFile(savedPath);
                static_cast<QDialog*>(chooser)->accept(); // as the Save button does
                WAIT_VERIFY(QFile::exists(savedPath), 5000);
            }
            if (i == 4) {
                QTest::mouseClick(step->copyButton(), Qt::LeftButton);
                QCOMPARE(QApplication::clipboard()->text(), share);
            }
            QTest::mouseClick(dialog->storedButton(), Qt::LeftButton);
            if (i < 5) {
                QVERIFY(step->secretField()->text() != share);
            }
        }
        QCOMPARE(step->secretField()->text(), QString()); // the last share is wiped too

        QFile saved(savedPath);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), m_shares[2].toUtf8() + '\n');
        struct stat info {};
        QCOMPARE(::stat(QFile::encodeName(savedPath).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));

        QCOMPARE(dialog->stage(), InitDialog::Stage::RootToken);
        QCOMPARE(dialog->tokenStep()->secretField()->echoMode(), QLineEdit::Password);
        m_rootToken = dialog->tokenStep()->secretField()->text();
        QVERIFY(!m_rootToken.isEmpty());
        QVERIFY(dialog->keepButton()->isEnabled());
        QTest::mouseClick(dialog->keepButton(), Qt::LeftButton);
        WAIT_VERIFY(dialog->stage() == InitDialog::Stage::Done, 15000);
        QVERIFY(dialog->doneLabel()->text().contains(QStringLiteral("kept in the keychain")));
        QVERIFY(dialog->tokenStep()->secretField()->text().isEmpty());
        QVERIFY(!dialog->keepButton()->isEnabled());
        dialog->reject();
        WAIT_VERIFY(!waitForDialog<InitDialog>(0), 5000);
    }

    void theSharesUnsealAndTheConnectionSignsInWithTheKeptToken() {
        QCOMPARE(m_shares.size(), 5);
        auto kept = await(m_workspace->credentials()->read(VaultConnector::keychainKey(m_id)));
        QVERIFY(kept.ok());
        QCOMPARE(kept->toDisplayString(), m_rootToken);
        // The connection is saved but not open (no token could sign in while sealed): its
        // Operator › Unseal… still works, with the shares the custodians took home.
        QVERIFY(!m_workspace->connection(m_id));
        std::unique_ptr<QMenu> menu(m_window->connectionMenu(m_id, QString()));
        QAction* unsealAction = findAction(menu.get(), QStringLiteral("Unseal…"));
        QVERIFY(unsealAction && unsealAction->isEnabled());
        unsealAction->trigger();
        auto* unseal = waitForDialog<UnsealDialog>();
        QVERIFY(unseal);
        WAIT_VERIFY(unseal->shareField()->isEnabled(), 10000); // its first status came in
        int given = 0;
        for (int i : {4, 0, 2}) {
            QTest::keyClicks(unseal->shareField(), m_shares[i]);
            QVERIFY(unseal->submitButton()->isEnabled());
            QTest::mouseClick(unseal->submitButton(), Qt::LeftButton);
            QVERIFY(unseal->shareField()->text().isEmpty());
            ++given;
            WAIT_VERIFY(unseal->progressBar()->value() == given || unseal->isUnsealed(), 15000);
        }
        WAIT_VERIFY(unseal->isUnsealed(), 15000);
        QVERIFY(!serverStatus().sealed);
        unseal->reject();
        VaultConnector* connector = m_window->storeUi<VaultConnections>()->connector();
        QVERIFY2(m_server.waitUntilActive(), qPrintable(m_server.lastError()));
        Result<Connection*> opened = await(connector->reconnect(m_id));
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message()));
        QCOMPARE(m_workspace->connection(m_id)->state(), ConnectionState::Connected);
        VaultOperator connection(connector->backend(m_id)->session());
        QVERIFY(await(connection.sealStatus()).ok());
        QVERIFY(await(connection.seal()).ok()); // sys/seal takes the kept root token
        QVERIFY(serverStatus().sealed);
    }

    void anInitializedNodeIsSaidToBeSo() {
        std::unique_ptr<QMenu> menu(m_window->connectionMenu(m_id, QString()));
        QAction* init = nullptr;
        WAIT_VERIFY(
            (init = findAction(menu.get(), QStringLiteral("Initialize… (already initialized)"))),
            10000);
        QVERIFY(!init->isEnabled());
        // The dialog checks again (the node may have been initialized since the menu opened).
        m_window->storeUi<VaultConnections>()->ceremonies()->initialize(m_id);
        auto* dialog = waitForDialog<InitDialog>();
        QVERIFY(dialog);
        WAIT_VERIFY(dialog->statusLabel()->text().contains(QStringLiteral("already initialized")),
                    10000);
        QVERIFY(dialog->statusLabel()->text().contains(QStringLiteral("5 shares, threshold 3")));
        QVERIFY(!dialog->initializeButton()->isEnabled());
        dialog->reject();
    }

    void theAuditHasTheInitWithoutSecrets() {
        QStringList lines;
        WAIT_VERIFY(([&] {
                        lines = auditText();
                        return lines.contains(QStringLiteral(
                            "init-root-token|ok|kept in the keychain for the connection"));
                    }()),
                    10000);
        const QString all = lines.join(QLatin1Char('\n'));
        QVERIFY2(lines.contains(QStringLiteral("init|ok|5 shares, threshold 3; PGP for "
                                               "shares: no; PGP for root token: no")),
                 qPrintable(all));
        QVERIFY2(lines.contains(QStringLiteral("init-handout|ok|5 of 5 shares handed out")),
                 qPrintable(all));
        // The server's refusal (unreadable PGP keys) is there too; the form's own refusals sent
        // nothing and are not.
        QCOMPARE(lines.filter(QRegularExpression(QStringLiteral("^init\\|"))).size(), 2);
        const QStringList refused =
            lines.filter(QRegularExpression(QStringLiteral("^init\\|(?!ok\\|)")));
        QCOMPARE(refused.size(), 1);
        QVERIFY2(refused.first().contains(QStringLiteral("PGP for shares: yes")),
                 qPrintable(refused.first()));
        for (const QString& share : m_shares) {
            QVERIFY(!all.contains(share));
        }
        QVERIFY(!all.contains(m_rootToken));
    }

    void noShareOrTokenInAnyFileTheAppWroteOrItsLog() {
        QTest::qWait(100);
        const QByteArray everything = m_home->allFileContents();
        QVERIFY(!everything.isEmpty());
        QVERIFY(everything.contains(m_id.toUtf8())); // the settings are there, and read
        for (const QString& share : m_shares) {
            const QByteArray hex = share.toUtf8();
            const QByteArray base64 = QByteArray::fromHex(hex).toBase64();
            QVERIFY(!everything.contains(hex));
            QVERIFY(!everything.contains(base64));
            QVERIFY(!g_log.contains(hex));
            QVERIFY(!g_log.contains(base64));
        }
        QVERIFY(!everything.contains(m_rootToken.toUtf8()));
        QVERIFY(!g_log.contains(m_rootToken.toUtf8()));
    }
};

QTEST_MAIN(TestVaultInitUi)
#include "test_vault_init_ui.moc"
