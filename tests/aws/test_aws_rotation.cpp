// Rotation through the common contract on the real SecretsManagerBackend against a real moto
// server: the rotation description (none, configured, stuck), rotate now, configure and turn
// off, clearing a stuck rotation, and settings refused before anything is sent. What the server
// holds afterwards is checked with moto's own unsigned calls, not through the code under test.
//
// moto's gaps (tests/../test-peers.md) shape the setup: a stuck rotation is built by staging
// AWSPENDING on a version that is not AWSCURRENT (UpdateSecretVersionStage); RotateSecret
// without a Lambda makes the new version AWSCURRENT at once; with a Lambda ARN moto looks the
// function up, so a do-nothing function is created in moto for the configure tests; moto keeps
// only AutomaticallyAfterDays of the rotation rules (schedule expressions are checked in
// test_secrets_manager_rotation_api).
#include "AwsMotoKit.h"

#include <QRegularExpression>

using namespace strongroom;
using namespace awstest;
using Kind = BackendError::Kind;
namespace key = secretsmanager::rotationKey;

namespace {

const QRegularExpression
    uuid(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));

SecretRef ref(const QString& name) {
    return SecretRef{name};
}

} // namespace

class TestAwsRotation : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<MotoServer> m_moto;
    std::unique_ptr<SecretsManagerBackend> m_backend;

    MotoServer& moto() { return *m_moto; }
    SecretBackend& backend() { return *m_backend; }

    // A secret whose last rotation stopped half-way: AWSPENDING on `*stuck`, which is
    // AWSPREVIOUS, while `*current` holds AWSCURRENT.
    bool makeStuck(const QString& name, QString* current, QString* stuck) {
        *stuck = createSecret(moto(), name, QStringLiteral("first"));
        *current = putVersion(moto(), name, QStringLiteral("second"));
        return !stuck->isEmpty() && !current->isEmpty() &&
               stageLabel(moto(), name, QStringLiteral("AWSPENDING"), *stuck);
    }

