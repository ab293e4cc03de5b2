// The operator ceremonies against a real OpenBao 2.7.2 in production mode (raft storage, not dev
// mode): init 5/3, unseal share by share, seal, unseal with a reset and with another custodian
// restarting the attempt, a malformed share, generate-root through both endpoint families with a
// token that works and is then revoked, and a three-node raft cluster unsealed in one ceremony,
// its leader and HA status read, then sealed node by node through the cluster view.
#include "Await.h"
#include "OpenBaoRaftServer.h"
#include "VaultClusterStatus.h"
#include "VaultClusterUnseal.h"
#include "VaultOperator.h"
#include "VaultSession.h"

#include <QElapsedTimer>
#include <QTest>

#include <memory>

using namespace strongroom;
using Kind = BackendError::Kind;

// Evaluates `expression` once: QVERIFY2 evaluates its description too, so a step written inside
// it would otherwise run twice.
#define VERIFY_OK(expression)                                                                      \
    do {                                                                                           \
        const auto& verified = (expression);                                                       \
        QVERIFY2(verified.ok(),                                                                    \
                 qPrintable(verified.ok() ? QString() : verified.error().message()));              \
    } while (false)

namespace {

VaultEndpoint endpointFor(const QUrl& address) {
    VaultEndpoint endpoint;
    endpoint.address = address;
    endpoint.http.baseBackoff = std::chrono::milliseconds(1);
    endpoint.http.maxBackoff = std::chrono::milliseconds(10);
    endpoint.http.requestTimeout = std::chrono::seconds(20);
    return endpoint;
}

// A raft node answers 200 on sys/health once it is the active node.
bool waitUntilActive(OpenBaoRaftServer& server, int timeoutMs = 30000) {
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (server.probe(QStringLiteral("sys/health")) == 200) {
            return true;
        }
        QTest::qWait(100);
    }
    return false;
}

} // namespace

class VaultCeremoniesTest : public QObject {
    Q_OBJECT
private:
    OpenBaoRaftServer m_server;
    std::unique_ptr<VaultSession> m_session;
    std::unique_ptr<VaultOperator> m_operator;
    std::vector<SecretBytes> m_shares;
    SecretBytes m_rootToken;

