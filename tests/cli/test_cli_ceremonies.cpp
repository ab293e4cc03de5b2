#include "Await.h"
#include "CliHarness.h"
#include "OpenBaoRaftServer.h"
#include "VaultOperator.h"
#include "VaultSession.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTest>

// strongroom-cli's operator ceremonies against a real OpenBao raft server (production mode): init
// with shares written to 0600 files, unseal from stdin (short input, reset, a malformed share),
// seal with a confirmation rule, generate-root printed or checked-and-revoked, an attempt whose
// input ends is cancelled, HA mode and leader in seal-status, a three-node raft cluster shown
// node by node (--cluster) and sealed whole, and nothing secret in the audit log or any file the
// CLI wrote.
class TestCliCeremonies : public QObject {
    Q_OBJECT

private:
    static constexpr int Usage = 2;
    static constexpr int Unavailable = 7;

    OpenBaoRaftServer m_server;
    CliHarness m_cli;
    QList<QByteArray> m_shares;
    QByteArray m_rootToken;
    QList<QByteArray> m_generated;

    QString address() const { return m_server.address().toString(); }
    QStringList on(std::initializer_list<QString> words) const {
        QStringList out(words);
        out << QStringLiteral("--address") << address();
        return out;
    }
    QByteArray sharesInput(std::initializer_list<int> indexes) const {
        QByteArray input;
        for (const int index : indexes) {
            input += m_shares[index] + '\n';
        }
        return input;
    }
    int lookupStatus(const QByteArray& token) {
        strongroom::VaultEndpoint endpoint;
        endpoint.address = m_server.address();
        strongroom::VaultSession session(endpoint);
        session.setToken(strongroom::SecretBytes(token.constData(), std::size_t(token.size())));
        auto reply = await(
            session.exchange(strongroom::VaultCall::get(QStringLiteral("auth/token/lookup-self"))));
        return reply ? reply->status : 0;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.lastError())); }

    void sealStatusOfAFreshNode() {
        const auto run = m_cli.run(on({QStringLiteral("seal-status")}));
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(run.outText().contains(QLatin1String("not initialized")), run.describe());
        QVERIFY(run.outText().contains(QLatin1String("raft")));
    }

    void initRefusesABadThresholdBeforeTouchingTheServer() {
        const auto run =
            m_cli.run(on({QStringLiteral("init"), QStringLiteral("--shares"), QStringLiteral("3"),
                          QStringLiteral("--threshold"), QStringLiteral("4")}));
        QCOMPARE(run.exitCode, Usage);
        QCOMPARE(m_server.probe(QStringLiteral("sys/health")), 501); // still uninitialized
    }

    void initWritesEachShareToItsOwnPrivateFile() {
        const auto dir = m_cli.home() + QStringLiteral("/shares");
        const auto run = m_cli.run(on({QStringLiteral("init"), QStringLiteral("--shares"),
                                       QStringLiteral("5"), QStringLiteral("--threshold"),
                                       QStringLiteral("3"), QStringLiteral("--share-dir"), dir}));
        QVERIFY2(run.exitCode == 0, run.describe());
        for (int i = 1; i <= 5; ++i) {
            QFile file(QDir(dir).filePath(QStringLiteral("share-%1").arg(i)));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                           QFileDevice::WriteGroup | QFileDevice::WriteOther),
                     QFileDevice::Permissions());
            const auto share = file.readAll().trimmed();
            QVERIFY(share.size() >= 32);
            QVERIFY2(!run.out.contains(share), "a share written to a file was printed too");
            m_shares << share;
        }
        const auto lines = run.outLines();
        QCOMPARE(lines.size(), 1);
        QVERIFY(lines.first().startsWith(QLatin1String("root token: ")));
        m_rootToken = lines.first().mid(12).toLatin1();
        QVERIFY(!m_rootToken.isEmpty());

        // A second init into the same directory is refused before anything happens.
        const auto again =
            m_cli.run(on({QStringLiteral("init"), QStringLiteral("--share-dir"), dir}));
        QCOMPARE(again.exitCode, Usage);
    }

    void unsealFromStdinWithShortInputAndAReset() {
        auto run = m_cli.run(on({QStringLiteral("unseal")}), sharesInput({0, 1}));
        QVERIFY2(run.exitCode == Unavailable, run.describe());
        QVERIFY2(run.outText().contains(QLatin1String("still sealed: 2 of 3")), run.describe());

        run =
            m_cli.run(on({QStringLiteral("unseal"), QStringLiteral("--reset")}), sharesInput({2}));
        QVERIFY2(run.exitCode == Unavailable, run.describe());
        QVERIFY2(run.outText().contains(QLatin1String("still sealed: 1 of 3")), run.describe());

        run = m_cli.run(on({QStringLiteral("unseal")}), QByteArray("abcd\n"));
        QVERIFY2(run.exitCode != 0, run.describe());
        QVERIFY2(run.errText().contains(QLatin1String("invalid key")), run.describe());
        const auto status = m_cli.run(on({QStringLiteral("seal-status")}));
        QVERIFY2(status.outText().contains(QLatin1String("sealed, 1 of 3")), status.describe());

        run = m_cli.run(on({QStringLiteral("unseal")}), sharesInput({3, 4}));
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(run.outText().contains(QLatin1String("is unsealed")), run.describe());
        QVERIFY2(m_server.waitUntilActive(), qPrintable(m_server.lastError()));
    }

    void sealStatusShowsHaModeAndLeader() {
        const auto run = m_cli.run(on({QStringLiteral("seal-status")}));
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(run.outText().contains(QLatin1String("ha:          enabled, this node is active")),
                 run.describe());
        QVERIFY2(run.outText().contains(QStringLiteral("leader:      %1").arg(address())),
                 run.describe());
    }

    void aClusterIsShownNodeByNodeAndSealedWhole() {
        using namespace strongroom;
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
        auto init = await(operators[0]->init({1, 1, {}, {}}));
        QVERIFY(init.ok());
        const SecretBytes share = init->keys[0];
        const QByteArray token(init->rootToken.data(), qsizetype(init->rootToken.size()));
        QVERIFY(await(operators[0]->unseal(share)).ok());
        QElapsedTimer clock;
        clock.start();
        for (std::size_t n = 1; n < 3; ++n) {
            for (;;) {
                auto status = await(operators[n]->sealStatus());
                if (status.ok() && status->initialized) {
                    break;
                }
                QVERIFY2(clock.elapsed() < 60000, "the followers did not join");
                QTest::qWait(200);
            }
            QVERIFY(await(operators[n]->unseal(share)).ok());
        }
        const QString first = nodes[0]->address().toString();
        const QString second = nodes[1]->address().toString();
        const QString third = nodes[2]->address().toString();
        auto onFirst = [&](QStringList words) {
            words << QStringLiteral("--address") << first;
            return words;
        };
        // Every node answers, one active and two standbys, all three listed by ha-status.
        CliRun run;
        clock.restart();
        for (;;) {
            run = m_cli.run(onFirst({QStringLiteral("seal-status"), QStringLiteral("--cluster"),
                                     QStringLiteral("--token-stdin")}),
                            token + '\n');
            QVERIFY2(run.exitCode == 0, run.describe());
            if (run.outText().count(QLatin1String("ha-status]")) == 3 &&
                run.outText().count(QLatin1String("  standby  unsealed")) == 2) {
                break;
            }
            QVERIFY2(clock.elapsed() < 30000, run.describe());
            QTest::qWait(300);
        }
        QCOMPARE(run.outText().count(QLatin1String("  active  unsealed  2.7.2")), 1);
        for (const auto& address : {first, second, third}) {
            QVERIFY2(run.outText().contains(QStringLiteral("node %1  ").arg(address)),
                     run.describe());
        }

        // Without a token only the given nodes are known, and the output says why.
        run = m_cli.run(onFirst({QStringLiteral("seal-status"), QStringLiteral("--cluster"),
                                 QStringLiteral("--node"), third}));
        QVERIFY2(run.exitCode == 0, run.describe());
        int nodeLines = 0;
        for (const auto& line : run.outText().split(QLatin1Char('\n'))) {
            nodeLines += line.startsWith(QLatin1String("node ")) ? 1 : 0;
        }
        QCOMPARE(nodeLines, 2);
        QVERIFY2(run.errText().contains(QLatin1String("needs a token")), run.describe());

        // seal --cluster: every node, each reported; the cluster then answers sealed everywhere.
        run = m_cli.run(onFirst({QStringLiteral("seal"), QStringLiteral("--cluster"),
                                 QStringLiteral("--token-stdin"), QStringLiteral("--yes")}),
                        token + '\n');
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(run.outText().count(QLatin1String(" is sealed")), 3);
        for (const auto& node : nodes) {
            QCOMPARE(node->probe(QStringLiteral("sys/health")), 503);
        }
        run =
            m_cli.run(onFirst({QStringLiteral("seal-status"), QStringLiteral("--cluster"),
                               QStringLiteral("--node"), second, QStringLiteral("--node"), third}));
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(run.outText().count(QLatin1String("sealed, 0 of 1 shares given")), 4);
        QVERIFY2(run.outText().contains(QLatin1String("ha:          unknown (sealed)")),
                 run.describe());
    }

    void sealNeedsATokenAndAConfirmation() {
        auto run = m_cli.run(on({QStringLiteral("seal"), QStringLiteral("--token-stdin")}),
                             m_rootToken + '\n');
        QVERIFY2(run.exitCode == Usage, run.describe()); // no terminal and no --yes
        run = m_cli.run(on({QStringLiteral("seal"), QStringLiteral("--yes")}));
        QVERIFY2(run.exitCode == Usage, run.describe()); // no token
        QCOMPARE(m_server.probe(QStringLiteral("sys/health")), 200);

        run = m_cli.run(
            on({QStringLiteral("seal"), QStringLiteral("--token-stdin"), QStringLiteral("--yes")}),
            m_rootToken + '\n');
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(m_server.probe(QStringLiteral("sys/health")), 503);

        run = m_cli.run(on({QStringLiteral("unseal")}), sharesInput({4, 0, 2}));
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(m_server.waitUntilActive(), qPrintable(m_server.lastError()));
    }

    void generateRootPrintsATokenThatWorks() {
        const auto run =
            m_cli.run(on({QStringLiteral("generate-root"), QStringLiteral("--print-token")}),
                      sharesInput({1, 3, 4}));
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(run.errText().contains(QLatin1String("sys/generate-root")), run.describe());
        const auto lines = run.outLines();
        QCOMPARE(lines.size(), 1);
        const auto token = lines.first().toLatin1();
        QVERIFY(token != m_rootToken);
        QCOMPARE(lookupStatus(token), 200);
        m_generated << token;
    }

    void generateRootRevokeChecksAndRevokes() {
        const auto run =
            m_cli.run(on({QStringLiteral("generate-root"), QStringLiteral("--revoke")}),
                      sharesInput({0, 1, 2}));
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(run.outText().contains(QLatin1String("is revoked")), run.describe());
        QVERIFY2(!run.outText().contains(QLatin1String("s.")), run.describe());
    }

    void generateRootWithTooFewSharesIsCancelled() {
        const auto run = m_cli.run(
            on({QStringLiteral("generate-root"), QStringLiteral("--revoke")}), sharesInput({0}));
        QVERIFY2(run.exitCode != 0, run.describe());
        QVERIFY2(run.errText().contains(QLatin1String("cancelled")), run.describe());
        const auto again =
            m_cli.run(on({QStringLiteral("generate-root"), QStringLiteral("--revoke")}),
                      sharesInput({2, 3, 4}));
        QVERIFY2(again.exitCode == 0, again.describe()); // nothing was left running
    }

    void generateRootKeepsTheTokenInTheKeychainWhereSealFindsIt() {
        // Needs the keyring of scripts/with-keyring (as every keychain suite does).
        auto run = m_cli.run(on({QStringLiteral("generate-root"), QStringLiteral("--keychain-name"),
                                 QStringLiteral("vault-token:ops")}),
                             sharesInput({0, 2, 4}));
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(run.outText().contains(QLatin1String("kept in the keychain as vault-token:ops")),
                 run.describe());
        QVERIFY2(!run.outText().contains(QLatin1String("s.")), run.describe());

        // The kept token is what `seal --connection ops` signs in with.
        run = m_cli.run(on({QStringLiteral("seal"), QStringLiteral("--connection"),
                            QStringLiteral("ops"), QStringLiteral("--yes")}));
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(m_server.probe(QStringLiteral("sys/health")), 503);
        run = m_cli.run(on({QStringLiteral("unseal")}), sharesInput({1, 2, 3}));
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(m_server.waitUntilActive(), qPrintable(m_server.lastError()));
    }

    void nothingSecretInTheAuditLogOrFiles() {
        QFile audit(m_cli.auditFile());
        QVERIFY(audit.open(QIODevice::ReadOnly));
        const auto log = audit.readAll();
        // The words of the action vocabulary, the same the window writes for these steps.
        for (const auto* action : {"init", "init-handout", "init-root-token", "unseal",
                                   "unseal-reset", "seal", "generate-root", "root-token"}) {
            QVERIFY2(log.contains(QByteArray("\"action\":\"") + action + '"'), action);
        }
        QVERIFY2(!log.contains("\"action\":\"vault-"), "an action outside the vocabulary");
        QVERIFY(log.contains("5 shares, threshold 3"));
        QVERIFY(log.contains("5 of 5 shares handed out"));
        QVERIFY(log.contains("checked and revoked (sys/generate-root)"));
        QVERIFY(log.contains("the shares ended after 1"));
        QVERIFY(log.contains("kept in the keychain as vault-token:ops"));
        // The share files are the operator's own choice; everything else must be clean.
        QByteArray rest;
        QDir home(m_cli.home());
        for (const auto& info : home.entryInfoList(QDir::Files | QDir::Hidden)) {
            QFile file(info.absoluteFilePath());
            if (file.open(QIODevice::ReadOnly)) {
                rest += file.readAll();
            }
        }
        QVERIFY(!rest.isEmpty());
        for (const auto& share : m_shares) {
            QVERIFY2(!rest.contains(share), "a share reached a file");
        }
        QVERIFY2(!rest.contains(m_rootToken), "the root token reached a file");
        for (const auto& token : m_generated) {
            QVERIFY2(!rest.contains(token), "a generated root token reached a file");
        }
    }
};

QTEST_GUILESS_MAIN(TestCliCeremonies)
#include "test_cli_ceremonies.moc"