private Q_SLOTS:
    void initTestCase() {
        m_moto = std::make_unique<MotoServer>();
        QVERIFY2(moto().start(), qPrintable(moto().lastError()));
    }

    void init() {
        QVERIFY(moto().reset());
        m_backend = backendFor(moto());
    }

    void cleanup() { m_backend.reset(); }

    void cleanupTestCase() { m_moto.reset(); }

    void everyRotationCallIsOffered() {
        const Capabilities store = backend().storeCapabilities();
        for (const auto capability :
             {Capability::RotationStatus, Capability::Rotate, Capability::ConfigureRotation,
              Capability::ClearStuckRotation}) {
            QVERIFY2(store.can(capability), qPrintable(capabilityName(capability)));
        }
        auto forSecret = await(backend().capabilitiesFor(ref(QStringLiteral("db/orders"))));
        VERIFY_OK(forSecret);
        QVERIFY(forSecret->can(Capability::ConfigureRotation));
        QVERIFY(forSecret->can(Capability::ClearStuckRotation));
    }

    void aSecretWithoutRotationSaysSo() {
        const QString name = QStringLiteral("db/plain");
        QVERIFY(!createSecret(moto(), name, QStringLiteral("x")).isEmpty());
        auto described = await(backend().rotation(ref(name)));
        VERIFY_OK(described);
        QVERIFY(!described->enabled);
        QCOMPARE(described->state, RotationInfo::State::Idle);
        QCOMPARE(described->rotator, RotationInfo::Rotator::None);
        QVERIFY(described->rotatorName.isEmpty());
        QVERIFY(described->schedule.isEmpty());
        QVERIFY(!described->lastRotated.isValid());
        QVERIFY(!described->nextRotation.isValid());
        QVERIFY(described->stuckVersion.isEmpty());
        QVERIFY(described->settings.isEmpty());

        auto missing = await(backend().rotation(ref(QStringLiteral("db/none"))));
        VERIFY_ERROR(missing, Kind::NotFound);
    }

    void aStuckRotationIsDescribedAndCleared() {
        const QString name = QStringLiteral("db/orders");
        QString current;
        QString stuck;
        QVERIFY(makeStuck(name, &current, &stuck));
        QCOMPARE(stagesOf(describeRaw(moto(), name), stuck),
                 (QStringList{QStringLiteral("AWSPREVIOUS"), QStringLiteral("AWSPENDING")}));

        auto described = await(backend().rotation(ref(name)));
        VERIFY_OK(described);
        QCOMPARE(described->state, RotationInfo::State::Stuck);
        QCOMPARE(described->stuckVersion, stuck);
        QVERIFY2(described->stuckReason.contains(stuck) &&
                     described->stuckReason.contains(QStringLiteral("AWSPENDING")),
                 qPrintable(described->stuckReason));

        VERIFY_OK(await(backend().clearStuckRotation(ref(name), stuck)));
        const QJsonObject after = describeRaw(moto(), name);
        QCOMPARE(versionHolding(after, QStringLiteral("AWSPENDING")), QString());
        QCOMPARE(stagesOf(after, stuck), QStringList{QStringLiteral("AWSPREVIOUS")});
        QCOMPARE(versionHolding(after, QStringLiteral("AWSCURRENT")), current);
        described = await(backend().rotation(ref(name)));
        VERIFY_OK(described);
        QCOMPARE(described->state, RotationInfo::State::Idle);
        QVERIFY(described->stuckVersion.isEmpty());

        // Cleared already: a clear Conflict, and the server is left as it is.
        auto again = await(backend().clearStuckRotation(ref(name), stuck));
        VERIFY_ERROR(again, Kind::Conflict);
        QVERIFY2(again.error().message().contains(QStringLiteral("nothing to clear")),
                 qPrintable(again.error().message()));
        QCOMPARE(again.error().currentVersion(), current);
        QCOMPARE(describeRaw(moto(), name).value(QStringLiteral("VersionIdsToStages")),
                 after.value(QStringLiteral("VersionIdsToStages")));
    }

    void clearingALabelThatMovedChangesNothing() {
        const QString name = QStringLiteral("db/payments");
        QVERIFY(!createSecret(moto(), name, QStringLiteral("first")).isEmpty());
        const QStringList pending{QStringLiteral("AWSPENDING")};
        const QString seen = putVersion(moto(), name, QStringLiteral("attempt one"), pending);
        const QString newer = putVersion(moto(), name, QStringLiteral("attempt two"), pending);
        QVERIFY(!seen.isEmpty() && !newer.isEmpty());
        QCOMPARE(versionHolding(describeRaw(moto(), name), QStringLiteral("AWSPENDING")), newer);

        auto cleared = await(backend().clearStuckRotation(ref(name), seen));
        VERIFY_ERROR(cleared, Kind::Conflict);
        QVERIFY2(cleared.error().message().contains(newer), qPrintable(cleared.error().message()));
        QCOMPARE(versionHolding(describeRaw(moto(), name), QStringLiteral("AWSPENDING")), newer);

        auto nothing = await(backend().clearStuckRotation(ref(name), QString()));
        VERIFY_ERROR(nothing, Kind::InvalidInput);
    }

    void rotateNowMakesANewCurrentVersion() {
        const QString name = QStringLiteral("api/token");
        const QString first = createSecret(moto(), name, QStringLiteral("first"));
        QVERIFY(!first.isEmpty());
        auto rotated = await(backend().rotateNow(ref(name)));
        VERIFY_OK(rotated);
        const QString version = rotated.value();
        QVERIFY2(uuid.match(version).hasMatch(), qPrintable(version));
        QVERIFY(version != first);
        const QJsonObject after = describeRaw(moto(), name);
        QCOMPARE(versionHolding(after, QStringLiteral("AWSCURRENT")), version);
        QCOMPARE(versionHolding(after, QStringLiteral("AWSPREVIOUS")), first);

        auto missing = await(backend().rotateNow(ref(QStringLiteral("api/nope"))));
        VERIFY_ERROR(missing, Kind::NotFound);
        QVERIFY(!missing.error().message().isEmpty());
    }

    void configureDescribeThenTurnOffRotation() {
        QVERIFY(createRotationLambda(moto()));
        const QString name = QStringLiteral("db/reporting");
        const QString first = createSecret(moto(), name, QStringLiteral("first"));
        QVERIFY(!first.isEmpty());

        // The settings as the AWS rotation form produces them.
        const RotationSettings settings{{key::lambdaArn, rotationLambdaArn},
                                        {key::automaticallyAfterDays, 14}};
        VERIFY_OK(await(backend().configureRotation(ref(name), settings)));
        QJsonObject after = describeRaw(moto(), name);
        QCOMPARE(after.value(QStringLiteral("RotationEnabled")).toBool(), true);
        QCOMPARE(after.value(QStringLiteral("RotationLambdaARN")).toString(), rotationLambdaArn);
        QCOMPARE(after.value(QStringLiteral("RotationRules"))
                     .toObject()
                     .value(QStringLiteral("AutomaticallyAfterDays"))
                     .toInt(),
                 14);
        // Configured, not rotated: the value the applications read did not change. (With
        // RotateImmediately=true moto would make the new, empty version the default one, and
        // this plain read would fail.)
        QCOMPARE(versionHolding(after, QStringLiteral("AWSCURRENT")), first);
        const auto value = moto().secretsManager(QStringLiteral("GetSecretValue"),
                                                 {{QStringLiteral("SecretId"), name}});
        QVERIFY2(value.ok(), qPrintable(value.error()));
        QCOMPARE(value.body.value(QStringLiteral("SecretString")).toString(),
                 QStringLiteral("first"));

        auto described = await(backend().rotation(ref(name)));
        VERIFY_OK(described);
        QVERIFY(described->enabled);
        QCOMPARE(described->rotator, RotationInfo::Rotator::Function);
        QCOMPARE(described->rotatorName, rotationLambdaArn);
        QCOMPARE(described->schedule, QStringLiteral("every 14 days"));
        QVERIFY(described->nextRotation.isValid());
        // moto leaves behind the AWSPENDING version its test step made (AWS removes it), so the
        // secret may read as stuck; the description must agree with the labels either way.
        const QString pending = versionHolding(after, QStringLiteral("AWSPENDING"));
        QCOMPARE(described->state,
                 pending.isEmpty() ? RotationInfo::State::Idle : RotationInfo::State::Stuck);
        QCOMPARE(described->stuckVersion, pending);
        // What the form shows again is what configures the same rotation.
        QCOMPARE(described->settings, settings);

        VERIFY_OK(await(backend().disableRotation(ref(name))));
        after = describeRaw(moto(), name);
        QCOMPARE(after.value(QStringLiteral("RotationEnabled")).toBool(), false);
        QCOMPARE(versionHolding(after, QStringLiteral("AWSCURRENT")), first);
        described = await(backend().rotation(ref(name)));
        VERIFY_OK(described);
        QVERIFY(!described->enabled);

        // A secret that never had a rotation function: moto refuses, and says why.
        const QString plain = QStringLiteral("db/plain");
        QVERIFY(!createSecret(moto(), plain, QStringLiteral("x")).isEmpty());
        auto refused = await(backend().disableRotation(ref(plain)));
        VERIFY_ERROR(refused, Kind::InvalidInput);
        QVERIFY2(refused.error().message().contains(QStringLiteral("Lambda")),
                 qPrintable(refused.error().message()));
    }

    void badSettingsAreRefusedBeforeSending_data() {
        QTest::addColumn<RotationSettings>("settings");
        QTest::addColumn<QString>("inMessage");
        QTest::newRow("neither days nor schedule")
            << RotationSettings{{key::lambdaArn, rotationLambdaArn}} << QStringLiteral("say when");
        QTest::newRow("both") << RotationSettings{{key::automaticallyAfterDays, 30},
                                                  {key::scheduleExpression,
                                                   QStringLiteral("rate(30 days)")}}
                              << QStringLiteral("not both");
        QTest::newRow("days as words")
            << RotationSettings{{key::automaticallyAfterDays, QStringLiteral("monthly")}}
            << QStringLiteral("whole number of days");
        QTest::newRow("too many days") << RotationSettings{{key::automaticallyAfterDays, 1001}}
                                       << QStringLiteral("1 to 1000 days");
        QTest::newRow("arn not text")
            << RotationSettings{{key::lambdaArn, 42}, {key::automaticallyAfterDays, 30}}
            << QStringLiteral("must be text");
        QTest::newRow("unknown key") << RotationSettings{{QStringLiteral("rotationDays"), 30}}
                                     << QStringLiteral("no rotation setting \"rotationDays\"");
    }

    void badSettingsAreRefusedBeforeSending() {
        QFETCH(RotationSettings, settings);
        QFETCH(QString, inMessage);
        QVERIFY(createRotationLambda(moto()));
        const QString name = QStringLiteral("db/settings");
        QVERIFY(!createSecret(moto(), name, QStringLiteral("x")).isEmpty());
        const QJsonObject before = describeRaw(moto(), name);

        auto configured = await(backend().configureRotation(ref(name), settings));
        VERIFY_ERROR(configured, Kind::InvalidInput);
        QVERIFY2(configured.error().message().contains(inMessage),
                 qPrintable(configured.error().message()));
        const QJsonObject after = describeRaw(moto(), name);
        QCOMPARE(after.value(QStringLiteral("RotationEnabled")),
                 before.value(QStringLiteral("RotationEnabled")));
        QCOMPARE(after.value(QStringLiteral("RotationRules")),
                 before.value(QStringLiteral("RotationRules")));
        // Nothing was sent: a secret that does not exist gets the same refusal, not NotFound.
        auto missing = await(backend().configureRotation(ref(QStringLiteral("db/none")), settings));
        VERIFY_ERROR(missing, Kind::InvalidInput);
    }
};

QTEST_GUILESS_MAIN(TestAwsRotation)
#include "test_aws_rotation.moc"