    void unsealWith(VaultOperator& op, std::initializer_list<int> indexes) {
        for (const int index : indexes) {
            auto step = await(op.unseal(m_shares[std::size_t(index)]));
            VERIFY_OK(step);
        }
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_server.start(), qPrintable(m_server.lastError()));
        m_session = std::make_unique<VaultSession>(endpointFor(m_server.address()));
        m_operator = std::make_unique<VaultOperator>(m_session.get());
    }

    void initializesWithFiveSharesAndThresholdThree() {
        auto before = await(m_operator->sealStatus());
        VERIFY_OK(before);
        QVERIFY(!before->initialized);
        QCOMPARE(before->storageType, QStringLiteral("raft"));

        auto refused = await(m_operator->init({3, 5, {}, {}}));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind(), Kind::InvalidInput);

        auto init = await(m_operator->init({5, 3, {}, {}}));
        VERIFY_OK(init);
        QCOMPARE(init->keys.size(), std::size_t(5));
        QCOMPARE(init->keysBase64.size(), std::size_t(5));
        QVERIFY(!init->rootToken.isEmpty());
        m_shares = std::move(init->keys);
        m_rootToken = std::move(init->rootToken);

        auto after = await(m_operator->sealStatus());
        VERIFY_OK(after);
        QVERIFY(after->initialized);
        QVERIFY(after->sealed);
        QCOMPARE(after->threshold, 3);
        QCOMPARE(after->shares, 5);
        QCOMPARE(after->progress, 0);
    }

    void unsealsShareByShare() {
        auto first = await(m_operator->unseal(m_shares[0]));
        VERIFY_OK(first);
        QCOMPARE(first->status.progress, 1);
        QVERIFY(first->status.sealed);
        QVERIFY(!first->status.nonce.isEmpty());
        auto second = await(m_operator->unseal(m_shares[3]));
        VERIFY_OK(second);
        QCOMPARE(second->status.progress, 2);
        QCOMPARE(second->status.nonce, first->status.nonce);
        QVERIFY(!second->attemptRestarted);
        auto third = await(m_operator->unseal(m_shares[4]));
        VERIFY_OK(third);
        QVERIFY(!third->status.sealed);
        QCOMPARE(third->status.progress, 0);
        QVERIFY(waitUntilActive(m_server));
    }

    void sealNeedsATokenAndSeals() {
        auto refused = await(m_operator->seal());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind(), Kind::Unauthenticated);
        auto status = await(m_operator->sealStatus());
        VERIFY_OK(status);
        QVERIFY(!status->sealed);

        m_session->setToken(m_rootToken);
        auto sealed = await(m_operator->seal());
        VERIFY_OK(sealed);
        auto after = await(m_operator->sealStatus());
        VERIFY_OK(after);
        QVERIFY(after->sealed);
        QCOMPARE(after->progress, 0);
    }

    void aResetInTheMiddleStartsOver() {
        auto first = await(m_operator->unseal(m_shares[1]));
        VERIFY_OK(first);
        QCOMPARE(first->status.progress, 1);
        auto reset = await(m_operator->resetUnseal());
        VERIFY_OK(reset);
        QCOMPARE(reset->progress, 0);
        QVERIFY(reset->sealed);
        auto status = await(m_operator->sealStatus());
        VERIFY_OK(status);
        QCOMPARE(status->progress, 0);
    }

    void anotherCustodiansRestartIsDetected() {
        auto mine = await(m_operator->unseal(m_shares[0]));
        VERIFY_OK(mine);
        QCOMPARE(mine->status.progress, 1);
        const auto myNonce = mine->status.nonce;

        // Someone else, on their own console, resets and starts a new attempt.
        VaultSession otherSession(endpointFor(m_server.address()));
        VaultOperator other(&otherSession);
        VERIFY_OK(await(other.resetUnseal()));
        VERIFY_OK(await(other.unseal(m_shares[2])));

        auto next = await(m_operator->unseal(m_shares[3]));
        VERIFY_OK(next);
        QVERIFY(next->attemptRestarted);
        QCOMPARE(next->previousNonce, myNonce);
        QVERIFY(next->status.nonce != myNonce);
        QCOMPARE(next->status.progress, 2);
    }

    void aMalformedShareGivesTheServersErrorAndChangesNothing() {
        auto before = await(m_operator->sealStatus());
        VERIFY_OK(before);
        QCOMPARE(before->progress, 2);
        auto wrong = await(m_operator->unseal(SecretBytes(std::string_view("abcd"))));
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().kind(), Kind::InvalidInput);
        QVERIFY2(wrong.error().detail().contains(QLatin1String("invalid key")),
                 qPrintable(wrong.error().detail()));
        auto notHex = await(m_operator->unseal(SecretBytes(std::string_view("\"}{not a key\n"))));
        QVERIFY(!notHex.ok());
        auto after = await(m_operator->sealStatus());
        VERIFY_OK(after);
        QCOMPARE(after->progress, 2);
        QCOMPARE(after->nonce, before->nonce);
        QVERIFY(after->sealed);

        auto last = await(m_operator->unseal(m_shares[4]));
        VERIFY_OK(last);
        QVERIFY(!last->status.sealed);
        QVERIFY(waitUntilActive(m_server));
    }

    void generateRootGivesATokenThatWorksUntilRevoked() {
        auto endpoint = await(m_operator->detectGenerateRoot());
        VERIFY_OK(endpoint);
        QCOMPARE(endpoint->family, GenerateRootEndpoint::Family::Unauthenticated);
        QVERIFY(endpoint->reason.contains(QLatin1String("unauthenticated")));
        QVERIFY(!endpoint->status.started);
        QCOMPARE(endpoint->status.otpLength, 26);

        auto started = await(m_operator->startGenerateRoot());
        VERIFY_OK(started);
        QVERIFY(started->started);
        QCOMPARE(started->required, 3);
        QVERIFY(started->serverOtp.isEmpty()); // the OTP was made here
        const auto nonce = started->nonce;

        auto twice = await(m_operator->startGenerateRoot());
        QVERIFY(!twice.ok());
        QCOMPARE(twice.error().kind(), Kind::Conflict);

        auto wrongNonce = await(m_operator->updateGenerateRoot(m_shares[0], QStringLiteral("x")));
        QVERIFY(!wrongNonce.ok());
        QCOMPARE(wrongNonce.error().kind(), Kind::Conflict);
        QVERIFY2(wrongNonce.error().detail().contains(nonce),
                 qPrintable(wrongNonce.error().detail()));

        auto malformed =
            await(m_operator->updateGenerateRoot(SecretBytes(std::string_view("abcd")), nonce));
        QVERIFY(!malformed.ok());
        QVERIFY2(malformed.error().detail().contains(QLatin1String("key")),
                 qPrintable(malformed.error().detail()));

        SecretBytes token;
        int expected = 1;
        for (const int index : {1, 2, 4}) {
            auto step = await(m_operator->updateGenerateRoot(m_shares[std::size_t(index)], nonce));
            VERIFY_OK(step);
            QCOMPARE(step->status.progress, expected++);
            if (step->status.complete) {
                token = std::move(step->token);
            } else {
                QVERIFY(step->token.isEmpty());
            }
        }
        QVERIFY(!token.isEmpty());
        QVERIFY(!token.equals(m_rootToken));

        VaultSession rootSession(endpointFor(m_server.address()));
        rootSession.setToken(token);
        auto info = await(rootSession.lookupSelf());
        VERIFY_OK(info);
        QVERIFY(info->policies.contains(QStringLiteral("root")));

        VERIFY_OK(await(rootSession.revokeSelf()));
        auto after = await(rootSession.lookupSelf());
        QVERIFY(!after.ok());
        QCOMPARE(after.error().kind(), Kind::Unauthenticated);
        auto raw =
            await(rootSession.exchange(VaultCall::get(QStringLiteral("auth/token/lookup-self"))));
        VERIFY_OK(raw);
        QCOMPARE(raw->status, 403);
    }

    void cancelEndsTheAttempt() {
        auto started = await(m_operator->startGenerateRoot());
        VERIFY_OK(started);
        VERIFY_OK(await(m_operator->updateGenerateRoot(m_shares[0], started->nonce)));
        VERIFY_OK(await(m_operator->cancelGenerateRoot()));
        auto status = await(m_operator->generateRootStatus());
        VERIFY_OK(status);
        QVERIFY(!status->started);
        QCOMPARE(status->progress, 0);
    }

    void theAuthenticatedFamilyWorksToo() {
        VaultSession session(endpointFor(m_server.address()));
        session.setToken(m_rootToken);
        VaultOperator op(&session);
        op.useGenerateRootFamily(GenerateRootEndpoint::Family::Authenticated);
        auto started = await(op.startGenerateRoot());
        VERIFY_OK(started);
        SecretBytes token;
        for (const int index : {0, 2, 3}) {
            auto step = await(op.updateGenerateRoot(m_shares[std::size_t(index)], started->nonce));
            VERIFY_OK(step);
            if (step->status.complete) {
                token = std::move(step->token);
            }
        }
        QVERIFY(!token.isEmpty());
        VaultSession check(endpointFor(m_server.address()));
        check.setToken(token);
        auto info = await(check.lookupSelf());
        VERIFY_OK(info);
        QVERIFY(info->policies.contains(QStringLiteral("root")));
        VERIFY_OK(await(check.revokeSelf()));

        // Without a token the authenticated family is refused with the server's word.
        VaultSession anonymous(endpointFor(m_server.address()));
        VaultOperator nobody(&anonymous);
        nobody.useGenerateRootFamily(GenerateRootEndpoint::Family::Authenticated);
        auto refused = await(nobody.generateRootStatus());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind(), Kind::Unauthenticated);
    }

    void aThreeNodeRaftClusterIsUnsealedInOneCeremony() {
        QString why;
        auto nodes = OpenBaoRaftServer::startCluster(3, &why);
        QVERIFY2(nodes.size() == 3, qPrintable(why));
        std::vector<std::unique_ptr<VaultSession>> sessions;
        std::vector<std::unique_ptr<VaultOperator>> operators;
        QList<VaultOperator*> list;
        for (const auto& node : nodes) {
            sessions.push_back(std::make_unique<VaultSession>(endpointFor(node->address())));
            operators.push_back(std::make_unique<VaultOperator>(sessions.back().get()));
            list << operators.back().get();
        }
        auto init = await(operators[0]->init({3, 2, {}, {}}));
        VERIFY_OK(init);
        auto& shares = init->keys;

        // Bootstrap: only the first node is initialized; the others join once it is unsealed.
        VaultClusterUnseal bootstrap(list);
        auto states = await(bootstrap.refresh());
        QVERIFY(states[0].status && states[0].status->initialized);
        QVERIFY(states[1].status && !states[1].status->initialized);
        await(bootstrap.applyShare(shares[0]));
        await(bootstrap.applyShare(shares[1]));
        QVERIFY(bootstrap.states()[0].unsealed());
        QVERIFY(!bootstrap.allUnsealed());
        QElapsedTimer clock;
        clock.start();
        for (;;) {
            states = await(bootstrap.refresh());
            if (states[1].status && states[1].status->initialized && states[2].status &&
                states[2].status->initialized) {
                break;
            }
            QVERIFY2(clock.elapsed() < 30000, "the followers did not join the raft cluster");
            QTest::qWait(200);
        }
        await(bootstrap.applyShare(shares[2]));
        states = await(bootstrap.applyShare(shares[0]));
        for (const auto& state : states) {
            QVERIFY2(state.error.isEmpty(),
                     qPrintable(state.node + QLatin1Char(' ') + state.error));
        }
        // A joining follower finishes its unseal after it answered the last share.
        clock.restart();
        while (!bootstrap.allUnsealed()) {
            QVERIFY2(clock.elapsed() < 30000, "the followers did not finish unsealing");
            QTest::qWait(200);
            await(bootstrap.refresh());
        }

        // A cluster restart: every node comes back sealed, and one ceremony unseals them all.
        for (const auto& node : nodes) {
            QVERIFY2(node->restart(), qPrintable(node->lastError()));
        }
        VaultClusterUnseal ceremony(list);
        states = await(ceremony.refresh());
        for (const auto& state : states) {
            QVERIFY2(state.status && state.status->initialized && state.status->sealed,
                     qPrintable(state.node + QLatin1Char(' ') + state.error));
        }
        states = await(ceremony.applyShare(shares[1]));
        for (const auto& state : states) {
            QVERIFY2(state.error.isEmpty(), qPrintable(state.error));
            QCOMPARE(state.status->progress, 1);
            QVERIFY(state.status->sealed);
        }
        states = await(ceremony.applyShare(shares[2]));
        QVERIFY(ceremony.allUnsealed());

        // One active node and two standbys.
        clock.restart();
        for (;;) {
            int active = 0;
            int standby = 0;
            for (const auto& node : nodes) {
                const auto health = node->probe(QStringLiteral("sys/health"));
                active += health == 200 ? 1 : 0;
                standby += health == 429 ? 1 : 0;
            }
            if (active == 1 && standby == 2) {
                break;
            }
            QVERIFY2(clock.elapsed() < 30000,
                     qPrintable(QStringLiteral("%1 active, %2 standby").arg(active).arg(standby)));
            QTest::qWait(200);
        }
        checkHaAndSealTheCluster(nodes, sessions, operators, init->rootToken);
    }

