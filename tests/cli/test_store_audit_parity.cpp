// The window and strongroom-cli write the same audit line for the same generic action on the same
// store: both go through the app/ services (DeletionService), so the words, the connection, the
// path, the versions, the result and the detail agree. Against a real moto server, the window
// deletes a secret into the bin with a 7-day window, restores it, deletes it again and purges
// it, through its Delete secret… and Deleted secrets… dialogs; the CLI, connected to the same
// moto under the same connection id, does the same to a secret of the same name.
#include "AppSettings.h"
#include "AuditActions.h"
#include "AuditEntry.h"
#include "AuditLog.h"
#include "Await.h"
#include "AwsConnections.h"
#include "AwsConnector.h"
#include "CliHarness.h"
#include "DeletedSecretsDialog.h"
#include "DeleteSecretDialog.h"
#include "IsolatedHome.h"
#include "MainWindow.h"
#include "MotoServer.h"
#include "TypedConfirmationDialog.h"
#include "UiWait.h"
#include "Workspace.h"

#include <QJsonArray>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QTest>

using namespace strongroom;
using namespace strongroom::testing;

namespace {

const QString kId = QStringLiteral("parity");
const QString kPath = QStringLiteral("parity/app-db");
// What the window's typed confirmation asks for: the secret's own name.
const QString kName = QStringLiteral("app-db");

bool isDeletion(const QString& action) {
    return action == actions::deleteSecret() || action == actions::restoreSecret() ||
           action == actions::purgeSecret();
}

QString facts(const QString& action, const QString& connection, const QString& path,
              const QStringList& versions, const QString& result, const QString& detail) {
    return QStringList({action, connection, path, versions.join(QLatin1Char(',')), result, detail})
        .join(QLatin1Char('|'));
}

} // namespace

class TestStoreAuditParity : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<IsolatedHome> m_home;
    MotoServer m_moto;
    CliHarness m_cli;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<MainWindow> m_window;

    void create() {
        const auto created =
            m_moto.secretsManager(QStringLiteral("CreateSecret"),
                                  {{QStringLiteral("Name"), kPath},
                                   {QStringLiteral("SecretString"), QStringLiteral("x")}});
        QVERIFY2(created.ok(), qPrintable(created.error()));
    }
    bool inBin() {
        const auto described = m_moto.secretsManager(QStringLiteral("DescribeSecret"),
                                                     {{QStringLiteral("SecretId"), kPath}});
        return described.ok() && described.body.value(QStringLiteral("DeletedDate")).isDouble();
    }
    bool gone() {
        const auto described = m_moto.secretsManager(QStringLiteral("DescribeSecret"),
                                                     {{QStringLiteral("SecretId"), kPath}});
        return !described.ok() && described.raw.contains("ResourceNotFoundException");
    }
    QString status() const { return m_window->statusBar()->currentMessage(); }

    QStringList windowLines() {
        auto entries = await(m_workspace->auditLog()->recent(0));
        QStringList lines;
        for (const AuditEntry& e : entries.ok() ? entries.value() : QList<AuditEntry>()) {
            if (isDeletion(e.action)) {
                lines << facts(e.action, e.connection, e.path, e.versions, e.result, e.detail);
            }
        }
        return lines;
    }
    QStringList cliLines() const {
        QStringList lines;
        for (const QJsonObject& e : m_cli.auditEntries()) {
            const QString action = e.value(QStringLiteral("action")).toString();
            if (!isDeletion(action)) {
                continue;
            }
            QStringList versions;
            for (const auto& version : e.value(QStringLiteral("versions")).toArray()) {
                versions << version.toString();
            }
            lines << facts(action, e.value(QStringLiteral("connection")).toString(),
                           e.value(QStringLiteral("path")).toString(), versions,
                           e.value(QStringLiteral("result")).toString(),
                           e.value(QStringLiteral("detail")).toString());
        }
        return lines;
    }

    // The window's Delete secret… on kPath, with a 7-day window or without recovery.
    void deleteInWindow(bool forGood) {
        std::unique_ptr<QMenu> menu(m_window->connectionMenu(kId, kPath));
        QAction* remove = findAction(menu.get(), QStringLiteral("Delete secret…"));
        QVERIFY(remove);
        remove->trigger();
        auto* choice = waitForDialog<DeleteSecretDialog>();
        QVERIFY(choice);
        if (forGood) {
            choice->forceChoice()->setChecked(true);
        } else {
            choice->recoveryDaysField()->setValue(7);
        }
        QTest::mouseClick(choice->continueButton(), Qt::LeftButton);
        auto* confirm = waitForDialog<TypedConfirmationDialog>();
        QVERIFY(confirm);
        QTest::keyClicks(confirm->nameField(), kName);
        QTest::mouseClick(confirm->confirmButton(), Qt::LeftButton);
    }

    DeletedSecretsDialog* openBin() {
        std::unique_ptr<QMenu> menu(m_window->connectionMenu(kId, QString()));
        QAction* bin = findAction(menu.get(), QStringLiteral("Deleted secrets…"));
        if (!bin) {
            return nullptr;
        }
        bin->trigger();
        return waitForDialog<DeletedSecretsDialog>();
    }

