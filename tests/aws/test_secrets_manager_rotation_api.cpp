// The pure rotation wire format of the Secrets Manager backend: the AWS rotation form's settings
// read into a request (types, unknown keys), the RotateSecret body and its schedule rules, the
// settings a described rotation gives back (they configure the same rotation again), and the
// description in the common vocabulary (schedule text, rotator, stuck state).
#include "SecretsManagerRotationApi.h"

#include <QTest>

using namespace strongroom;
using Kind = BackendError::Kind;
using json = nlohmann::json;
namespace sm = secretsmanager;
namespace key = secretsmanager::rotationKey;

namespace {

const QString arn = QStringLiteral("arn:aws:lambda:us-east-1:1:function:rotate");

AwsSecretDescription describedWith(const AwsRotationConfig& rotation,
                                   QMap<QString, QStringList> stages = {}) {
    AwsSecretDescription out;
    out.name = QStringLiteral("app/db");
    out.rotation = rotation;
    out.versionStages = std::move(stages);
    return out;
}

} // namespace

class SecretsManagerRotationApiTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void settingsBecomeAConfiguringRequest() {
        auto request = sm::rotationRequestFromSettings({{key::lambdaArn, QStringLiteral(" ") + arn},
                                                        {key::automaticallyAfterDays, 14},
                                                        {key::duration, QStringLiteral("3h")}});
        QVERIFY2(request.ok(), qPrintable(request.ok() ? QString() : request.error().message()));
        QCOMPARE(request->lambdaArn, arn);
        QCOMPARE(request->automaticallyAfterDays, 14);
        QCOMPARE(request->duration, QStringLiteral("3h"));
        QVERIFY(request->scheduleExpression.isEmpty());
        QVERIFY(!request->rotateImmediately);

