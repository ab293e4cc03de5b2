#include "CliHarness.h"
#include "OpenBaoServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// The generic verbs on the two stores that have no bin and do not rotate: the local store and a
// real OpenBao server. delete-secret removes a secret at once, but only after its path is typed
// again; everything they cannot do (a recovery window, the bin, restore, purge, rotation) is one
// line naming the store and what it cannot do, exit code 1, with nothing sent: the secret is
// still there and the audit log has no entry for it.
class TestCliVerbsNoBin : public QObject {
    Q_OBJECT

private:
    static constexpr int Failure = 1;
    static constexpr int Usage = 2;
    static constexpr int NotFound = 3;

    OpenBaoServer m_server;
    const QByteArray m_password = QByteArrayLiteral("verbs-pass");

    // A local store with the keychain key, or a saved OpenBao connection; later runs use it.
    static void makeLocalStore(CliHarness& cli) {
        const CliRun init = cli.run({QStringLiteral("store"), QStringLiteral("init")});
        QVERIFY2(init.exitCode == 0, init.describe());
    }
    void connectOpenBao(CliHarness& cli) const {
        const CliRun connected = cli.run(
            {QStringLiteral("vault"), QStringLiteral("connect"), QStringLiteral("dev"),
             QStringLiteral("--address"), m_server.address().toString(), QStringLiteral("--auth"),
             QStringLiteral("userpass"), QStringLiteral("--username"), QStringLiteral("bob")},
            m_password + '\n');
        QVERIFY2(connected.exitCode == 0, connected.describe());
        cli.setCommonArguments({QStringLiteral("--connection"), QStringLiteral("dev")});
    }

    static void put(CliHarness& cli, const QString& path) {
        const CliRun put = cli.run({QStringLiteral("put"), path, QStringLiteral("k=v")});
        QVERIFY2(put.exitCode == 0, put.describe());
    }
    static bool readable(CliHarness& cli, const QString& path) {
        const CliRun got = cli.run({QStringLiteral("get"), path, QStringLiteral("k")});
        return got.exitCode == 0 && got.out.trimmed() == "v";
    }
    // One line naming the store and the missing capability, exit code 1, stdout empty.
    static void expectRefused(const CliRun& run, const QString& store, const QString& cannot) {
        QVERIFY2(run.exitCode == Failure, run.describe());
        QVERIFY2(run.out.isEmpty(), run.describe());
        const QString err = run.errText().trimmed();
        QVERIFY2(err.startsWith(QStringLiteral("strongroom-cli: ")), run.describe());
        QVERIFY2(err.count(QLatin1Char('\n')) == 0, run.describe());
        QVERIFY2(err.contains(store + QStringLiteral(" cannot ") + cannot), run.describe());
        QVERIFY2(err.contains(QStringLiteral("nothing was sent")), run.describe());
    }

