// The app/vault ceremony services on their own, against a real OpenBao raft server in production
// mode: what the init, unseal and generate-root windows and the CLI commands both drive. Init
// refuses a bad shape before sending anything, hands out each share once and keeps no copy;
// unseal reports each node's progress, notices another operator's reset, refuses a malformed
// share with the server's words and announces the unseal once; seal needs a token; generate-root
// notices its attempt cancelled elsewhere, cancels an attempt whose shares ran out, decodes a
// token that works, and revokes one nobody kept when the ceremony goes. Every step leaves one
// audit line in the vocabulary's words, under the connection name given, and no share, OTP or
// token reaches the log.
#include "AuditEntry.h"
#include "AuditLog.h"
#include "Await.h"
#include "GenerateRootCeremony.h"
#include "InitializeCeremony.h"
#include "NewRootToken.h"
#include "OpenBaoRaftServer.h"
#include "SealCeremony.h"
#include "SealStatusCheck.h"
#include "UnsealCeremony.h"
#include "VaultOperator.h"
#include "VaultSession.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace strongroom;
using Kind = BackendError::Kind;

// Evaluates `expression` once (it is often a whole ceremony step).
#define VERIFY_OK(expression)                                                                      \
    do {                                                                                           \
        const auto& verified = (expression);                                                       \
        QVERIFY2(verified.ok(),                                                                    \
                 qPrintable(verified.ok() ? QString() : verified.error().message()));              \
    } while (false)

namespace {

const QString kConnection = QStringLiteral("ops-node");

QByteArray bytesOf(const SecretBytes& secret) {
    return QByteArray(secret.data(), qsizetype(secret.size()));
}

// Shares handed out one by one, then no more (NotFound), as the CLI's stdin does.
ShareSource sharesFrom(std::vector<SecretBytes> shares, QList<int>* asked = nullptr) {
    auto left = std::make_shared<std::vector<SecretBytes>>(std::move(shares));
    return [left, asked](int index) -> QCoro::Task<Result<SecretBytes>> {
        if (asked) {
            asked->append(index);
        }
        if (left->empty()) {
            co_return BackendError(Kind::NotFound, QStringLiteral("no more shares"));
        }
        SecretBytes next = std::move(left->front());
        left->erase(left->begin());
        co_return next;
    };
}

} // namespace

