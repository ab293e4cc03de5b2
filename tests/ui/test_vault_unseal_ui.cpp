// The seal and unseal ceremonies through the real window against a real OpenBao with raft
// storage (not dev mode): seal from the connection's Operator menu behind the typed name, then
// the unseal dialog end to end — shares one at a time with the field wiped after each, progress
// from the server, a reset in the middle, a wrong share refused with the server's message, a reset
// by another operator explained; the cluster view of a three-node raft cluster (roles, each node's
// seal state, seal one node, seal the whole cluster, the tree showing it sealed) — and afterwards
// no share or token in any file the app wrote.
#include "AppSettings.h"
#include "AuditEntry.h"
#include "AuditLog.h"
#include "Await.h"
#include "ClusterStatusDialog.h"
#include "Connection.h"
#include "IsolatedHome.h"
#include "MainWindow.h"
#include "OpenBaoRaftServer.h"
#include "SealStatusView.h"
#include "TypedConfirmationDialog.h"
#include "UiWait.h"
#include "UnsealCeremony.h"
#include "UnsealDialog.h"
#include "VaultConnections.h"
#include "VaultConnectionSpec.h"
#include "VaultConnector.h"
#include "VaultOperator.h"
#include "VaultSession.h"
#include "Workspace.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QTableWidget>
#include <QTest>
#include <QTreeView>

using namespace strongroom;
using namespace strongroom::testing;

namespace {

QString text(const SecretBytes& bytes) {
    return bytes.toDisplayString();
}

} // namespace

class TestVaultUnsealUi : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<IsolatedHome> m_home;
    OpenBaoRaftServer m_server;
    std::unique_ptr<VaultSession> m_admin; // the test's own view of the server
    std::unique_ptr<VaultOperator> m_adminOperator;
    VaultInitResult m_init;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<MainWindow> m_window;
    QString m_id;

    bool serverSealed() {
        auto status = await(m_adminOperator->sealStatus());
        return status.ok() && status->sealed;
    }

    void typeShare(UnsealDialog* dialog, const SecretBytes& share) {
        QTest::keyClicks(dialog->shareField(), text(share));
        QVERIFY(dialog->submitButton()->isEnabled());
        QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
        // The field is wiped at once, before the server answered.
        QVERIFY(dialog->shareField()->text().isEmpty());
    }

    QMenu* operatorMenu() { return m_window->connectionMenu(m_id, QString()); }

