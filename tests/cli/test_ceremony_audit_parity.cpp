// The window and strongroom-cli write the same audit line for the same ceremony step on the same
// node: both drive the app/vault ceremonies. Against a real OpenBao raft server, the window seals
// the connection, gives one unseal share and resets the attempt through its Operator menu; the
// CLI (with --connection naming the same connection) resets, gives one share, and later seals.
// Each pair of lines must agree on action, connection, versions and detail.
#include "AppSettings.h"
#include "AuditActions.h"
#include "AuditEntry.h"
#include "AuditLog.h"
#include "Await.h"
#include "CliHarness.h"
#include "Connection.h"
#include "IsolatedHome.h"
#include "MainWindow.h"
#include "OpenBaoRaftServer.h"
#include "TypedConfirmationDialog.h"
#include "UiWait.h"
#include "UnsealDialog.h"
#include "VaultConnections.h"
#include "VaultConnectionSpec.h"
#include "VaultConnector.h"
#include "VaultOperator.h"
#include "VaultSession.h"
#include "Workspace.h"

#include <QFile>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QTest>

using namespace strongroom;
using namespace strongroom::testing;

namespace {

const QString kId = QStringLiteral("parity");

// What must be the same whichever front end took the step.
QString facts(const AuditEntry& entry) {
    return QStringList({entry.action, entry.connection, entry.versions.join(QLatin1Char(',')),
                        entry.result, entry.detail})
        .join(QLatin1Char('|'));
}

QString text(const SecretBytes& bytes) {
    return bytes.toDisplayString();
}

} // namespace

class TestCeremonyAuditParity : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<IsolatedHome> m_home;
    CliHarness m_cli;
    OpenBaoRaftServer m_server;
    std::unique_ptr<VaultSession> m_admin;
    std::unique_ptr<VaultOperator> m_adminOperator;
    VaultInitResult m_init;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<MainWindow> m_window;

    QStringList on(QStringList words) const {
        words << QStringLiteral("--connection") << kId << QStringLiteral("--address")
              << m_server.address().toString();
        return words;
    }
    QByteArray line(const SecretBytes& secret) const {
        return QByteArray(secret.data(), qsizetype(secret.size())) + '\n';
    }
    bool serverSealed() {
        auto status = await(m_adminOperator->sealStatus());
        return status.ok() && status->sealed;
    }
    // The ceremony lines (seal, unseal, unseal-reset) of each log, in order.
    static bool isCeremony(const AuditEntry& entry) {
        return entry.action == actions::seal() || entry.action == actions::unseal() ||
               entry.action == actions::unsealReset();
    }
    QStringList windowLines() {
        auto entries = await(m_workspace->auditLog()->recent(0));
        QStringList lines;
        for (const AuditEntry& entry : entries.ok() ? entries.value() : QList<AuditEntry>()) {
            if (isCeremony(entry)) {
                lines << facts(entry);
            }
        }
        return lines;
    }
    QStringList cliLines() const {
        QFile file(m_cli.auditFile());
        QStringList lines;
        if (!file.open(QIODevice::ReadOnly)) {
            return lines;
        }
        for (const QByteArray& raw : file.readAll().split('\n')) {
            const auto entry = AuditEntry::fromJsonLine(raw);
            if (entry && isCeremony(*entry)) {
                lines << facts(*entry);
            }
        }
        return lines;
    }
    QMenu* operatorMenu() { return m_window->connectionMenu(kId, QString()); }