class TestCeremonyServices : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    OpenBaoRaftServer m_server;
    std::unique_ptr<AuditLog> m_log;
    std::unique_ptr<VaultSession> m_admin; // "another operator"
    std::unique_ptr<VaultOperator> m_adminOperator;
    std::vector<SecretBytes> m_shares; // as the ceremony handed them out
    SecretBytes m_rootToken;
    QList<QByteArray> m_generated;

    VaultEndpoint endpoint() const {
        VaultEndpoint at;
        at.address = m_server.address();
        return at;
    }
    QString address() const { return m_server.address().toString(); }

    QList<AuditEntry> entries() {
        auto read = await(m_log->recent(0));
        return read.ok() ? read.value() : QList<AuditEntry>();
    }
    // Entries appended since `before` entries were there (appends run on the log's thread).
    QList<AuditEntry> since(qsizetype before, qsizetype atLeast) {
        QList<AuditEntry> all;
        for (int i = 0; i < 100; ++i) {
            all = entries();
            if (all.size() >= before + atLeast) {
                break;
            }
            QTest::qWait(50);
        }
        return all.mid(before);
    }
    int lookupStatus(const QByteArray& token) {
        VaultSession session(endpoint());
        session.setToken(
            SecretBytes(std::string_view(token.constData(), std::size_t(token.size()))));
        auto reply =
            await(session.exchange(VaultCall::get(QStringLiteral("auth/token/lookup-self"))));
        return reply.ok() ? reply->status : -1;
    }
    bool serverSealed() {
        auto status = await(m_adminOperator->sealStatus());
        return status.ok() && status->sealed;
    }
    std::vector<SecretBytes> shares(std::initializer_list<int> indexes) const {
        std::vector<SecretBytes> out;
        for (const int index : indexes) {
            out.push_back(m_shares[std::size_t(index)]);
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_server.start(), qPrintable(m_server.lastError()));
        m_log = std::make_unique<AuditLog>(m_dir.filePath(QStringLiteral("audit.jsonl")));
        m_admin = std::make_unique<VaultSession>(endpoint());
        m_adminOperator = std::make_unique<VaultOperator>(m_admin.get());
    }

    void initHandsOutEachShareOnceAndKeepsNoCopy() {
        SealStatusCheck check(endpoint());
        auto before = await(check.read());
        VERIFY_OK(before.status);
        QVERIFY(!before.status->initialized);
        QVERIFY(!before.leader);

        InitializeCeremony ceremony(endpoint(), m_log.get(), kConnection);
        // A threshold above the share count: refused here, nothing sent, nothing audited.
        auto refused = await(ceremony.initialize({3, 5, {}, {}}));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind(), Kind::InvalidInput);
        QCOMPARE(m_server.probe(QStringLiteral("sys/health")), 501);
        QCOMPARE(ceremony.stage(), InitializeCeremony::Stage::Ready);

        auto init = await(ceremony.initialize({5, 3, {}, {}}));
        VERIFY_OK(init);
        QCOMPARE(ceremony.stage(), InitializeCeremony::Stage::HandingOut);
        QCOMPARE(ceremony.shareCount(), 5);
        QVERIFY(!ceremony.sharesEncrypted());
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(ceremony.handedOut(), i);
            SecretBytes share = ceremony.takeShare();
            QVERIFY(share.size() >= 32);
            for (const auto& earlier : m_shares) {
                QVERIFY(!earlier.equals(share));
            }
            // Given away: asking again before it is stored gives nothing.
            QVERIFY(ceremony.takeShare().isEmpty());
            m_shares.push_back(std::move(share));
            ceremony.shareStored();
        }
        QCOMPARE(ceremony.stage(), InitializeCeremony::Stage::RootToken);
        QVERIFY(!ceremony.canKeepRootToken()); // no keychain was given
        m_rootToken = ceremony.handOverRootToken(QStringLiteral("printed on stdout"));
        QVERIFY(!m_rootToken.isEmpty());
        QVERIFY(ceremony.rootToken().isEmpty());
        QCOMPARE(ceremony.stage(), InitializeCeremony::Stage::Done);

        const auto written = since(0, 3);
        QCOMPARE(written.size(), 3);
        QCOMPARE(written[0].action, actions::initialize());
        QCOMPARE(written[0].result, QStringLiteral("ok"));
        QCOMPARE(written[0].detail, QStringLiteral("5 shares, threshold 3; PGP for shares: no; "
                                                   "PGP for root token: no"));
        QCOMPARE(written[1].action, actions::initHandout());
        QCOMPARE(written[1].detail, QStringLiteral("5 of 5 shares handed out"));
        QCOMPARE(written[2].action, actions::initRootToken());
        QCOMPARE(written[2].detail, QStringLiteral("printed on stdout"));
        for (const auto& entry : written) {
            QCOMPARE(entry.connection, kConnection);
        }
    }

    void unsealFollowsProgressResetsAndTheEnd() {
        const qsizetype before = entries().size();
        UnsealCeremony ceremony(endpoint(), QStringLiteral("node"), m_log.get(), kConnection);
        QSignalSpy applied(&ceremony, &UnsealCeremony::shareApplied);
        QSignalSpy changed(&ceremony, &UnsealCeremony::attemptChanged);
        QSignalSpy unsealed(&ceremony, &UnsealCeremony::unsealed);
        VERIFY_OK(await(ceremony.refresh()));
        QVERIFY(ceremony.node(0).status->sealed);
        QCOMPARE(ceremony.node(0).status->threshold, 3);

        auto refusals = await(ceremony.submitShare(m_shares[0]));
        QVERIFY(refusals.isEmpty());
        QCOMPARE(ceremony.node(0).status->progress, 1);
        QCOMPARE(applied.count(), 1);

        // Another operator resets the attempt: the next look says so.
        VERIFY_OK(await(m_adminOperator->resetUnseal()));
        VERIFY_OK(await(ceremony.refresh()));
        QCOMPARE(changed.count(), 1);
        QVERIFY(!changed.first().at(1).toString().isEmpty()); // the nonce that was
        QVERIFY(changed.first().at(2).toString().isEmpty());  // none runs now
        QCOMPARE(ceremony.node(0).status->progress, 0);

        // Our own reset is not someone else's.
        QVERIFY(await(ceremony.submitShare(m_shares[1])).isEmpty());
        VERIFY_OK(await(ceremony.reset()));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(ceremony.node(0).status->progress, 0);

        // A malformed share: the server's words, nothing counted.
        refusals = await(ceremony.submitShare(SecretBytes(std::string_view("abcd"))));
        QCOMPARE(refusals.size(), 1);
        QVERIFY2(refusals.first().error.message().contains(QLatin1String("invalid key")),
                 qPrintable(refusals.first().error.message()));
        QCOMPARE(ceremony.node(0).status->progress, 0);

        // The CLI's way: shares from a source until it is unsealed; the rest are not asked for.
        QList<int> asked;
        VERIFY_OK(await(ceremony.takeShares(sharesFrom(shares({2, 3, 4, 0}), &asked))));
        QCOMPARE(asked, QList<int>({1, 2, 3}));
        QVERIFY(ceremony.isUnsealed());
        QCOMPARE(unsealed.count(), 1);
        VERIFY_OK(await(ceremony.refresh()));
        QCOMPARE(unsealed.count(), 1); // once
        QVERIFY(!serverSealed());

        const auto written = since(before, 7);
        QStringList lines;
        for (const auto& entry : written) {
            QCOMPARE(entry.connection, kConnection);
            QVERIFY(entry.versions.isEmpty());
            lines << entry.action + QLatin1Char('|') + entry.result + QLatin1Char('|') +
                         entry.detail;
        }
        const QString node = address();
        QCOMPARE(lines, QStringList(
                            {QStringLiteral("unseal|ok|%1: progress 1 of 3").arg(node),
                             QStringLiteral("unseal|ok|%1: progress 1 of 3").arg(node),
                             QStringLiteral("unseal-reset|ok|%1").arg(node),
                             lines.value(3), // the refusal, checked below
                             QStringLiteral("unseal|ok|%1: progress 1 of 3").arg(node),
                             QStringLiteral("unseal|ok|%1: progress 2 of 3").arg(node),
                             QStringLiteral("unseal|ok|%1: progress 3 of 3, unsealed").arg(node)}));
        // The refusal: its error kind and the server's words, after the node it came from.
        QVERIFY2(lines.value(3).startsWith(QStringLiteral("unseal|")) &&
                     !lines.value(3).startsWith(QStringLiteral("unseal|ok|")) &&
                     lines.value(3).contains(QStringLiteral("|%1: ").arg(node)),
                 qPrintable(lines.value(3)));
        QVERIFY(m_server.waitUntilActive());
    }

    void sealNeedsTheConnectionsToken() {
        const qsizetype before = entries().size();
        VaultSession tokenless(endpoint());
        SealCeremony refused(&tokenless, {}, m_log.get(), kConnection);
        auto noToken = await(refused.seal());
        QVERIFY(!noToken.ok());
        QCOMPARE(noToken.error().kind(), Kind::Unauthenticated);
        QVERIFY(!serverSealed());

        VaultSession connection(endpoint());
        connection.setToken(m_rootToken);
        SealCeremony ceremony(&connection, {}, m_log.get(), kConnection);
        QSignalSpy sealedNodes(&ceremony, &SealCeremony::nodesSealed);
        VERIFY_OK(await(ceremony.seal()));
        QVERIFY(serverSealed());
        QCOMPARE(sealedNodes.count(), 1);

        const auto written = since(before, 2);
        QCOMPARE(written.size(), 2);
        QCOMPARE(written[0].action, actions::seal());
        QCOMPARE(written[0].result, BackendError::kindName(Kind::Unauthenticated));
        QCOMPARE(written[1].action, actions::seal());
        QCOMPARE(written[1].result, QStringLiteral("ok"));
        QCOMPARE(written[1].detail, QStringLiteral("node %1").arg(address()));

        UnsealCeremony unseal(endpoint(), QStringLiteral("node"), m_log.get(), kConnection);
        VERIFY_OK(await(unseal.takeShares(sharesFrom(shares({4, 2, 0})))));
        QVERIFY(unseal.isUnsealed());
        QVERIFY(m_server.waitUntilActive());
    }

    void generateRootIsOneStateMachine() {
        const qsizetype before = entries().size();
        VaultSession node(endpoint());
        GenerateRootCeremony ceremony(&node, m_log.get(), kConnection);
        QSignalSpy changed(&ceremony, &GenerateRootCeremony::attemptChanged);
        QSignalSpy ready(&ceremony, &GenerateRootCeremony::tokenReady);
        auto family = await(ceremony.detect());
        VERIFY_OK(family);
        QCOMPARE(family->family, GenerateRootCeremony::Family::Unauthenticated);
        QVERIFY(ceremony.knowsAttempt());
        QVERIFY(!ceremony.attempt().started);
        auto early = await(ceremony.submitShare(m_shares[0]));
        QVERIFY(!early.ok()); // nothing of ours runs yet

        // Started here, then cancelled by another operator: noticed, and ours is gone.
        auto started = await(ceremony.start());
        VERIFY_OK(started);
        const QString first = ceremony.ourNonce();
        QCOMPARE(first, started->nonce);
        QCOMPARE(ceremony.attempt().required, 3);
        VERIFY_OK(await(m_adminOperator->cancelGenerateRoot()));
        VERIFY_OK(await(ceremony.refresh()));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toString(), first);
        QVERIFY(ceremony.ourNonce().isEmpty());

        // Shares that run out: the attempt is cancelled (its OTP lives only here).
        VERIFY_OK(await(ceremony.start()));
        auto ranOut = await(ceremony.takeShares(sharesFrom(shares({0, 1}))));
        QVERIFY(!ranOut.ok());
        QCOMPARE(ranOut.error().kind(), Kind::Cancelled);
        auto onServer = await(m_adminOperator->generateRootStatus());
        VERIFY_OK(onServer);
        QVERIFY(!onServer->started);
        QCOMPARE(changed.count(), 1); // our own cancel is not someone else's

        // Three shares: a decoded token that works, revoked on request.
        VERIFY_OK(await(ceremony.start()));
        VERIFY_OK(await(ceremony.takeShares(sharesFrom(shares({2, 3, 4})))));
        QVERIFY(ceremony.isComplete());
        QCOMPARE(ready.count(), 1);
        NewRootToken* token = ceremony.newToken();
        QVERIFY(token->holdsToken());
        const QByteArray made = bytesOf(token->token());
        m_generated << made;
        QVERIFY(made != bytesOf(m_rootToken));
        QCOMPARE(lookupStatus(made), 200);
        VERIFY_OK(await(token->check()));
        VERIFY_OK(await(token->revoke(QStringLiteral("checked and revoked"))));
        QVERIFY(token->isRevoked() && !token->holdsToken());
        QCOMPARE(lookupStatus(made), 403);

        const auto written = since(before, 11);
        QStringList steps;
        QByteArray all;
        for (const auto& entry : written) {
            QCOMPARE(entry.connection, kConnection);
            steps << entry.action + QLatin1Char('|') + entry.detail.section(QLatin1Char(':'), 0, 0);
            all += entry.toJsonLine();
        }
        QCOMPARE(steps, QStringList({
                            QStringLiteral("generate-root|start"),
                            QStringLiteral("generate-root|start"),
                            QStringLiteral("generate-root|share"),
                            QStringLiteral("generate-root|share"),
                            QStringLiteral("generate-root|cancel"),
                            QStringLiteral("generate-root|start"),
                            QStringLiteral("generate-root|share"),
                            QStringLiteral("generate-root|share"),
                            QStringLiteral("generate-root|share"),
                            QStringLiteral("generate-root|complete"),
                            QStringLiteral("root-token|checked and revoked"),
                        }));
        QVERIFY(all.contains("the shares ended after 2"));
        QVERIFY(all.contains("progress 3 of 3"));
        QVERIFY(!all.contains(made));
    }

    void aTokenNobodyKeptDiesWithTheCeremony() {
        QByteArray made;
        QByteArray handed;
        {
            VaultSession node(endpoint());
            auto ceremony = std::make_unique<GenerateRootCeremony>(&node, m_log.get(), kConnection);
            VERIFY_OK(await(ceremony->detect()));
            VERIFY_OK(await(ceremony->start()));
            VERIFY_OK(await(ceremony->takeShares(sharesFrom(shares({0, 1, 2})))));
            made = bytesOf(ceremony->newToken()->token());
            QVERIFY(ceremony->newToken()->needsRevocation());
            ceremony.reset(); // nobody chose to keep it

            // Handed over, a token is the receiver's: it outlives the ceremony.
            GenerateRootCeremony second(&node, m_log.get(), kConnection);
            VERIFY_OK(await(second.detect()));
            VERIFY_OK(await(second.start()));
            VERIFY_OK(await(second.takeShares(sharesFrom(shares({2, 3, 4})))));
            handed = bytesOf(second.newToken()->handOver(QStringLiteral("printed on stdout")));
            QVERIFY(!second.newToken()->needsRevocation());
        }
        m_generated << made << handed;
        QTRY_COMPARE_WITH_TIMEOUT(lookupStatus(made), 403, 10000);
        QCOMPARE(lookupStatus(handed), 200);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const auto& entry : entries()) {
                    if (entry.detail == QLatin1String("revoked when the ceremony ended")) {
                        return entry.action == actions::rootToken() && entry.succeeded();
                    }
                }
                return false;
            }(),
            10000);
        VaultSession cleanup(endpoint());
        cleanup.setToken(
            SecretBytes(std::string_view(handed.constData(), std::size_t(handed.size()))));
        VERIFY_OK(await(cleanup.revokeSelf()));
    }

    void nothingSecretInTheLog() {
        await(m_log->verify());
        QFile file(m_log->filePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray log = file.readAll();
        QVERIFY(!log.isEmpty());
        for (const auto& share : m_shares) {
            QVERIFY(!log.contains(bytesOf(share)));
        }
        QVERIFY(!log.contains(bytesOf(m_rootToken)));
        for (const auto& token : m_generated) {
            QVERIFY(!log.contains(token));
            QVERIFY(!log.contains(token.mid(2))); // without its "s." either
        }
    }
};

QTEST_GUILESS_MAIN(TestCeremonyServices)
#include "test_ceremony_services.moc"