    // The whole check, on whichever store `cli` is set up for; `store` is its display name.
    static void refusesWhatItCannotAndDeletesAtOnce(CliHarness& cli, const QString& store,
                                                    const QString& path) {
        put(cli, path);
        expectRefused(cli.run({QStringLiteral("delete-secret"), path,
                               QStringLiteral("--recovery-days"), QStringLiteral("7")}),
                      store, QStringLiteral("delete with a recovery window"));
        expectRefused(cli.run({QStringLiteral("deleted")}), store,
                      QStringLiteral("list deleted secrets"));
        expectRefused(cli.run({QStringLiteral("restore"), path}), store,
                      QStringLiteral("restore deleted secrets"));
        expectRefused(cli.run({QStringLiteral("purge"), path, QStringLiteral("--confirm"), path}),
                      store, QStringLiteral("purge secrets"));
        expectRefused(cli.run({QStringLiteral("rotation"), path}), store,
                      QStringLiteral("describe rotation"));
        expectRefused(cli.run({QStringLiteral("rotation"), path, QStringLiteral("--set"),
                               QStringLiteral("period=30")}),
                      store, QStringLiteral("configure rotation"));
        expectRefused(cli.run({QStringLiteral("rotation"), path, QStringLiteral("--off")}), store,
                      QStringLiteral("configure rotation"));
        expectRefused(cli.run({QStringLiteral("rotation"), path, QStringLiteral("--clear-stuck")}),
                      store, QStringLiteral("clear a stuck rotation"));
        expectRefused(cli.run({QStringLiteral("rotate"), path}), store, QStringLiteral("rotate"));
        QVERIFY(readable(cli, path));
        for (const char* action :
             {"delete-secret", "list-deleted", "restore-secret", "purge-secret", "show-rotation",
              "configure-rotation", "disable-rotation", "clear-stuck-rotation", "rotate"}) {
            QVERIFY2(cli.auditEntries(QString::fromLatin1(action)).isEmpty(), action);
        }

        // No bin: removing at once needs the path typed again; a script passes --confirm.
        const CliRun unconfirmed = cli.run({QStringLiteral("delete-secret"), path});
        QVERIFY2(unconfirmed.exitCode == Usage, unconfirmed.describe());
        QVERIFY2(unconfirmed.errText().contains(QStringLiteral("--confirm")),
                 unconfirmed.describe());
        const CliRun mistyped = cli.run({QStringLiteral("delete-secret"), path,
                                         QStringLiteral("--confirm"), path + QStringLiteral("x")});
        QVERIFY2(mistyped.exitCode == Usage, mistyped.describe());
        QVERIFY(readable(cli, path));
        QVERIFY(cli.auditEntries(QStringLiteral("delete-secret")).isEmpty());

        const CliRun deleted =
            cli.run({QStringLiteral("delete-secret"), path, QStringLiteral("--confirm"), path,
                     QStringLiteral("--json")});
        QVERIFY2(deleted.exitCode == 0, deleted.describe());
        const QJsonObject answer = QJsonDocument::fromJson(deleted.out).object();
        QCOMPARE(answer.value(QStringLiteral("recoverable")).toBool(true), false);
        QCOMPARE(answer.value(QStringLiteral("path")).toString(), path);
        const CliRun after = cli.run({QStringLiteral("get"), path});
        QVERIFY2(after.exitCode == NotFound, after.describe());
        const auto deletes = cli.auditEntries(QStringLiteral("delete-secret"));
        QCOMPARE(deletes.size(), 1);
        QCOMPARE(deletes.first().value(QStringLiteral("path")).toString(), path);
        QCOMPARE(deletes.first().value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
        // Deleting what is not there says so before anyone is asked to type its path.
        const CliRun again =
            cli.run({QStringLiteral("delete-secret"), path, QStringLiteral("--confirm"), path});
        QVERIFY2(again.exitCode == NotFound, again.describe());
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_server.start(), qPrintable(m_server.lastError()));
        QVERIFY(m_server.writePolicy(
            QStringLiteral("kv-all"),
            QStringLiteral("path \"secret/*\" { capabilities = [\"create\", \"read\", "
                           "\"update\", \"delete\", \"list\"] }\n"
                           "path \"sys/internal/ui/mounts\" { capabilities = [\"read\"] }\n"
                           "path \"sys/internal/ui/mounts/*\" { capabilities = [\"read\"] }\n")));
        QVERIFY2(m_server.enableUserpass(QStringLiteral("bob"), QString::fromUtf8(m_password),
                                         {QStringLiteral("kv-all")}),
                 qPrintable(m_server.lastError()));
    }

    void localStore() {
        CliHarness cli;
        makeLocalStore(cli);
        refusesWhatItCannotAndDeletesAtOnce(cli, QStringLiteral("Local store"),
                                            QStringLiteral("team/app"));
    }

    void openBao() {
        CliHarness cli;
        connectOpenBao(cli);
        refusesWhatItCannotAndDeletesAtOnce(cli, QStringLiteral("Vault / OpenBao"),
                                            QStringLiteral("secret/verbs/app"));
    }
};

QTEST_GUILESS_MAIN(TestCliVerbsNoBin)
#include "test_cli_verbs_no_bin.moc"