private Q_SLOTS:
    void initTestCase() {
        m_home = std::make_unique<IsolatedHome>();
        QVERIFY2(m_server.start(), qPrintable(m_server.lastError()));
        VaultEndpoint endpoint;
        endpoint.address = m_server.address();
        m_admin = std::make_unique<VaultSession>(endpoint);
        m_adminOperator = std::make_unique<VaultOperator>(m_admin.get());
        VaultInitRequest request;
        request.shares = 5;
        request.threshold = 3;
        auto init = await(m_adminOperator->init(request));
        QVERIFY2(init.ok(), qPrintable(init.ok() ? QString() : init.error().message()));
        m_init = std::move(init.value());
        QCOMPARE(int(m_init.keys.size()), 5);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(await(m_adminOperator->unseal(m_init.keys[std::size_t(i)])).ok());
        }
        QVERIFY(!serverSealed());
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

    void sealNeedsTheConnectionNameTyped() {
        std::unique_ptr<QMenu> menu(operatorMenu());
        QAction* seal = findAction(menu.get(), QStringLiteral("Seal…"));
        QVERIFY(seal && seal->isEnabled());
        seal->trigger();
        auto* confirm = waitForDialog<TypedConfirmationDialog>();
        QVERIFY(confirm);
        QVERIFY(!confirm->confirmButton()->isEnabled());
        QTest::keyClicks(confirm->nameField(), QStringLiteral("raft-node"));
        QVERIFY(confirm->confirmButton()->isEnabled());
        QTest::mouseClick(confirm->confirmButton(), Qt::LeftButton);
        WAIT_VERIFY(serverSealed(), 15000);
        WAIT_VERIFY(m_workspace->connection(m_id)->state() == ConnectionState::Sealed, 15000);
    }

    void unsealDialogTakesSharesOneAtATime() {
        std::unique_ptr<QMenu> menu(operatorMenu());
        QAction* unseal = findAction(menu.get(), QStringLiteral("Unseal…"));
        QVERIFY(unseal && unseal->isEnabled());
        unseal->trigger();
        auto* dialog = waitForDialog<UnsealDialog>();
        QVERIFY(dialog);
        WAIT_VERIFY(dialog->statusView()->stateLabel()->text().startsWith(QStringLiteral("Sealed")),
                    10000);
        QCOMPARE(dialog->shareField()->echoMode(), QLineEdit::Password);

        typeShare(dialog, m_init.keys[0]);
        WAIT_VERIFY(dialog->progressBar()->value() == 1, 10000);
        QCOMPARE(dialog->progressBar()->maximum(), 3);
        typeShare(dialog, m_init.keys[1]);
        WAIT_VERIFY(dialog->progressBar()->value() == 2, 10000);
        QVERIFY(!dialog->statusView()->nonceLabel()->text().isEmpty());
        QTest::qWait(150);
        QVERIFY(dialog->grab().save(QDir(qEnvironmentVariable("STRONGROOM_BINARY_DIR"))
                                        .filePath(QStringLiteral("screenshots/vault-unseal.png"))));

        // Reset in the middle: everyone starts again.
        QTest::mouseClick(dialog->resetButton(), Qt::LeftButton);
        WAIT_VERIFY(dialog->progressBar()->value() == 0, 10000);
        QVERIFY(dialog->messageLabel()->text().contains(QStringLiteral("reset")));

        // A wrong share: the server's message, and the attempt is unchanged.
        QTest::keyClicks(dialog->shareField(), QStringLiteral("not-a-share"));
        QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
        WAIT_VERIFY(dialog->messageLabel()->text().startsWith(QStringLiteral("Share refused")),
                    10000);
        QVERIFY(serverSealed());

        for (std::size_t i = 2; i < 5; ++i) {
            typeShare(dialog, m_init.keys[i]);
            if (i < 4) {
                WAIT_VERIFY(dialog->progressBar()->value() == int(i) - 1, 10000);
            }
        }
        WAIT_VERIFY(dialog->isUnsealed(), 15000);
        QVERIFY(!serverSealed());
        QCOMPARE(dialog->statusView()->stateLabel()->text(), QStringLiteral("Unsealed"));
        QVERIFY(!dialog->submitButton()->isEnabled());
        dialog->reject();
        WAIT_VERIFY(m_workspace->connection(m_id)->state() == ConnectionState::Connected, 20000);
    }

    void aResetByAnotherOperatorIsExplained() {
        QVERIFY(await(m_adminOperator->seal()).ok());
        std::unique_ptr<QMenu> menu(operatorMenu());
        findAction(menu.get(), QStringLiteral("Unseal…"))->trigger();
        auto* dialog = waitForDialog<UnsealDialog>();
        QVERIFY(dialog);
        WAIT_VERIFY(dialog->statusView()->stateLabel()->text().startsWith(QStringLiteral("Sealed")),
                    10000);
        typeShare(dialog, m_init.keys[3]);
        WAIT_VERIFY(dialog->progressBar()->value() == 1, 10000);
        QVERIFY(await(m_adminOperator->resetUnseal()).ok()); // someone else, elsewhere
        WAIT_VERIFY2(dialog->messageLabel()->text().contains(QStringLiteral("someone else")),
                     qPrintable(dialog->messageLabel()->text() + QStringLiteral(" | ") +
                                dialog->statusView()->stateLabel()->text()),
                     UnsealDialog::pollMs * 3);
        QCOMPARE(dialog->progressBar()->value(), 0);
        dialog->reject();
    }

    void oneCeremonyUnsealsEveryNodeOfACluster() {
        QString why;
        auto nodes = OpenBaoRaftServer::startCluster(3, &why);
        QVERIFY2(nodes.size() == 3, qPrintable(why));
        std::vector<std::unique_ptr<VaultSession>> sessions;
        std::vector<std::unique_ptr<VaultOperator>> operators; // the test's own clients
        for (const auto& node : nodes) {
            VaultEndpoint endpoint;
            endpoint.address = node->address();
            sessions.push_back(std::make_unique<VaultSession>(endpoint));
            operators.push_back(std::make_unique<VaultOperator>(sessions.back().get()));
        }
        VaultInitRequest request;
        request.shares = 3;
        request.threshold = 2;
        auto init = await(operators[0]->init(request));
        QVERIFY(init.ok());
        const auto& keys = init->keys;
        // Bring the cluster up once (followers join the leader once it is unsealed)...
        for (int k = 0; k < 2; ++k) {
            QVERIFY(await(operators[0]->unseal(keys[std::size_t(k)])).ok());
        }
        for (std::size_t n = 1; n < 3; ++n) {
            WAIT_VERIFY(([&] {
                            auto status = await(operators[n]->sealStatus());
                            return status.ok() && status->initialized;
                        }()),
                        60000);
            for (int k = 0; k < 2; ++k) {
                QVERIFY(await(operators[n]->unseal(keys[std::size_t(k)])).ok());
            }
        }
        // ...then seal every node, as after a restart of the whole cluster.
        for (std::size_t n = 0; n < 3; ++n) {
            sessions[n]->setToken(init->rootToken);
            WAIT_VERIFY(await(operators[n]->seal()).ok(), 20000);
        }

        VaultEndpoint first;
        first.address = nodes[0]->address();
        auto* ceremony = new UnsealCeremony(first, QStringLiteral("node1"), m_workspace->auditLog(),
                                            QStringLiteral("three"));
        QCOMPARE(ceremony->addNode(nodes[1]->address().toString()), QString());
        QCOMPARE(ceremony->addNode(nodes[2]->address().toString()), QString());
        QCOMPARE(ceremony->addNode(nodes[2]->address().toString()), QString()); // once only
        QVERIFY(!ceremony->addNode(QStringLiteral("ftp://node4")).isEmpty());
        auto* dialog = new UnsealDialog(ceremony, m_window.get());
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
        QCOMPARE(dialog->nodeCount(), 3);
        QVERIFY(dialog->nodesTable()->isVisible());
        WAIT_VERIFY(dialog->nodesTable()->item(2, 1) &&
                        dialog->nodesTable()->item(2, 1)->text() == QStringLiteral("Sealed"),
                    10000);
        typeShare(dialog, keys[0]);
        WAIT_VERIFY(dialog->nodesTable()->item(2, 2) &&
                        dialog->nodesTable()->item(2, 2)->text() == QStringLiteral("1 / 2"),
                    15000);
        QCOMPARE(dialog->nodesTable()->item(1, 2)->text(), QStringLiteral("1 / 2"));
        QTest::qWait(150);
        // All three nodes are in sight at once: the custodians see every node's progress.
        QCOMPARE(dialog->nodesTable()->verticalScrollBar()->maximum(), 0);
        QCOMPARE(dialog->statusView()->leaderLabel()->text(), QStringLiteral("—"));
        QVERIFY(dialog->grab().save(
            QDir(qEnvironmentVariable("STRONGROOM_BINARY_DIR"))
                .filePath(QStringLiteral("screenshots/vault-unseal-cluster.png"))));
        typeShare(dialog, keys[1]);
        WAIT_VERIFY(dialog->isUnsealed(), 20000);
        for (int row = 0; row < 3; ++row) {
            QCOMPARE(dialog->nodesTable()->item(row, 1)->text(), QStringLiteral("Unsealed"));
        }
        for (std::size_t n = 0; n < 3; ++n) {
            auto status = await(operators[n]->sealStatus());
            QVERIFY(status.ok() && !status->sealed);
        }
        QVERIFY(dialog->messageLabel()->text().contains(QStringLiteral("Every node")));
        dialog->reject();
    }

    // What the connections tree shows on the row of `name` ("name" or "name (state)"): its text
    // and tooltip — or the names it shows, when no row has that name.
    QString treeRow(const QString& name) {
        auto* view = m_window->findChild<QTreeView*>();
        if (!view) {
            return QStringLiteral("no tree view");
        }
        QAbstractItemModel* model = view->model();
        QStringList names;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            const QString text = index.data(Qt::DisplayRole).toString();
            names << text;
            if (text == name || text.startsWith(name + QStringLiteral(" ("))) {
                return text + QStringLiteral(" | ") + index.data(Qt::ToolTipRole).toString();
            }
        }
        return QStringLiteral("no row named %1 in: %2").arg(name, names.join(QLatin1Char(',')));
    }

    void theClusterViewShowsEveryNodeAndSealsTheCluster() {
        QString why;
        auto nodes = OpenBaoRaftServer::startCluster(3, &why);
        QVERIFY2(nodes.size() == 3, qPrintable(why));
        std::vector<std::unique_ptr<VaultSession>> sessions;
        std::vector<std::unique_ptr<VaultOperator>> operators;
        for (const auto& node : nodes) {
            VaultEndpoint endpoint;
            endpoint.address = node->address();
            sessions.push_back(std::make_unique<VaultSession>(endpoint));
            operators.push_back(std::make_unique<VaultOperator>(sessions.back().get()));
        }
        VaultInitRequest request;
        request.shares = 1;
        request.threshold = 1;
        auto init = await(operators[0]->init(request));
        QVERIFY(init.ok());
        QVERIFY(await(operators[0]->unseal(init->keys[0])).ok());
        for (std::size_t n = 1; n < 3; ++n) {
            WAIT_VERIFY(([&] {
                            auto status = await(operators[n]->sealStatus());
                            return status.ok() && status->initialized;
                        }()),
                        60000);
            QVERIFY(await(operators[n]->unseal(init->keys[0])).ok());
        }
        VaultConnectionSpec spec;
        spec.id = QStringLiteral("cluster");
        spec.displayName = QStringLiteral("raft-cluster");
        spec.address = nodes[0]->address().toString();
        VaultCredentials credentials;
        credentials.secret = init->rootToken;
        Result<Connection*> added = BackendError(BackendError::Kind::Network);
        for (int attempt = 0; attempt < 40 && !added.ok(); ++attempt) {
            added = await(
                m_window->storeUi<VaultConnections>()->connector()->connectNew(spec, credentials));
            if (!added.ok()) {
                QTest::qWait(250);
            }
        }
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message()));
        const QString healthy = treeRow(QStringLiteral("raft-cluster"));
        QVERIFY2(healthy.startsWith(QStringLiteral("raft-cluster | ")) &&
                     !healthy.contains(QStringLiteral("sealed")),
                 qPrintable(healthy));

        std::unique_ptr<QMenu> menu(m_window->connectionMenu(spec.id, QString()));
        QAction* clusterAction = findAction(menu.get(), QStringLiteral("Cluster…"));
        QVERIFY(clusterAction && clusterAction->isEnabled());
        clusterAction->trigger();
        auto* dialog = waitForDialog<ClusterStatusDialog>();
        QVERIFY(dialog);
        QTableWidget* table = dialog->nodesTable();
        auto cell = [&](int row, int column) {
            const auto* item = table->item(row, column);
            return item ? item->text() : QString();
        };
        auto column = [&](int which) {
            QStringList values;
            for (int row = 0; row < table->rowCount(); ++row) {
                values << cell(row, which);
            }
            return values;
        };
        // Standbys show in ha-status after their first heartbeat: three rows, one active.
        WAIT_VERIFY2(
            table->rowCount() == 3 &&
                column(ClusterStatusDialog::RoleColumn).count(QStringLiteral("Active")) == 1 &&
                column(ClusterStatusDialog::RoleColumn).count(QStringLiteral("Standby")) == 2,
            qPrintable(column(ClusterStatusDialog::RoleColumn).join(QLatin1Char(','))), 30000);
        QCOMPARE(column(ClusterStatusDialog::SealColumn).count(QStringLiteral("Unsealed")), 3);
        QCOMPARE(column(ClusterStatusDialog::VersionColumn).count(QStringLiteral("2.7.2")), 3);
        for (const auto& node : nodes) {
            QVERIFY2(dialog->rowOf(node->address().toString()) >= 0,
                     qPrintable(node->address().toString()));
        }
        QVERIFY(dialog->haLabel()->text().startsWith(QStringLiteral("HA enabled — leader http")));
        QVERIFY(!dialog->sealNodeButton()->isEnabled()); // nothing selected yet
        QVERIFY(dialog->sealClusterButton()->isEnabled());
        QVERIFY(!dialog->unsealButton()->isEnabled()); // nothing is sealed

        // Seal one standby: typed host:port, then that row alone shows sealed.
        int standbyRow = column(ClusterStatusDialog::RoleColumn).indexOf(QStringLiteral("Standby"));
        const QString standby = cell(standbyRow, ClusterStatusDialog::NodeColumn);
        table->selectRow(standbyRow);
        QVERIFY(dialog->sealNodeButton()->isEnabled());
        QTest::mouseClick(dialog->sealNodeButton(), Qt::LeftButton);
        auto* confirm = waitForDialog<TypedConfirmationDialog>();
        QVERIFY(confirm);
        QVERIFY(!confirm->confirmButton()->isEnabled());
        QTest::keyClicks(confirm->nameField(), QUrl(standby).authority());
        QTest::mouseClick(confirm->confirmButton(), Qt::LeftButton);
        WAIT_VERIFY(cell(dialog->rowOf(standby), ClusterStatusDialog::SealColumn)
                        .startsWith(QStringLiteral("Sealed")),
                    15000);
        QCOMPARE(column(ClusterStatusDialog::SealColumn).count(QStringLiteral("Unsealed")), 2);
        QVERIFY(dialog->messageLabel()->text().contains(QStringLiteral("is sealed")));
        QVERIFY(dialog->unsealButton()->isEnabled());
        QTest::qWait(150);
        QVERIFY(
            dialog->grab().save(QDir(qEnvironmentVariable("STRONGROOM_BINARY_DIR"))
                                    .filePath(QStringLiteral("screenshots/vault-cluster.png"))));

        // Seal the cluster: the connection's name typed, then every row sealed and the tree too.
        QTest::mouseClick(dialog->sealClusterButton(), Qt::LeftButton);
        confirm = waitForDialog<TypedConfirmationDialog>();
        QVERIFY(confirm);
        QTest::keyClicks(confirm->nameField(), QStringLiteral("raft-cluster"));
        QTest::mouseClick(confirm->confirmButton(), Qt::LeftButton);
        WAIT_VERIFY2(
            column(ClusterStatusDialog::SealColumn).filter(QStringLiteral("Sealed")).size() == 3,
            qPrintable(column(ClusterStatusDialog::SealColumn).join(QLatin1Char(','))), 20000);
        QVERIFY2(dialog->messageLabel()->text().contains(QStringLiteral("Every node")),
                 qPrintable(dialog->messageLabel()->text()));
        for (const auto& node : nodes) {
            QCOMPARE(node->probe(QStringLiteral("sys/health")), 503);
        }
        WAIT_VERIFY(m_workspace->connection(spec.id)->state() == ConnectionState::Sealed, 15000);
        // The row says so, and its tooltip tells what it means.
        WAIT_VERIFY2(treeRow(QStringLiteral("raft-cluster"))
                             .startsWith(QStringLiteral("raft-cluster (sealed) | ")) &&
                         treeRow(QStringLiteral("raft-cluster"))
                             .contains(QStringLiteral("The server is sealed: nothing can be read")),
                     qPrintable(treeRow(QStringLiteral("raft-cluster"))), 5000);
        QTest::qWait(UnsealDialog::pollMs + 500); // a poll of the sealed cluster keeps 3 rows
        QCOMPARE(table->rowCount(), 3);
        QCOMPARE(column(ClusterStatusDialog::SealColumn).filter(QStringLiteral("Sealed")).size(),
                 3);
        QTest::qWait(150);
        QVERIFY(dialog->grab().save(
            QDir(qEnvironmentVariable("STRONGROOM_BINARY_DIR"))
                .filePath(QStringLiteral("screenshots/vault-cluster-sealed.png"))));

        // Unseal cluster… hands all three nodes to the unseal ceremony.
        QVERIFY(dialog->unsealButton()->isEnabled());
        QTest::mouseClick(dialog->unsealButton(), Qt::LeftButton);
        auto* unseal = waitForDialog<UnsealDialog>();
        QVERIFY(unseal);
        QCOMPARE(unseal->nodeCount(), 3);
        QTest::keyClicks(unseal->shareField(), text(init->keys[0]));
        QTest::mouseClick(unseal->submitButton(), Qt::LeftButton);
        WAIT_VERIFY(column(ClusterStatusDialog::SealColumn).count(QStringLiteral("Unsealed")) == 3,
                    30000);
        WAIT_VERIFY(m_workspace->connection(spec.id)->state() == ConnectionState::Connected, 20000);
        QVERIFY(
            treeRow(QStringLiteral("raft-cluster")).startsWith(QStringLiteral("raft-cluster | ")));
        unseal->reject();
        dialog->reject();
    }

    void stepsAreAuditedWithoutShares() {
        // Appends run on the log's own thread: wait until the last step is written.
        QList<AuditEntry> written;
        WAIT_VERIFY(([&] {
                        auto entries = await(m_workspace->auditLog()->recent(0));
                        written = entries.ok() ? entries.value() : QList<AuditEntry>();
                        return std::any_of(written.begin(), written.end(), [](const AuditEntry& e) {
                            return e.action == QLatin1String("unseal-reset");
                        });
                    }()),
                    10000);
        const auto& entries = written;
        QStringList actions;
        for (const AuditEntry& entry : entries) {
            actions << entry.action;
        }
        QVERIFY(actions.contains(QStringLiteral("seal")));
        QVERIFY(actions.contains(QStringLiteral("unseal")));
        QVERIFY(actions.contains(QStringLiteral("unseal-reset")));
        // The three-node ceremony: one line per node and share, each naming its node.
        for (const auto& entry : entries) {
            if (entry.connection == QLatin1String("three")) {
                QCOMPARE(entry.action, QStringLiteral("unseal"));
                QVERIFY2(entry.detail.contains(QLatin1String(": progress ")),
                         qPrintable(entry.detail));
            }
        }
        QCOMPARE(std::count_if(entries.begin(), entries.end(),
                               [](const auto& e) {
                                   return e.connection == QLatin1String("three") &&
                                          e.detail.endsWith(QLatin1String(", unsealed"));
                               }),
                 3);
        const bool clusterSeal = std::any_of(entries.begin(), entries.end(), [](const auto& e) {
            return e.action == QLatin1String("seal") && e.connection == QLatin1String("cluster") &&
                   e.detail.startsWith(QLatin1String("cluster node http"));
        });
        QVERIFY(clusterSeal);
    }

    void noShareOrTokenInAnyFileTheAppWrote() {
        const QByteArray everything = m_home->allFileContents();
        QVERIFY(!everything.isEmpty());
        for (const SecretBytes& share : m_init.keys) {
            QVERIFY(!everything.contains(QByteArray(share.data(), qsizetype(share.size()))));
        }
        for (const SecretBytes& share : m_init.keysBase64) {
            QVERIFY(!everything.contains(QByteArray(share.data(), qsizetype(share.size()))));
        }
        QVERIFY(!everything.contains(
            QByteArray(m_init.rootToken.data(), qsizetype(m_init.rootToken.size()))));
    }
};

QTEST_MAIN(TestVaultUnsealUi)
#include "test_vault_unseal_ui.moc"