private Q_SLOTS:
    void initTestCase() {
        m_home = std::make_unique<IsolatedHome>();
        QVERIFY2(m_server.start(), qPrintable(m_server.lastError()));
        VaultEndpoint endpoint;
        endpoint.address = m_server.address();
        m_admin = std::make_unique<VaultSession>(endpoint);
        m_adminOperator = std::make_unique<VaultOperator>(m_admin.get());
        auto init = await(m_adminOperator->init({5, 3, {}, {}}));
        QVERIFY(init.ok());
        m_init = std::move(init.value());
        for (std::size_t i = 0; i < 3; ++i) {
            QVERIFY(await(m_adminOperator->unseal(m_init.keys[i])).ok());
        }
        QVERIFY2(m_server.waitUntilActive(), qPrintable(m_server.lastError()));

        m_workspace = std::make_unique<Workspace>();
        m_workspace->settings()->setIdleLockMinutes(0);
        m_window = std::make_unique<MainWindow>(m_workspace.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        VaultConnectionSpec spec;
        spec.id = kId;
        spec.displayName = QStringLiteral("parity-node");
        spec.address = m_server.address().toString();
        VaultCredentials credentials;
        credentials.secret = m_init.rootToken;
        Result<Connection*> added = await(
            m_window->storeUi<VaultConnections>()->connector()->connectNew(spec, credentials));
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message()));
    }

    void unsealAndResetWriteTheSameLinesFromBothFrontEnds() {
        // The window: seal (typed name), then one share and a reset.
        std::unique_ptr<QMenu> menu(operatorMenu());
        findAction(menu.get(), QStringLiteral("Seal…"))->trigger();
        auto* confirm = waitForDialog<TypedConfirmationDialog>();
        QVERIFY(confirm);
        QTest::keyClicks(confirm->nameField(), QStringLiteral("parity-node"));
        QTest::mouseClick(confirm->confirmButton(), Qt::LeftButton);
        WAIT_VERIFY(serverSealed(), 15000);
        menu.reset(operatorMenu());
        findAction(menu.get(), QStringLiteral("Unseal…"))->trigger();
        auto* dialog = waitForDialog<UnsealDialog>();
        QVERIFY(dialog);
        WAIT_VERIFY(dialog->shareField()->isEnabled(), 10000);
        QTest::keyClicks(dialog->shareField(), text(m_init.keys[0]));
        QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
        WAIT_VERIFY(dialog->progressBar()->value() == 1, 10000);
        WAIT_VERIFY(dialog->resetButton()->isEnabled(), 10000);
        QTest::mouseClick(dialog->resetButton(), Qt::LeftButton);
        WAIT_VERIFY(dialog->progressBar()->value() == 0, 10000);
        dialog->reject();
        QStringList window;
        WAIT_VERIFY((window = windowLines()).size() == 3, 10000);

        // The CLI: reset, then the same share.
        const auto run = m_cli.run(on({QStringLiteral("unseal"), QStringLiteral("--reset")}),
                                   line(m_init.keys[0]));
        QVERIFY2(run.outText().contains(QLatin1String("still sealed: 1 of 3")), run.describe());
        const QStringList cli = cliLines();
        QCOMPARE(cli.size(), 2);

        const QString node = m_server.address().toString();
        const QString share = QStringLiteral("unseal|%1||ok|%2: progress 1 of 3").arg(kId, node);
        const QString reset = QStringLiteral("unseal-reset|%1||ok|%2").arg(kId, node);
        QCOMPARE(window[1], share);
        QCOMPARE(window[2], reset);
        QCOMPARE(cli[0], reset);
        QCOMPARE(cli[1], share);
    }

    void sealWritesTheSameLineFromBothFrontEnds() {
        // Unsealed by the CLI (the window's connection follows), then sealed by the CLI.
        auto run = m_cli.run(on({QStringLiteral("unseal")}),
                             line(m_init.keys[2]) + line(m_init.keys[3]) + line(m_init.keys[4]));
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(m_server.waitUntilActive(), qPrintable(m_server.lastError()));
        run = m_cli.run(
            on({QStringLiteral("seal"), QStringLiteral("--token-stdin"), QStringLiteral("--yes")}),
            line(m_init.rootToken));
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY(serverSealed());

        const QStringList cli = cliLines();
        const QStringList window = windowLines();
        QVERIFY(!cli.isEmpty() && !window.isEmpty());
        QCOMPARE(cli.last(), window.first());
        QCOMPARE(window.first(),
                 QStringLiteral("seal|%1||ok|node %2").arg(kId, m_server.address().toString()));
        // Every unseal line of the CLI's run reads as the window's would.
        QCOMPARE(cli.mid(2, 2),
                 QStringList({QStringLiteral("unseal|%1||ok|%2: progress 2 of 3")
                                  .arg(kId, m_server.address().toString()),
                              QStringLiteral("unseal|%1||ok|%2: progress 3 of 3, unsealed")
                                  .arg(kId, m_server.address().toString())}));
    }
};

QTEST_MAIN(TestCeremonyAuditParity)
#include "test_ceremony_audit_parity.moc"
