// What Vault KV does not have, against a real OpenBao dev server: no bin, no disabled versions,
// no labels, no rotation of KV secrets. Each is denied in the capabilities with a reason an
// operator can act on, and each call refuses with Unsupported without changing the server; a
// recovery window on delete is refused before anything is sent. The idle lock drops the token
// and the credential expiry. What the server holds is checked through its own HTTP API.
#include "VaultTestKit.h"

using namespace strongroom;
using namespace vaulttest;
using Kind = BackendError::Kind;

namespace {

SecretRef ref(const QString& path) {
    return SecretRef{path};
}

const QString path = QStringLiteral("secret/limits/app");

} // namespace

class VaultStoreLimitsTest : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<OpenBaoServer> m_server;
    std::unique_ptr<VaultBackend> m_backend;

    OpenBaoServer& server() { return *m_server; }
    VaultBackend& backend() { return *m_backend; }

    int serverVersion() {
        return serverMetadata(server(), QStringLiteral("secret"), QStringLiteral("limits/app"))
            .value(QLatin1String("current_version"))
            .toInt();
    }

    static void checkDenials(const Capabilities& caps) {
        for (const auto capability : {Capability::RecoverableDelete, Capability::ListDeleted,
                                      Capability::RestoreSecret, Capability::PurgeSecret}) {
            QVERIFY2(!caps.can(capability), qPrintable(capabilityName(capability)));
            QVERIFY2(caps.whyNot(capability).contains(QStringLiteral("no bin")),
                     qPrintable(caps.whyNot(capability)));
        }
        QVERIFY(!caps.can(Capability::EnableVersion));
        QVERIFY2(
            caps.whyNot(Capability::EnableVersion).contains(QStringLiteral("cannot be disabled")),
            qPrintable(caps.whyNot(Capability::EnableVersion)));
        QVERIFY(!caps.can(Capability::MoveLabel));
        QVERIFY(caps.whyNot(Capability::MoveLabel).contains(QStringLiteral("labels")));
        for (const auto capability :
             {Capability::RotationStatus, Capability::Rotate, Capability::ConfigureRotation,
              Capability::ClearStuckRotation}) {
            QVERIFY2(!caps.can(capability), qPrintable(capabilityName(capability)));
            QVERIFY2(caps.whyNot(capability).contains(QStringLiteral("database secrets engine")),
                     qPrintable(caps.whyNot(capability)));
        }
    }

private Q_SLOTS:
    void initTestCase() {
        m_server = std::make_unique<OpenBaoServer>();
        QVERIFY2(server().start(), qPrintable(server().lastError()));
    }

    void init() {
        m_backend = backendFor(server(), server().rootToken());
        const auto connected = await(backend().connectToServer());
        VERIFY_OK(connected);
        QVERIFY(server().putKv2(QStringLiteral("secret"), QStringLiteral("limits/app"),
                                {{QStringLiteral("k"), QStringLiteral("one")}}) > 0);
    }

    void cleanup() { m_backend.reset(); }

    void cleanupTestCase() { m_server.reset(); }

    void theStoreSaysWhatItLacks() { checkDenials(backend().storeCapabilities()); }

    void theRootTokenGetsTheSameReasons() {
        auto caps = await(backend().capabilitiesFor(ref(path)));
        VERIFY_OK(caps);
        QVERIFY(caps->can(Capability::DeleteSecret)); // what KV has stays allowed
        checkDenials(caps.value());
    }

    void aRecoveryWindowIsRefusedAndNothingIsDeleted() {
        const DeletionRules rules = backend().deletionRules();
        QVERIFY(!rules.hasBin);
        QVERIFY(!rules.acceptsWindow(7));
        QVERIFY(!rules.note.isEmpty());
        const int before = serverVersion();
        QVERIFY(before > 0);
        for (const int days : {7, 30, -1}) {
            DeleteOptions options;
            options.recoveryDays = days;
            auto deleted = await(backend().deleteSecret(ref(path), options));
            VERIFY_ERROR(deleted, Kind::Unsupported);
            QVERIFY2(deleted.error().message().contains(QStringLiteral("no bin")),
                     qPrintable(deleted.error().message()));
        }
        QCOMPARE(serverVersion(), before);
        QCOMPARE(serverData(server(), QStringLiteral("secret"), QStringLiteral("limits/app")),
                 (QJsonObject{{QStringLiteral("k"), QStringLiteral("one")}}));
        // Nothing is sent: a path outside every mount gets the same refusal, not NotFound.
        DeleteOptions options;
        options.recoveryDays = 7;
        auto nowhere = await(backend().deleteSecret(ref(QStringLiteral("nomount/x")), options));
        VERIFY_ERROR(nowhere, Kind::Unsupported);
    }

    void theCallsItLacksAnswerUnsupportedAndChangeNothing() {
        const int before = serverVersion();
        // VERIFY_ERROR looks at its argument more than once: each call is made once, here.
        const auto deleted = await(backend().deletedSecrets(QStringLiteral("secret/"), {}));
        VERIFY_ERROR(deleted, Kind::Unsupported);
        const auto restored = await(backend().restoreSecret(ref(path)));
        VERIFY_ERROR(restored, Kind::Unsupported);
        const auto purged = await(backend().purgeSecret(ref(path)));
        VERIFY_ERROR(purged, Kind::Unsupported);
        const auto disabled =
            await(backend().setVersionsEnabled(ref(path), {QStringLiteral("1")}, false));
        VERIFY_ERROR(disabled, Kind::Unsupported);
        const auto moved = await(
            backend().moveLabel(ref(path), QStringLiteral("live"), QStringLiteral("1"), QString()));
        VERIFY_ERROR(moved, Kind::Unsupported);
        const auto rotation = await(backend().rotation(ref(path)));
        VERIFY_ERROR(rotation, Kind::Unsupported);
        const auto rotated = await(backend().rotateNow(ref(path)));
        VERIFY_ERROR(rotated, Kind::Unsupported);
        const auto configured = await(backend().configureRotation(ref(path), {}));
        VERIFY_ERROR(configured, Kind::Unsupported);
        const auto turnedOff = await(backend().disableRotation(ref(path)));
        VERIFY_ERROR(turnedOff, Kind::Unsupported);
        const auto cleared = await(backend().clearStuckRotation(ref(path), QStringLiteral("1")));
        VERIFY_ERROR(cleared, Kind::Unsupported);
        QCOMPARE(serverVersion(), before);
        QCOMPARE(serverData(server(), QStringLiteral("secret"), QStringLiteral("limits/app")),
                 (QJsonObject{{QStringLiteral("k"), QStringLiteral("one")}}));
    }

    void lockDropsTheTokenAndItsExpiry() {
        backend().setCredentialExpiry(QDateTime::currentDateTimeUtc().addSecs(3600));
        QVERIFY(backend().credentialExpiry().isValid());
        backend().lock();
        QCOMPARE(backend().state(), ConnectionState::Locked);
        QVERIFY(!backend().credentialExpiry().isValid());
        // Without the token nothing is allowed any more: the check fails closed.
        auto caps = await(backend().capabilitiesFor(ref(path)));
        QVERIFY(!caps.ok());
        auto read = await(backend().read(ref(path), QString()));
        QVERIFY(!read.ok());
    }
};

QTEST_GUILESS_MAIN(VaultStoreLimitsTest)
#include "test_vault_store_limits.moc"
