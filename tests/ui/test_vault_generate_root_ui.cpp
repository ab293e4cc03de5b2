// The generate-root (break-glass root token) ceremony through the real window against a real
// OpenBao with raft storage: Operator › Generate root token… starts an attempt, a malformed share
// is refused with the server's message and no progress, another client cancelling the attempt is
// explained, three shares give a token shown masked that Reveal shows and that works until
// "Revoke now"; closing the window revokes on its own (through the authenticated family chosen in
// the dialog), so does the end of the countdown; "Keep" leaves it working and in the keychain; an
// attempt started elsewhere is shown and can be cancelled. Afterwards no share, OTP or token in
// the audit log, any file the app wrote or the log output.
#include "AppSettings.h"
#include "AuditEntry.h"
#include "AuditLog.h"
#include "Await.h"
#include "Clipboard.h"
#include "Connection.h"
#include "CredentialStore.h"
#include "GenerateRootDialog.h"
#include "IsolatedHome.h"
#include "MainWindow.h"
#include "OpenBaoRaftServer.h"
#include "RootTokenPanel.h"
#include "UiWait.h"
#include "VaultConnections.h"
#include "VaultConnectionSpec.h"
#include "VaultConnector.h"
#include "VaultOperator.h"
#include "VaultSession.h"
#include "Workspace.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>

using namespace strongroom;
using namespace strongroom::testing;

namespace {

// Everything the app logged while the suite ran (to prove no secret reaches it).
QByteArray g_logOutput;
QtMessageHandler g_previousHandler = nullptr;

void captureLog(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    g_logOutput += message.toUtf8() + '\n';
    if (g_previousHandler) {
        g_previousHandler(type, context, message);
    }
}

QByteArray bytesOf(const SecretBytes& secret) {
    return QByteArray(secret.data(), qsizetype(secret.size()));
}

void saveScreenshot(QWidget* widget, const QString& name) {
    QVERIFY(widget->grab().save(QDir(qEnvironmentVariable("STRONGROOM_BINARY_DIR"))
                                    .filePath(QStringLiteral("screenshots/") + name)));
}

} // namespace

class TestVaultGenerateRootUi : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<IsolatedHome> m_home;
    OpenBaoRaftServer m_server;
    std::unique_ptr<VaultSession> m_admin; // the test's own client: "another operator"
    std::unique_ptr<VaultOperator> m_adminOperator;
    VaultInitResult m_init;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<MainWindow> m_window;
    QString m_id;
    QList<QByteArray> m_generated; // every root token the dialog showed

    VaultEndpoint endpoint() const {
        VaultEndpoint at;
        at.address = m_server.address();
        return at;
    }

    // lookup-self with the token through a fresh session: 200 while it works.
    int lookupStatus(const QByteArray& token) {
        VaultSession session(endpoint());
        session.setToken(
            SecretBytes(std::string_view(token.constData(), std::size_t(token.size()))));
        auto reply =
            await(session.exchange(VaultCall::get(QStringLiteral("auth/token/lookup-self"))));
        return reply.ok() ? reply->status : -1;
    }

    GenerateRootStatus serverAttempt() {
        auto status = await(m_adminOperator->generateRootStatus());
        return status.ok() ? std::move(status.value()) : GenerateRootStatus{};
    }

    GenerateRootDialog* openDialog() {
        std::unique_ptr<QMenu> menu(m_window->connectionMenu(m_id, QString()));
        QAction* action = findAction(menu.get(), QStringLiteral("Generate root token…"));
        if (!action || !action->isEnabled()) {
            return nullptr;
        }
        action->trigger();
        auto* dialog = waitForTopLevel<GenerateRootDialog>();
        if (dialog && !waitUntil([&] { return dialog->hasStatus(); }, 15000)) {
            return nullptr;
        }
        return dialog;
    }

    void typeShare(GenerateRootDialog* dialog, const QString& share) {
        QVERIFY(dialog->shareField()->isEnabled());
        QTest::keyClicks(dialog->shareField(), share);
        QVERIFY(dialog->submitButton()->isEnabled());
        QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
        // Wiped at once, before the server answered.
        QVERIFY(dialog->shareField()->text().isEmpty());
    }

    void giveShares(GenerateRootDialog* dialog, std::initializer_list<int> indexes) {
        int given = dialog->progressBar()->value();
        for (const int index : indexes) {
            typeShare(dialog, m_init.keys[std::size_t(index)].toDisplayString());
            ++given;
            WAIT_VERIFY(dialog->tokenPanel()->holdsToken() ||
                            dialog->progressBar()->value() == given,
                        10000);
        }
    }

    void startAttempt(GenerateRootDialog* dialog) {
        QVERIFY(dialog->startButton()->isEnabled());
        QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
        WAIT_VERIFY(!dialog->ourNonce().isEmpty(), 10000);
        const auto onServer = serverAttempt();
        QVERIFY(onServer.started);
        // The nonce custodians compare is the server's.
        QCOMPARE(dialog->nonceLabel()->text(), onServer.nonce);
        QCOMPARE(dialog->progressBar()->maximum(), 3);
        QCOMPARE(dialog->progressBar()->value(), 0);
    }

    // Reveal shows the token; returns it (and remembers it for the secrecy checks).
    QByteArray revealToken(GenerateRootDialog* dialog) {
        RootTokenPanel* panel = dialog->tokenPanel();
        QTest::mouseClick(panel->revealButton(), Qt::LeftButton);
        const QByteArray token = panel->tokenField()->text().toLatin1();
        m_generated << token;
        return token;
    }

    void completeCeremony(GenerateRootDialog* dialog, std::initializer_list<int> indexes) {
        startAttempt(dialog);
        giveShares(dialog, indexes);
        WAIT_VERIFY(dialog->tokenPanel()->holdsToken(), 15000);
        QVERIFY(dialog->tokenPanel()->isVisible());
        QVERIFY(serverAttempt().started == false);
    }