        auto asText = sm::rotationRequestFromSettings({{key::automaticallyAfterDays, "7"}});
        QVERIFY(asText.ok());
        QCOMPARE(asText->automaticallyAfterDays, 7);
        auto wide = sm::rotationRequestFromSettings({{key::automaticallyAfterDays, qlonglong(30)}});
        QVERIFY(wide.ok());
        QCOMPARE(wide->automaticallyAfterDays, 30);
    }

    void wrongSettingsAreRefusedInTheOperatorsWords_data() {
        QTest::addColumn<RotationSettings>("settings");
        QTest::addColumn<QString>("inMessage");
        QTest::newRow("unknown key") << RotationSettings{{QStringLiteral("topic"), "x"}}
                                     << QStringLiteral("lambdaArn, automaticallyAfterDays");
        QTest::newRow("days as words") << RotationSettings{{key::automaticallyAfterDays, "weekly"}}
                                       << QStringLiteral("whole number of days");
        QTest::newRow("days as a fraction") << RotationSettings{{key::automaticallyAfterDays, 1.5}}
                                            << QStringLiteral("whole number of days");
        QTest::newRow("days as yes") << RotationSettings{{key::automaticallyAfterDays, true}}
                                     << QStringLiteral("whole number of days");
        QTest::newRow("days past int")
            << RotationSettings{{key::automaticallyAfterDays, qlonglong(1) << 40}}
            << QStringLiteral("whole number of days");
        QTest::newRow("expression not text")
            << RotationSettings{{key::scheduleExpression, 10}} << QStringLiteral("must be text");
        QTest::newRow("duration not text")
            << RotationSettings{{key::duration, QStringList{QStringLiteral("2h")}}}
            << QStringLiteral("must be text");
    }

    void wrongSettingsAreRefusedInTheOperatorsWords() {
        QFETCH(RotationSettings, settings);
        QFETCH(QString, inMessage);
        auto request = sm::rotationRequestFromSettings(settings);
        QVERIFY(!request.ok());
        QCOMPARE(request.error().kind(), Kind::InvalidInput);
        QVERIFY2(request.error().message().contains(inMessage),
                 qPrintable(request.error().message()));
    }

    void theBodyCarriesOneScheduleOrNone() {
        AwsRotationRequest request;
        request.rotateImmediately = false;
        request.scheduleExpression = QStringLiteral("rate(10 days)");
        request.duration = QStringLiteral("2h");
        auto params =
            sm::rotateSecretParams(QStringLiteral("app/db"), QStringLiteral("t-1"), request);
        QVERIFY(params.ok());
        QVERIFY(params.value() ==
                json({{"SecretId", "app/db"},
                      {"ClientRequestToken", "t-1"},
                      {"RotateImmediately", false},
                      {"RotationRules",
                       {{"ScheduleExpression", "rate(10 days)"}, {"Duration", "2h"}}}}));

        // Rotating now needs no schedule: the configured one stays.
        auto now = sm::rotateSecretParams(QStringLiteral("app/db"), QStringLiteral("t-2"),
                                          AwsRotationRequest{});
        QVERIFY(now.ok());
        QVERIFY(!now->contains("RotationRules"));
        QCOMPARE(now.value()["RotateImmediately"].get<bool>(), true);

        request.automaticallyAfterDays = 10;
        auto both = sm::rotateSecretParams(QStringLiteral("app/db"), QStringLiteral("t"), request);
        QVERIFY(!both.ok());
        QVERIFY(both.error().message().contains(QStringLiteral("not both")));
        AwsRotationRequest none;
        none.rotateImmediately = false;
        auto neither = sm::rotateSecretParams(QStringLiteral("app/db"), QStringLiteral("t"), none);
        QVERIFY(!neither.ok());
        QCOMPARE(neither.error().kind(), Kind::InvalidInput);
    }

    void describedSettingsConfigureTheSameRotationAgain() {
        AwsRotationConfig rotation;
        rotation.enabled = true;
        rotation.lambdaArn = arn;
        // AWS may report the days behind an expression too: the expression is what was set.
        rotation.automaticallyAfterDays = 10;
        rotation.scheduleExpression = QStringLiteral("rate(10 days)");
        rotation.duration = QStringLiteral("2h");
        const RotationSettings settings = sm::rotationSettingsOf(rotation);
        QCOMPARE(settings, (RotationSettings{{key::lambdaArn, arn},
                                             {key::scheduleExpression, "rate(10 days)"},
                                             {key::duration, "2h"}}));
        auto again = sm::rotationRequestFromSettings(settings);
        QVERIFY(again.ok());
        QVERIFY(sm::rotateSecretParams(QStringLiteral("app/db"), QStringLiteral("t"), again.value())
                    .ok());
        QVERIFY(sm::rotationSettingsOf(AwsRotationConfig{}).isEmpty());
    }

    void aDescriptionReadsInTheCommonVocabulary() {
        AwsRotationConfig rotation;
        rotation.enabled = true;
        rotation.lambdaArn = arn;
        rotation.automaticallyAfterDays = 30;
        rotation.duration = QStringLiteral("4h");
        RotationInfo info = sm::describeRotation(
            describedWith(rotation, {{QStringLiteral("v1"), {QStringLiteral("AWSCURRENT")}},
                                     {QStringLiteral("v0"), {QStringLiteral("AWSPREVIOUS")}}}));
        QVERIFY(info.enabled);
        QCOMPARE(info.schedule, QStringLiteral("every 30 days, within a 4h window"));
        QCOMPARE(info.rotator, RotationInfo::Rotator::Function);
        QCOMPARE(info.rotatorName, arn);
        QCOMPARE(info.state, RotationInfo::State::Idle);

        rotation.scheduleExpression = QStringLiteral("cron(0 4 ? * MON *)");
        rotation.duration.clear();
        info = sm::describeRotation(
            describedWith(rotation, {{QStringLiteral("v1"), {QStringLiteral("AWSCURRENT")}},
                                     {QStringLiteral("v2"), {QStringLiteral("AWSPENDING")}}}));
        QCOMPARE(info.schedule, QStringLiteral("cron(0 4 ? * MON *)"));
        QCOMPARE(info.state, RotationInfo::State::Stuck);
        QCOMPARE(info.stuckVersion, QStringLiteral("v2"));
        QVERIFY(info.stuckReason.contains(QStringLiteral("v2")));

        // AWSPENDING together with AWSCURRENT is a finished rotation, not a stuck one.
        info = sm::describeRotation(describedWith(
            rotation, {{QStringLiteral("v1"),
                        {QStringLiteral("AWSCURRENT"), QStringLiteral("AWSPENDING")}}}));
        QCOMPARE(info.state, RotationInfo::State::Idle);
        QVERIFY(info.stuckVersion.isEmpty());
    }
};

QTEST_GUILESS_MAIN(SecretsManagerRotationApiTest)
#include "test_secrets_manager_rotation_api.moc"