private Q_SLOTS:
    void initTestCase() {
        m_home = std::make_unique<IsolatedHome>();
        QVERIFY2(m_moto.start(), qPrintable(m_moto.lastError()));

        m_workspace = std::make_unique<Workspace>();
        m_workspace->settings()->setIdleLockMinutes(0);
        m_window = std::make_unique<MainWindow>(m_workspace.get());
        auto* aws = m_window->storeUi<AwsConnections>();
        aws->connector()->setCredentialSources(QProcessEnvironment(), m_home->path());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        AwsConnectionSpec spec;
        spec.id = kId;
        spec.displayName = QStringLiteral("Parity");
        spec.region = QString::fromLatin1(MotoServer::region());
        spec.endpointUrl = m_moto.address().toString();
        AwsSignIn signIn;
        signIn.keys.accessKeyId = MotoServer::accessKeyId();
        signIn.keys.secretAccessKey =
            SecretBytes::fromUtf8(QString::fromLatin1(MotoServer::secretAccessKey()));
        auto added = await(aws->connector()->connectNew(spec, std::move(signIn)));
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message()));

        m_cli.setEnv(QStringLiteral("HOME"), m_cli.home());
        for (const char* name : {"AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                                 "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION"}) {
            m_cli.unsetEnv(QString::fromLatin1(name));
        }
        const CliRun connected =
            m_cli.run({QStringLiteral("aws"), QStringLiteral("connect"), kId,
                       QStringLiteral("--region"), QString::fromLatin1(MotoServer::region()),
                       QStringLiteral("--endpoint"), m_moto.address().toString(),
                       QStringLiteral("--access-key-id"), MotoServer::accessKeyId()},
                      MotoServer::secretAccessKey() + '\n');
        QVERIFY2(connected.exitCode == 0, connected.describe());
        m_cli.setCommonArguments({QStringLiteral("--connection"), kId});
    }

    void binRoundTripWritesTheSameLines() {
        // The window: into the bin for 7 days, then restored from Deleted secrets….
        create();
        deleteInWindow(false);
        WAIT_VERIFY(inBin(), 20000);
        QPointer<DeletedSecretsDialog> bin = openBin();
        QVERIFY(bin);
        WAIT_VERIFY(bin->paths().contains(kPath), 20000);
        QVERIFY(bin->select(kPath));
        QTest::mouseClick(bin->restoreButton(), Qt::LeftButton);
        QMessageBox* sure = waitForBox(QStringLiteral("Restore %1").arg(kPath));
        QVERIFY(sure);
        QVERIFY(clickBoxButton(sure, QStringLiteral("Restore")));
        WAIT_VERIFY(!inBin() && !bin->isBusy(), 20000);
        bin->close();
        QStringList window;
        WAIT_VERIFY((window = windowLines()).size() == 2, 10000);

        // The CLI: the same two steps on the same secret.
        const CliRun deleted = m_cli.run({QStringLiteral("delete-secret"), kPath,
                                          QStringLiteral("--recovery-days"), QStringLiteral("7")});
        QVERIFY2(deleted.exitCode == 0, deleted.describe());
        QVERIFY(inBin());
        const CliRun restored = m_cli.run({QStringLiteral("restore"), kPath});
        QVERIFY2(restored.exitCode == 0, restored.describe());
        QVERIFY(!inBin());

        QCOMPARE(cliLines(), window);
        QCOMPARE(window.first(),
                 facts(actions::deleteSecret(), kId, kPath, {}, QStringLiteral("ok"),
                       QStringLiteral("recovery window 7 days")));
        QCOMPARE(window.last(),
                 facts(actions::restoreSecret(), kId, kPath, {}, QStringLiteral("ok"), QString()));
    }

    void purgeAndDeleteForGoodWriteTheSameLines() {
        const qsizetype windowBefore = windowLines().size();
        const qsizetype cliBefore = cliLines().size();

        // The window: into the bin, purged from it (typed name); then one deleted for good.
        deleteInWindow(false);
        WAIT_VERIFY(inBin(), 20000);
        QPointer<DeletedSecretsDialog> bin = openBin();
        QVERIFY(bin);
        WAIT_VERIFY(bin->paths().contains(kPath), 20000);
        QVERIFY(bin->select(kPath));
        QTest::mouseClick(bin->purgeButton(), Qt::LeftButton);
        auto* confirm = waitForDialog<TypedConfirmationDialog>();
        QVERIFY(confirm);
        QTest::keyClicks(confirm->nameField(), kName);
        QTest::mouseClick(confirm->confirmButton(), Qt::LeftButton);
        WAIT_VERIFY(gone() && !bin->isBusy(), 20000);
        bin->close();
        create();
        deleteInWindow(true);
        WAIT_VERIFY(gone(), 20000);
        QStringList window;
        WAIT_VERIFY((window = windowLines().mid(windowBefore)).size() == 3, 10000);

        // The CLI: the same three steps.
        create();
        QCOMPARE(m_cli
                     .run({QStringLiteral("delete-secret"), kPath,
                           QStringLiteral("--recovery-days"), QStringLiteral("7")})
                     .exitCode,
                 0);
        const CliRun purged =
            m_cli.run({QStringLiteral("purge"), kPath, QStringLiteral("--confirm"), kPath});
        QVERIFY2(purged.exitCode == 0, purged.describe());
        QVERIFY(gone());
        create();
        const CliRun forced =
            m_cli.run({QStringLiteral("delete-secret"), kPath, QStringLiteral("--force"),
                       QStringLiteral("--confirm"), kPath});
        QVERIFY2(forced.exitCode == 0, forced.describe());
        QVERIFY(gone());

        QCOMPARE(cliLines().mid(cliBefore), window);
        QCOMPARE(window.at(1), facts(actions::purgeSecret(), kId, kPath, {}, QStringLiteral("ok"),
                                     QStringLiteral("from the bin")));
        QCOMPARE(window.at(2), facts(actions::deleteSecret(), kId, kPath, {}, QStringLiteral("ok"),
                                     QStringLiteral("without recovery")));
    }

    void cleanupTestCase() {
        m_window.reset();
        m_workspace.reset();
        m_moto.stop();
    }
};

QTEST_MAIN(TestStoreAuditParity)
#include "test_store_audit_parity.moc"
