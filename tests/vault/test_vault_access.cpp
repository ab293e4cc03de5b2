// What the Vault backend makes of a real OpenBao's refusals: a token limited by policy (the
// capability check names what is missing and where, and a refused write changes nothing), tokens
// the server no longer accepts (bogus, revoked, expired) and a sealed server.
#include "VaultTestKit.h"

#include <QElapsedTimer>
#include <QSignalSpy>

using namespace strongroom;
using namespace vaulttest;
using Kind = BackendError::Kind;

namespace {

const QString dbPath = QStringLiteral("secret/app/db");

SecretRef ref(const QString& path) {
    return SecretRef{path};
}

} // namespace

class VaultAccessTest : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<OpenBaoServer> m_server;
    QByteArray m_readerToken;

    OpenBaoServer& server() { return *m_server; }

private Q_SLOTS:
    void initTestCase() {
        m_server = std::make_unique<OpenBaoServer>();
        QVERIFY2(server().start(), qPrintable(server().lastError()));
        QCOMPARE(server().putKv2("secret", "app/db", {{"password", "one"}}), 1);
        QCOMPARE(server().putKv2("secret", "app/db", {{"password", "two"}}), 2);
        QCOMPARE(server().putKv2("secret", "app/other", {{"password", "x"}}), 1);
        // Read-only on exactly one secret: no list, no metadata, no version actions.
        QVERIFY2(server().writePolicy(QStringLiteral("app-db-reader"),
                                      QStringLiteral("path \"secret/data/app/db\" {\n"
                                                     "  capabilities = [\"read\"]\n}\n")),
                 qPrintable(server().lastError()));
        m_readerToken =
            server().createToken({QStringLiteral("app-db-reader")}, QStringLiteral("1h"));
        QVERIFY2(!m_readerToken.isEmpty(), qPrintable(server().lastError()));
    }

    void cleanupTestCase() { m_server.reset(); }

    void aLimitedTokenSeesWhatItMayNotDoAndWhy() {
        auto backend = backendFor(server(), m_readerToken);
        VERIFY_OK(await(backend->connectToServer()));
        auto caps = await(backend->capabilitiesFor(ref(dbPath)));
        VERIFY_OK(caps);
        QVERIFY(caps->can(Capability::Read));
        QVERIFY(caps->can(Capability::ReadVersion));

        QVERIFY(!caps->can(Capability::Write));
        const auto whyNotWrite = caps->whyNot(Capability::Write);
        QVERIFY2(whyNotWrite.contains(QLatin1String("update")) &&
                     whyNotWrite.contains(QLatin1String("secret/data/app/db")),
                 qPrintable(whyNotWrite));
        QVERIFY(!caps->can(Capability::List));
        const auto whyNotList = caps->whyNot(Capability::List);
        QVERIFY2(whyNotList.contains(QLatin1String("list")) &&
                     whyNotList.contains(QLatin1String("secret/metadata/app/")),
                 qPrintable(whyNotList));
        QVERIFY(!caps->can(Capability::Versions));
        QVERIFY2(
            caps->whyNot(Capability::Versions).contains(QLatin1String("secret/metadata/app/db")),
            qPrintable(caps->whyNot(Capability::Versions)));
        QVERIFY(!caps->can(Capability::DestroyVersion));
        QVERIFY2(caps->whyNot(Capability::DestroyVersion)
                     .contains(QLatin1String("secret/destroy/app/db")),
                 qPrintable(caps->whyNot(Capability::DestroyVersion)));
        for (auto capability :
             {Capability::DeleteVersion, Capability::UndeleteVersion, Capability::DeleteSecret,
              Capability::Rollback, Capability::EditMetadata}) {
            QVERIFY2(!caps->can(capability), qPrintable(capabilityName(capability)));
            QVERIFY2(!caps->whyNot(capability).isEmpty(), qPrintable(capabilityName(capability)));
        }

        // On a path the policy does not name, nothing at all.
        auto other = await(backend->capabilitiesFor(ref(QStringLiteral("secret/app/other"))));
        VERIFY_OK(other);
        QVERIFY(!other->can(Capability::Read));
        QVERIFY(!other->can(Capability::Write));
        QVERIFY(other->whyNot(Capability::Read).contains(QLatin1String("secret/data/app/other")));
    }

    void aLimitedTokenReadsButItsWritesChangeNothing() {
        auto backend = backendFor(server(), m_readerToken);
        auto read = await(backend->read(ref(dbPath), QString()));
        VERIFY_OK(read);
        QCOMPARE(fieldText(read.value(), "password"), QStringLiteral("two"));
        auto old = await(backend->read(ref(dbPath), QStringLiteral("1")));
        VERIFY_OK(old);
        QCOMPARE(fieldText(old.value(), "password"), QStringLiteral("one"));

        QSignalSpy rejected(backend->session(), &VaultSession::tokenRejected);
        auto write = await(backend->write(
            WriteRequest{ref(dbPath), value({{"password", "hacked"}}), QStringLiteral("2"), {}}));
        VERIFY_ERROR(write, Kind::PermissionDenied);
        auto destroy = await(backend->destroyVersions(ref(dbPath), {QStringLiteral("1")}));
        VERIFY_ERROR(destroy, Kind::PermissionDenied);
        auto remove = await(backend->deleteSecret(ref(dbPath), {}));
        VERIFY_ERROR(remove, Kind::PermissionDenied);
        auto listing = await(backend->list(QStringLiteral("secret/app/"), {}, {}));
        VERIFY_ERROR(listing, Kind::PermissionDenied);
        auto elsewhere = await(backend->read(ref(QStringLiteral("secret/app/other")), {}));
        VERIFY_ERROR(elsewhere, Kind::PermissionDenied);

        // A policy refusal is not a dead token: no re-login, the connection stays up.
        QCOMPARE(rejected.size(), 0);
        QVERIFY(backend->state() != ConnectionState::Expired);

        // The server holds exactly what it held before.
        const auto meta = serverMetadata(server(), "secret", "app/db");
        QCOMPARE(meta.value("current_version"), QJsonValue(2));
        QCOMPARE(meta.value("versions").toObject().size(), 2);
        QCOMPARE(meta.value("versions").toObject().value("1").toObject().value("destroyed"),
                 QJsonValue(false));
        QCOMPARE(serverData(server(), "secret", "app/db"), (QJsonObject{{"password", "two"}}));
    }

    void aBogusTokenIsUnauthenticatedEverywhere() {
        auto backend = backendFor(server(), "not-a-real-token");
        QSignalSpy rejected(backend->session(), &VaultSession::tokenRejected);
        auto connected = await(backend->connectToServer());
        VERIFY_ERROR(connected, Kind::Unauthenticated);
        QCOMPARE(backend->state(), ConnectionState::Expired);
        // A failed capability check is an error, never "everything allowed".
        auto caps = await(backend->capabilitiesFor(ref(dbPath)));
        QVERIFY(!caps.ok());

        // With the mount given by hand (the token cannot discover it), every call says why.
        auto mount = await(backend->addMount(QStringLiteral("secret"), 2));
        VERIFY_OK(mount);
        auto read = await(backend->read(ref(dbPath), QString()));
        VERIFY_ERROR(read, Kind::Unauthenticated);
        auto write = await(backend->write(
            WriteRequest{ref(dbPath), value({{"k", "v"}}), QStringLiteral("2"), {}}));
        VERIFY_ERROR(write, Kind::Unauthenticated);
        auto listing = await(backend->list(QStringLiteral("secret/app/"), {}, {}));
        VERIFY_ERROR(listing, Kind::Unauthenticated);
        QVERIFY(rejected.size() >= 1);
        QCOMPARE(backend->state(), ConnectionState::Expired);
        QCOMPARE(serverMetadata(server(), "secret", "app/db").value("current_version"),
                 QJsonValue(2));
    }

    void theFirstCallOfAFreshConnectionSaysWhyItFailed() {
        // No mount discovered yet (connect failed or was never run): a dead token must still come
        // back as Unauthenticated (the re-login prompt), not as "no such mount".
        auto backend = backendFor(server(), "not-a-real-token");
        auto read = await(backend->read(ref(dbPath), QString()));
        VERIFY_ERROR(read, Kind::Unauthenticated);
        auto listing = await(backend->list(QStringLiteral("secret/app/"), {}, {}));
        VERIFY_ERROR(listing, Kind::Unauthenticated);
    }

    void aRevokedTokenTurnsTheConnectionToExpired() {
        const auto token =
            server().createToken({QStringLiteral("app-db-reader")}, QStringLiteral("1h"));
        QVERIFY2(!token.isEmpty(), qPrintable(server().lastError()));
        auto backend = backendFor(server(), token);
        VERIFY_OK(await(backend->connectToServer()));
        QCOMPARE(backend->state(), ConnectionState::Connected);
        VERIFY_OK(await(backend->read(ref(dbPath), QString())));

        QVERIFY(server()
                    .api("POST", QStringLiteral("auth/token/revoke"),
                         {{"token", QString::fromLatin1(token)}})
                    .ok());
        QSignalSpy states(backend.get(), &SecretBackend::stateChanged);
        QSignalSpy rejected(backend->session(), &VaultSession::tokenRejected);
        auto read = await(backend->read(ref(dbPath), QString()));
        VERIFY_ERROR(read, Kind::Unauthenticated);
        QCOMPARE(backend->state(), ConnectionState::Expired);
        QCOMPARE(rejected.size(), 1);
        QVERIFY(!states.isEmpty());
        QCOMPARE(states.last().first().value<ConnectionState>(), ConnectionState::Expired);
    }

    void anExpiredTokenIsUnauthenticated() {
        const auto token =
            server().createToken({QStringLiteral("app-db-reader")}, QStringLiteral("2s"), false);
        QVERIFY2(!token.isEmpty(), qPrintable(server().lastError()));
        auto backend = backendFor(server(), token);
        auto info = await(backend->connectToServer());
        VERIFY_OK(info);
        QVERIFY(info->expires());
        QVERIFY(!info->renewable);
        QVERIFY(info->ttl.count() <= 2);
        VERIFY_OK(await(backend->read(ref(dbPath), QString())));

        // Wait until the server itself refuses the token.
        QElapsedTimer clock;
        clock.start();
        while (server().api("GET", QStringLiteral("auth/token/lookup-self"), {}, token).status !=
               403) {
            QVERIFY2(clock.elapsed() < 15000, "the 2 s token was still accepted after 15 s");
            QTest::qWait(200);
        }
        auto read = await(backend->read(ref(dbPath), QString()));
        VERIFY_ERROR(read, Kind::Unauthenticated);
        QCOMPARE(backend->state(), ConnectionState::Expired);
    }

    void aSealedServerSaysSoAndComesBackWhenUnsealed() {
        OpenBaoServer sealable; // its own server: sealing it must not disturb the other tests
        QVERIFY2(sealable.start(), qPrintable(sealable.lastError()));
        QCOMPARE(sealable.putKv2("secret", "app/db", {{"password", "one"}}), 1);
        auto backend = backendFor(sealable, sealable.rootToken());
        VERIFY_OK(await(backend->connectToServer()));
        QCOMPARE(backend->state(), ConnectionState::Connected);

        QVERIFY2(sealable.seal(), qPrintable(sealable.lastError()));
        auto read = await(backend->read(ref(dbPath), QString()));
        VERIFY_ERROR(read, Kind::Sealed);
        QCOMPARE(backend->state(), ConnectionState::Sealed);
        auto write = await(backend->write(
            WriteRequest{ref(dbPath), value({{"password", "two"}}), QStringLiteral("1"), {}}));
        VERIFY_ERROR(write, Kind::Sealed);
        auto listing = await(backend->list(QStringLiteral("secret/app/"), {}, {}));
        VERIFY_ERROR(listing, Kind::Sealed);
        auto connected = await(backend->connectToServer());
        VERIFY_ERROR(connected, Kind::Sealed);
        QCOMPARE(backend->state(), ConnectionState::Sealed);

        // A connection opened while the server is sealed says "sealed" on its first call too.
        auto fresh = backendFor(sealable, sealable.rootToken());
        auto first = await(fresh->read(ref(dbPath), QString()));
        VERIFY_ERROR(first, Kind::Sealed);

        QVERIFY2(sealable.unseal(), qPrintable(sealable.lastError()));
        auto again = await(backend->read(ref(dbPath), QString()));
        VERIFY_OK(again);
        QCOMPARE(fieldText(again.value(), "password"), QStringLiteral("one"));
        QCOMPARE(backend->state(), ConnectionState::Connected);
        // The write refused while sealed did not happen.
        QCOMPARE(serverMetadata(sealable, "secret", "app/db").value("current_version"),
                 QJsonValue(1));
    }
};

QTEST_GUILESS_MAIN(VaultAccessTest)
#include "test_vault_access.moc"