private Q_SLOTS:
    void initTestCase() {
        g_previousHandler = qInstallMessageHandler(captureLog);
        m_home = std::make_unique<IsolatedHome>();
        QVERIFY2(m_server.start(), qPrintable(m_server.lastError()));
        m_admin = std::make_unique<VaultSession>(endpoint());
        m_adminOperator = std::make_unique<VaultOperator>(m_admin.get());
        VaultInitRequest request;
        request.shares = 5;
        request.threshold = 3;
        auto init = await(m_adminOperator->init(request));
        QVERIFY2(init.ok(), qPrintable(init.ok() ? QString() : init.error().message()));
        m_init = std::move(init.value());
        for (int i = 0; i < 3; ++i) {
            QVERIFY(await(m_adminOperator->unseal(m_init.keys[std::size_t(i)])).ok());
        }
        m_admin->setToken(m_init.rootToken);

        m_workspace = std::make_unique<Workspace>();
        m_workspace->settings()->setIdleLockMinutes(0);
        m_window = std::make_unique<MainWindow>(m_workspace.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        VaultConnectionSpec spec;
        spec.id = QStringLiteral("raft");
        spec.displayName = QStringLiteral("raft-node");
        spec.address = m_server.address().toString();
        VaultCredentials credentials;
        credentials.secret = m_init.rootToken;
        QVERIFY2(m_server.waitUntilActive(), qPrintable(m_server.lastError()));
        Result<Connection*> added = await(
            m_window->storeUi<VaultConnections>()->connector()->connectNew(spec, credentials));
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message()));
        m_id = spec.id;
    }

    void cleanupTestCase() { qInstallMessageHandler(g_previousHandler); }

    void aChangedNonceIsExplainedThenTheTokenWorksUntilRevoked() {
        QPointer<GenerateRootDialog> dialog = openDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->familyBox()->currentIndex(), 0);
        QVERIFY2(dialog->familyLabel()->text().contains(QStringLiteral("Using sys/generate-root:")),
                 qPrintable(dialog->familyLabel()->text()));
        QVERIFY(dialog->familyLabel()->text().contains(QStringLiteral("not needed")));
        QVERIFY(!dialog->cancelAttemptButton()->isEnabled());
        QCOMPARE(dialog->shareField()->echoMode(), QLineEdit::Password);
        startAttempt(dialog);
        const QString firstNonce = dialog->ourNonce();

        // A malformed share: the server's words, and the attempt is unchanged.
        typeShare(dialog, QStringLiteral("abcd"));
        WAIT_VERIFY2(dialog->messageLabel()->text().startsWith(QStringLiteral("Share refused")),
                     qPrintable(dialog->messageLabel()->text()), 10000);
        QCOMPARE(dialog->progressBar()->value(), 0);
        QCOMPARE(serverAttempt().progress, 0);
        QCOMPARE(serverAttempt().nonce, firstNonce);

        giveShares(dialog, {0});
        QCOMPARE(serverAttempt().progress, 1);

        // Another operator cancels the attempt mid-way.
        QVERIFY(await(m_adminOperator->cancelGenerateRoot()).ok());
        WAIT_VERIFY2(dialog->messageLabel()->text().contains(QStringLiteral("changed")),
                     qPrintable(dialog->messageLabel()->text()), GenerateRootDialog::pollMs * 3);
        QVERIFY(dialog->messageLabel()->text().contains(firstNonce));
        QVERIFY(dialog->ourNonce().isEmpty());
        QCOMPARE(dialog->progressBar()->value(), 0);
        QVERIFY(!dialog->shareField()->isEnabled());

        // Start again; three custodians.
        startAttempt(dialog);
        QVERIFY(dialog->ourNonce() != firstNonce);
        giveShares(dialog, {1, 2});
        QCOMPARE(serverAttempt().progress, 2);
        QTest::qWait(150);
        saveScreenshot(dialog, QStringLiteral("vault-generate-root.png"));
        giveShares(dialog, {3});
        WAIT_VERIFY(dialog->tokenPanel()->holdsToken(), 15000);

        RootTokenPanel* panel = dialog->tokenPanel();
        QVERIFY(!panel->tokenField()->text().startsWith(QStringLiteral("s.")));
        QVERIFY(panel->countdownLabel()->text().contains(
            QRegularExpression(QStringLiteral("\\b(09:5\\d|10:00)\\b"))));
        QTest::qWait(1100); // the countdown moves
        QVERIFY2(
            panel->countdownLabel()->text().contains(QRegularExpression(QStringLiteral("09:5\\d"))),
            qPrintable(panel->countdownLabel()->text()));
        saveScreenshot(dialog, QStringLiteral("vault-generate-root-token.png"));

        const QByteArray token = revealToken(dialog);
        QVERIFY2(token.startsWith("s."), token.left(2).constData());
        QVERIFY(token != bytesOf(m_init.rootToken));
        QCOMPARE(lookupStatus(token), 200);

        QTest::mouseClick(panel->revokeButton(), Qt::LeftButton);
        WAIT_VERIFY(panel->isRevoked(), 10000);
        QCOMPARE(lookupStatus(token), 403);
        QVERIFY(panel->tokenField()->text().isEmpty());
        QVERIFY(!panel->holdsToken());
        QVERIFY(!panel->revealButton()->isEnabled());
        dialog->reject();
        WAIT_VERIFY(!dialog || !dialog->isVisible(),
                    5000); // nothing left to revoke: it closes at once
    }

    void closingTheWindowRevokesTheToken() {
        QPointer<GenerateRootDialog> dialog = openDialog();
        QVERIFY(dialog);
        // The authenticated family, chosen in the dialog (uses the connection's token).
        dialog->familyBox()->setFocus();
        QTest::keyClick(dialog->familyBox(), Qt::Key_Down);
        QCOMPARE(dialog->familyBox()->currentIndex(), 1);
        QVERIFY2(dialog->familyLabel()->text().contains(
                     QStringLiteral("Using sys/generate-root-token, chosen here")),
                 qPrintable(dialog->familyLabel()->text()));
        WAIT_VERIFY(dialog->hasStatus() && dialog->startButton()->isEnabled(), 10000);
        completeCeremony(dialog, {0, 2, 4});
        const QByteArray token = revealToken(dialog);
        QCOMPARE(lookupStatus(token), 200);

        dialog->reject();
        WAIT_VERIFY(!dialog || !dialog->isVisible(), 15000);
        QCOMPARE(lookupStatus(token), 403);
    }

    void theEndOfTheCountdownRevokesTheToken() {
        QPointer<GenerateRootDialog> dialog = openDialog();
        QVERIFY(dialog);
        dialog->tokenPanel()->setLifetime(std::chrono::seconds(3));
        completeCeremony(dialog, {1, 3, 4});
        const QByteArray token = revealToken(dialog);
        QCOMPARE(lookupStatus(token), 200);
        WAIT_VERIFY(dialog->tokenPanel()->isRevoked(), 10000);
        QCOMPARE(lookupStatus(token), 403);
        QVERIFY(dialog->tokenPanel()->tokenField()->text().isEmpty());
        dialog->reject();
        WAIT_VERIFY(!dialog || !dialog->isVisible(), 5000);
    }

    void keepingTheTokenStoresItInTheKeychain() {
        // Needs the keyring of scripts/with-keyring (as every keychain suite does).
        QPointer<GenerateRootDialog> dialog = openDialog();
        QVERIFY(dialog);
        completeCeremony(dialog, {0, 1, 4});
        RootTokenPanel* panel = dialog->tokenPanel();
        const QByteArray token = revealToken(dialog);
        // Copy goes through the app's careful clipboard (cleared later, only if still ours).
        QTest::mouseClick(panel->copyButton(), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text().toLatin1(), token);
        QVERIFY(m_window->clipboard()->holdsOurCopy());
        QVERIFY(m_window->clipboard()->secondsLeft() > 0);
        m_window->clipboard()->clearIfOurs();
        QVERIFY(QGuiApplication::clipboard()->text().isEmpty());
        QVERIFY(!panel->storeButton()->isEnabled());
        panel->keepBox()->click();
        QVERIFY(panel->isKept());
        QVERIFY(panel->countdownLabel()->text().contains(QStringLiteral("Kept")));
        QVERIFY(panel->storeButton()->isEnabled());
        QTest::mouseClick(panel->storeButton(), Qt::LeftButton);
        WAIT_VERIFY2(panel->isStored(), qPrintable(panel->messageLabel()->text()), 15000);
        const QString name = panel->keychainName();
        QVERIFY2(name.startsWith(QStringLiteral("vault-root-token:raft:")), qPrintable(name));
        QVERIFY(panel->messageLabel()->text().contains(name));

        dialog->reject();
        WAIT_VERIFY(!dialog || !dialog->isVisible(), 5000);
        QCOMPARE(lookupStatus(token), 200); // kept: not revoked
        auto stored = await(m_workspace->credentials()->read(name));
        QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : stored.error().message()));
        QCOMPARE(bytesOf(stored.value()), token);

        // Tidy up as the operator would when the work is done.
        VaultSession kept(endpoint());
        kept.setToken(std::move(stored.value()));
        QVERIFY(await(kept.revokeSelf()).ok());
        QVERIFY(await(m_workspace->credentials()->remove(name)).ok());
    }

    void anAttemptStartedElsewhereIsShownAndCanBeCancelled() {
        auto elsewhere = await(m_adminOperator->startGenerateRoot());
        QVERIFY(elsewhere.ok());
        QVERIFY(await(m_adminOperator->updateGenerateRoot(m_init.keys[2], elsewhere->nonce)).ok());
        QPointer<GenerateRootDialog> dialog = openDialog();
        QVERIFY(dialog);
        QVERIFY2(dialog->attemptLabel()->text().contains(QStringLiteral("started elsewhere")),
                 qPrintable(dialog->attemptLabel()->text()));
        QCOMPARE(dialog->nonceLabel()->text(), elsewhere->nonce);
        QCOMPARE(dialog->progressBar()->value(), 1);
        QVERIFY(!dialog->startButton()->isEnabled());
        QVERIFY(!dialog->shareField()->isEnabled());

        QTest::mouseClick(dialog->cancelAttemptButton(), Qt::LeftButton);
        auto* confirm = waitForTopLevel<QMessageBox>();
        QVERIFY(confirm);
        QVERIFY(confirm->text().contains(elsewhere->nonce));
        QPushButton* yes = nullptr;
        for (QAbstractButton* button : confirm->buttons()) {
            if (button->text() == QStringLiteral("Cancel attempt")) {
                yes = qobject_cast<QPushButton*>(button);
            }
        }
        QVERIFY(yes);
        QTest::mouseClick(yes, Qt::LeftButton);
        WAIT_VERIFY(dialog->startButton()->isEnabled(), 10000);
        QVERIFY(!serverAttempt().started);
        QVERIFY(dialog->messageLabel()->text().contains(QStringLiteral("cancelled")));
        QVERIFY(!dialog->messageLabel()->text().contains(QStringLiteral("changed")));
        dialog->reject();
        WAIT_VERIFY(!dialog || !dialog->isVisible(), 5000);
    }

    void closingAnUnfinishedAttemptCancelsIt() {
        QPointer<GenerateRootDialog> dialog = openDialog();
        QVERIFY(dialog);
        startAttempt(dialog);
        giveShares(dialog, {4});
        QVERIFY(serverAttempt().started);
        dialog->reject();
        WAIT_VERIFY(!dialog || !dialog->isVisible(), 10000);
        QVERIFY(!serverAttempt().started); // its one-time password died with the window
    }

    void stepsAreAuditedWithoutSecrets() {
        QList<AuditEntry> written;
        const auto cancels = [](const AuditEntry& e) {
            return e.action == QLatin1String("generate-root") &&
                   e.detail.startsWith(QLatin1String("cancel: "));
        };
        WAIT_VERIFY(([&] {
                        auto entries = await(m_workspace->auditLog()->recent(0));
                        written = entries.ok() ? entries.value() : QList<AuditEntry>();
                        return std::count_if(written.begin(), written.end(), cancels) >= 2;
                    }()),
                    10000);
        QByteArray all;
        QStringList steps; // "action|first word of the detail"
        for (const AuditEntry& entry : written) {
            if (entry.action == QLatin1String("generate-root") ||
                entry.action == QLatin1String("root-token")) {
                QCOMPARE(entry.connection, m_id);
                steps << entry.action + QLatin1Char('|') +
                             entry.detail.section(QLatin1Char(' '), 0, 0);
            }
            all += entry.toJsonLine();
        }
        for (const auto* step :
             {"generate-root|start:", "generate-root|share:", "generate-root|share",
              "generate-root|cancel:", "generate-root|complete:", "root-token|revoked",
              "root-token|kept"}) {
            QVERIFY2(steps.contains(QLatin1String(step)), step);
        }
        QVERIFY(all.contains("progress 2 of 3"));
        QVERIFY(all.contains("share refused at 0 of 3"));
        QVERIFY(all.contains("revoked by the operator"));
        QVERIFY(all.contains("revoked when the window closed"));
        QVERIFY(all.contains("revoked when the countdown ended"));
        QVERIFY(all.contains("the window was closed"));
        QVERIFY(all.contains("kept in the keychain as vault-root-token:raft:"));
        QCOMPARE(m_generated.size(), 4);
        for (const QByteArray& token : m_generated) {
            QVERIFY2(!all.contains(token), "a generated root token reached the audit log");
            QVERIFY(!all.contains(token.mid(2))); // without its "s." prefix either
        }
        for (const SecretBytes& share : m_init.keys) {
            QVERIFY(!all.contains(bytesOf(share)));
        }
        QVERIFY(!all.contains(bytesOf(m_init.rootToken)));
    }

    void noSecretInAnyFileOrTheLog() {
        const QByteArray files = m_home->allFileContents();
        QVERIFY(!files.isEmpty());
        for (const QByteArray* where :
             std::initializer_list<const QByteArray*>{&files, &g_logOutput}) {
            for (const SecretBytes& share : m_init.keys) {
                QVERIFY(!where->contains(bytesOf(share)));
            }
            for (const SecretBytes& share : m_init.keysBase64) {
                QVERIFY(!where->contains(bytesOf(share)));
            }
            QVERIFY(!where->contains(bytesOf(m_init.rootToken)));
            for (const QByteArray& token : m_generated) {
                QVERIFY2(!where->contains(token.mid(2)), "a generated root token was written");
            }
        }
    }
};

QTEST_MAIN(TestVaultGenerateRootUi)
#include "test_vault_generate_root_ui.moc"