private:
    // sys/leader and sys/ha-status on the three nodes, then the cluster view seals one standby
    // and then the whole cluster.
    void checkHaAndSealTheCluster(const std::vector<std::unique_ptr<OpenBaoRaftServer>>& nodes,
                                  std::vector<std::unique_ptr<VaultSession>>& sessions,
                                  std::vector<std::unique_ptr<VaultOperator>>& operators,
                                  const SecretBytes& rootToken) {
        QStringList addresses;
        for (const auto& node : nodes) {
            addresses << node->address().toString();
        }
        // Right after the election a standby may not know the leader yet: ask until all agree.
        QString activeAddress;
        QElapsedTimer settle;
        settle.start();
        for (;;) {
            int selfCount = 0;
            QStringList named;
            for (std::size_t n = 0; n < 3; ++n) {
                auto leader = await(operators[n]->leader());
                VERIFY_OK(leader);
                QVERIFY(leader->haEnabled);
                QVERIFY(leader->raftCommittedIndex > 0);
                if (leader->isSelf) {
                    ++selfCount;
                    activeAddress = addresses[int(n)];
                    QVERIFY(leader->activeTime.isValid());
                    QCOMPARE(leader->leaderAddress, activeAddress);
                }
                named << leader->leaderAddress;
            }
            if (selfCount == 1 && named.count(activeAddress) == 3) {
                break;
            }
            QVERIFY2(settle.elapsed() < 30000,
                     qPrintable(QStringLiteral("%1 active; leaders named: %2")
                                    .arg(selfCount)
                                    .arg(named.join(QLatin1Char(',')))));
            QTest::qWait(200);
        }

        auto anonymous = await(operators[0]->haStatus());
        QVERIFY(!anonymous.ok());
        QCOMPARE(anonymous.error().kind(), Kind::Unauthenticated);
        for (auto& session : sessions) {
            session->setToken(rootToken);
        }
        // Standbys appear in ha-status once their first heartbeat reached the new active node.
        QElapsedTimer clock;
        clock.start();
        for (;;) {
            auto ha = await(operators[0]->haStatus());
            VERIFY_OK(ha);
            if (ha->nodes.size() == 3) {
                break;
            }
            QVERIFY2(clock.elapsed() < 30000, "the standbys never showed in sys/ha-status");
            QTest::qWait(200);
        }
        // Asked on a standby too: the reply lists the same three nodes, one active.
        for (std::size_t n = 0; n < 3; ++n) {
            auto ha = await(operators[n]->haStatus());
            VERIFY_OK(ha);
            QCOMPARE(ha->nodes.size(), 3);
            QStringList listed;
            int active = 0;
            for (const auto& node : ha->nodes) {
                listed << node.apiAddress;
                if (node.activeNode) {
                    ++active;
                    QCOMPARE(node.apiAddress, activeAddress);
                } else {
                    QVERIFY(node.lastEcho.isValid());
                }
                QCOMPARE(node.version, QStringLiteral("2.7.2"));
            }
            QCOMPARE(active, 1);
            listed.sort();
            QStringList expected = addresses;
            expected.sort();
            QCOMPARE(listed, expected);
        }

        // The cluster view from a standby's connection, with nothing remembered: ha-status
        // names the other two.
        const std::size_t viewer = activeAddress == addresses[0] ? 1 : 0;
        VaultClusterStatus cluster(sessions[viewer].get(), {});
        auto report = await(cluster.refresh());
        QVERIFY2(report.haListed, qPrintable(report.haError));
        QVERIFY(report.leader && report.leader->haEnabled && !report.leader->isSelf);
        QCOMPARE(report.nodes.size(), 3);
        QVERIFY(report.nodes[0].connection);
        int actives = 0;
        int standbys = 0;
        for (const auto& node : report.nodes) {
            QVERIFY2(node.error.isEmpty(), qPrintable(node.error));
            QVERIFY(node.listed && node.seal && !node.seal->sealed);
            actives += node.role() == VaultClusterNode::Role::Active ? 1 : 0;
            standbys += node.role() == VaultClusterNode::Role::Standby ? 1 : 0;
        }
        QCOMPARE(actives, 1);
        QCOMPARE(standbys, 2);
        QCOMPARE(report.node(activeAddress)->role(), VaultClusterNode::Role::Active);

        // A standby is sealed on its own: OpenBao does not forward sys/seal to the active node.
        QString standby;
        for (const auto& address : addresses) {
            if (address != activeAddress && address != addresses[int(viewer)]) {
                standby = address;
            }
        }
        auto one = await(cluster.sealNode(standby));
        QVERIFY(one.sealed);
        QVERIFY(!one.error);
        report = await(cluster.refresh());
        QVERIFY(report.node(standby)->sealed());
        QVERIFY(!report.node(activeAddress)->sealed());
        QVERIFY(!report.node(addresses[int(viewer)])->sealed());

        // The whole cluster: the sealed standby is skipped, the active node goes last.
        auto outcomes = await(cluster.sealCluster());
        QCOMPARE(outcomes.size(), 3);
        QCOMPARE(outcomes.last().address, activeAddress);
        for (const auto& outcome : outcomes) {
            QVERIFY2(!outcome.error, qPrintable(outcome.address));
            QVERIFY(outcome.sealed);
            QCOMPARE(outcome.skipped, outcome.address == standby);
        }
        report = await(cluster.refresh());
        QCOMPARE(report.nodes.size(), 3); // still known though ha-status cannot be read now
        QVERIFY(!report.haListed);
        for (const auto& node : report.nodes) {
            QVERIFY2(node.sealed(), qPrintable(node.address));
        }
        for (const auto& node : nodes) {
            QCOMPARE(node->probe(QStringLiteral("sys/health")), 503);
        }
    }
};

QTEST_GUILESS_MAIN(VaultCeremoniesTest)
#include "test_vault_ceremonies.moc"
