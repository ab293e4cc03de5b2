// Moving staging labels through the common contract (moveLabel) on the real
// SecretsManagerBackend against a real moto server: a new label, a label moved on, AWSCURRENT
// moved (AWS moves AWSPREVIOUS with it), and a label that moved since the operator looked,
// which must come back as Conflict naming where it is now and change nothing. What the server
// holds afterwards is checked with moto's own unsigned calls.
#include "AwsMotoKit.h"

using namespace strongroom;
using namespace awstest;
using Kind = BackendError::Kind;

namespace {

const QString blue = QStringLiteral("BLUE");

SecretRef ref(const QString& name) {
    return SecretRef{name};
}

} // namespace

class TestAwsLabels : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<MotoServer> m_moto;
    std::unique_ptr<SecretsManagerBackend> m_backend;
    QString m_name;
    QString m_first;  // AWSPREVIOUS
    QString m_second; // AWSCURRENT

    MotoServer& moto() { return *m_moto; }
    SecretBackend& backend() { return *m_backend; }

    QJsonObject stages() {
        return describeRaw(moto(), m_name).value(QStringLiteral("VersionIdsToStages")).toObject();
    }

private Q_SLOTS:
    void initTestCase() {
        m_moto = std::make_unique<MotoServer>();
        QVERIFY2(moto().start(), qPrintable(moto().lastError()));
    }

    void init() {
        QVERIFY(moto().reset());
        m_backend = backendFor(moto());
        m_name = QStringLiteral("app/db");
        m_first = createSecret(moto(), m_name, QStringLiteral("one"));
        m_second = putVersion(moto(), m_name, QStringLiteral("two"));
        QVERIFY(!m_first.isEmpty() && !m_second.isEmpty());
    }

    void cleanup() { m_backend.reset(); }

    void cleanupTestCase() { m_moto.reset(); }

    void aNewLabelIsAttachedThenMovedOn() {
        QVERIFY(backend().storeCapabilities().can(Capability::MoveLabel));
        VERIFY_OK(await(backend().moveLabel(ref(m_name), blue, m_first, QString())));
        QCOMPARE(versionHolding(describeRaw(moto(), m_name), blue), m_first);

        VERIFY_OK(await(backend().moveLabel(ref(m_name), blue, m_second, m_first)));
        const QJsonObject after = describeRaw(moto(), m_name);
        QCOMPARE(versionHolding(after, blue), m_second);
        QVERIFY(!stagesOf(after, m_first).contains(blue));
        QVERIFY(stagesOf(after, m_second).contains(QStringLiteral("AWSCURRENT")));

        // Already there: nothing to do, nothing changes.
        VERIFY_OK(await(backend().moveLabel(ref(m_name), blue, m_second, m_second)));
        QCOMPARE(versionHolding(describeRaw(moto(), m_name), blue), m_second);
    }

    void movingAwsCurrentMovesAwsPreviousWithIt() {
        VERIFY_OK(await(
            backend().moveLabel(ref(m_name), QStringLiteral("AWSCURRENT"), m_first, m_second)));
        const QJsonObject after = describeRaw(moto(), m_name);
        QCOMPARE(versionHolding(after, QStringLiteral("AWSCURRENT")), m_first);
        QCOMPARE(versionHolding(after, QStringLiteral("AWSPREVIOUS")), m_second);
        auto read = await(backend().read(ref(m_name), QString()));
        VERIFY_OK(read);
    }

    void aLabelThatMovedMeanwhileIsAConflict() {
        // The operator saw BLUE on the first version; another writer put a third version with
        // BLUE, which takes the label off the first.
        QVERIFY(stageLabel(moto(), m_name, blue, m_first));
        const QString third = putVersion(moto(), m_name, QStringLiteral("three"), {blue});
        QVERIFY(!third.isEmpty());
        QCOMPARE(versionHolding(describeRaw(moto(), m_name), blue), third);
        const QJsonObject before = stages();

        auto moved = await(backend().moveLabel(ref(m_name), blue, m_second, m_first));
        VERIFY_ERROR(moved, Kind::Conflict);
        QCOMPARE(moved.error().currentVersion(), third);
        QVERIFY2(moved.error().message().contains(third), qPrintable(moved.error().message()));
        QCOMPARE(stages(), before);

        // "The label is new" while it is on a version already: the same Conflict.
        auto fresh = await(backend().moveLabel(ref(m_name), blue, m_second, QString()));
        VERIFY_ERROR(fresh, Kind::Conflict);
        QCOMPARE(fresh.error().currentVersion(), third);
        QCOMPARE(stages(), before);
    }

    void aVersionThatDoesNotExistIsRefused() {
        const QJsonObject before = stages();
        auto moved = await(backend().moveLabel(
            ref(m_name), blue, QStringLiteral("00000000-0000-4000-8000-000000000000"), QString()));
        VERIFY_ERROR(moved, Kind::NotFound);
        QCOMPARE(stages(), before);
        auto nameless = await(backend().moveLabel(ref(m_name), QString(), m_first, QString()));
        VERIFY_ERROR(nameless, Kind::InvalidInput);
        auto missing =
            await(backend().moveLabel(ref(QStringLiteral("app/none")), blue, m_first, QString()));
        VERIFY_ERROR(missing, Kind::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestAwsLabels)
#include "test_aws_labels.moc"
