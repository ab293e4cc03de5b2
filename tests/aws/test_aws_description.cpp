#include "AwsSecretDescription.h"

#include <QFile>
#include <QTest>
#include <QTimeZone>

using namespace strongroom;
using Kind = BackendError::Kind;
using json = nlohmann::json;

// DescribeSecret replies recorded from moto 5.2.5 and one written from the AWS reference (see
// tests/aws/data/replies/README.md), and broken copies of them.
class TestAwsDescription : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void taggedSecret();
    void rotationConfigured();
    void stuckPendingAfterFailedRotation();
    void rotationCancelledKeepsTheLambda();
    void scheduledForDeletion();
    void documentedShapeWithFractionalDatesAndSchedule();
    void malformedReplies_data();
    void malformedReplies();
    void missingNameIsRefused();
    void labelsDecideCurrentAndStuck();
};

namespace {

json recorded(const QString& name) {
    QFile file(QStringLiteral(STRONGROOM_AWS_REPLIES "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing reply file");
    return json::parse(file.readAll().toStdString());
}

AwsSecretDescription parsed(const QString& name) {
    auto result = AwsSecretDescription::fromJson(recorded(name));
    if (!result)
        qFatal("%s", qPrintable(result.error().message()));
    return std::move(result).value();
}

QDateTime utc(qint64 msecs) {
    return QDateTime::fromMSecsSinceEpoch(msecs, QTimeZone::utc());
}

const QString v1 = QStringLiteral("11111111-1111-4111-8111-111111111111");
const QString v2 = QStringLiteral("22222222-2222-4222-8222-222222222222");
const QString v3 = QStringLiteral("33333333-3333-4333-8333-333333333333");
const QString v4 = QStringLiteral("44444444-4444-4444-8444-444444444444");

} // namespace

void TestAwsDescription::taggedSecret() {
    const auto d = parsed(QStringLiteral("describe-tagged.json"));
    QCOMPARE(d.name, QStringLiteral("app/db/password"));
    QCOMPARE(d.arn, QStringLiteral("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db/"
                                   "password-hUumzu"));
    QCOMPARE(d.description, QStringLiteral("Orders database"));
    QCOMPARE(d.created, utc(1796167711000));
    QCOMPARE(d.created.timeZone(), QTimeZone::utc());
    QCOMPARE(d.lastChanged, utc(1796167711000));
    // moto sends null for what is not set: read as not set, not as 1970.
    QVERIFY(!d.lastAccessed.isValid());
    QVERIFY(!d.deletedDate.isValid());
    QVERIFY(!d.isScheduledForDeletion());
    QVERIFY(d.kmsKeyId.isEmpty());
    QVERIFY(!d.rotation.enabled);
    QVERIFY(!d.rotation.nextRotation.isValid());
    QCOMPARE(d.tags.size(), 2);
    QCOMPARE(d.tags.value(QStringLiteral("team")), QStringLiteral("payments"));
    QCOMPARE(d.tags.value(QStringLiteral("env")), QStringLiteral("prod"));
    QCOMPARE(d.versionStages.size(), 2);
    QCOMPARE(d.versionStages.value(v1), QStringList{QStringLiteral("AWSPREVIOUS")});
    QCOMPARE(d.currentVersion(), v2);
    QVERIFY(!d.stuckPendingVersion().has_value());
}

void TestAwsDescription::rotationConfigured() {
    const auto d = parsed(QStringLiteral("describe-rotation.json"));
    QVERIFY(d.rotation.enabled);
    QCOMPARE(d.rotation.lambdaArn,
             QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:rotate-db"));
    QCOMPARE(d.rotation.automaticallyAfterDays, 30);
    QVERIFY(d.rotation.scheduleExpression.isEmpty());
    QCOMPARE(d.rotation.nextRotation, utc(1798759711000));
    QCOMPARE(d.rotation.lastRotated, utc(1796167711000));
    QCOMPARE(d.currentVersion(), v2);
    // moto leaves the AWSPENDING of a RotateImmediately=false rotation behind.
    QCOMPARE(d.stuckPendingVersion(), std::optional<QString>(v3));
}

void TestAwsDescription::stuckPendingAfterFailedRotation() {
    const auto d = parsed(QStringLiteral("describe-stuck-pending.json"));
    QCOMPARE(d.versionStages.size(), 4);
    QVERIFY(d.versionStages.contains(v3)); // deprecated: a version with no label at all
    QVERIFY(d.versionStages.value(v3).isEmpty());
    QCOMPARE(d.currentVersion(), v2);
    QCOMPARE(d.stuckPendingVersion(), std::optional<QString>(v4));
}

void TestAwsDescription::rotationCancelledKeepsTheLambda() {
    const auto d = parsed(QStringLiteral("describe-rotation-cancelled.json"));
    QVERIFY(!d.rotation.enabled);
    QVERIFY(!d.rotation.lambdaArn.isEmpty());
    QCOMPARE(d.rotation.automaticallyAfterDays, 30);
}

void TestAwsDescription::scheduledForDeletion() {
    const auto d = parsed(QStringLiteral("describe-scheduled-deletion.json"));
    QCOMPARE(d.name, QStringLiteral("old-token"));
    QVERIFY(d.isScheduledForDeletion());
    QCOMPARE(d.deletedDate, utc(1796772512188)); // 1796772512.188273, to the millisecond
    QVERIFY(d.tags.isEmpty());
    QCOMPARE(d.currentVersion(), QStringLiteral("55555555-5555-4555-8555-555555555555"));
}

void TestAwsDescription::documentedShapeWithFractionalDatesAndSchedule() {
    const auto d = parsed(QStringLiteral("describe-documented-shape.json"));
    QCOMPARE(d.lastChanged, utc(1523477145729));
    QCOMPARE(d.lastAccessed, utc(1524572133250));
    QCOMPARE(d.created, utc(1523477145713));
    QCOMPARE(d.rotation.lastRotated, utc(1525747253720));
    QCOMPARE(d.rotation.nextRotation, utc(1665165599000));
    QCOMPARE(d.rotation.automaticallyAfterDays, 0);
    QCOMPARE(d.rotation.scheduleExpression, QStringLiteral("cron(0 16 1,15 * ? *)"));
    QCOMPARE(d.rotation.duration, QStringLiteral("2h"));
    QCOMPARE(d.kmsKeyId.left(20), QStringLiteral("arn:aws:kms:us-west-"));
    QCOMPARE(d.owningService, QStringLiteral("appflow"));
    QCOMPARE(d.primaryRegion, QStringLiteral("us-west-2"));
    QCOMPARE(d.tags.value(QStringLiteral("FirstTag")), QStringLiteral("SomeValue"));
    QCOMPARE(d.currentVersion(), QStringLiteral("EXAMPLE2-90ab-cdef-fedc-ba987EXAMPLE"));
    // AWSPENDING on the AWSCURRENT version is a finished rotation, not a stuck one.
    QVERIFY(!d.stuckPendingVersion().has_value());
}

void TestAwsDescription::malformedReplies_data() {
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("inMessage");
    const auto row = [](const char* tag, const char* pointer, const char* value,
                        const char* inMessage) {
        QTest::newRow(tag) << QString::fromLatin1(pointer) << QString::fromLatin1(value)
                           << QString::fromLatin1(inMessage);
    };
    row("reply is a list", "", "[]",
        "DescribeSecret reply: got a JSON array where an object was expected");
    row("reply is a string", "", "\"ok\"", "got a JSON string");
    row("name number", "/Name", "42", "Name is a JSON number, expected a string");
    row("description object", "/Description", "{}", "Description is a JSON object");
    row("date as text", "/CreatedDate", "\"2026-12-01T00:00:00Z\"",
        "CreatedDate is a JSON string, expected a number of seconds since 1970");
    row("negative date", "/LastChangedDate", "-5", "LastChangedDate is -5 seconds");
    row("date past 9999", "/NextRotationDate", "1e300", "NextRotationDate is");
    row("deleted date bool", "/DeletedDate", "true", "DeletedDate is a JSON boolean");
    row("rotation enabled text", "/RotationEnabled", "\"true\"",
        "RotationEnabled is a JSON string, expected true or false");
    row("lambda list", "/RotationLambdaARN", "[]", "RotationLambdaARN is a JSON array");
    row("rules list", "/RotationRules", "[30]",
        "RotationRules is a JSON array, expected an object");
    row("days fraction", "/RotationRules/AutomaticallyAfterDays", "30.5",
        "RotationRules.AutomaticallyAfterDays is a JSON number, expected a whole number");
    row("days negative", "/RotationRules/AutomaticallyAfterDays", "-1",
        "RotationRules.AutomaticallyAfterDays is -1 days, outside 0..1000");
    row("days huge", "/RotationRules/AutomaticallyAfterDays", "18446744073709551615",
        "outside 0..1000");
    row("schedule number", "/RotationRules/ScheduleExpression", "5",
        "RotationRules.ScheduleExpression is a JSON number");
    row("duration bool", "/RotationRules/Duration", "false", "RotationRules.Duration is a JSON");
    row("tags object", "/Tags", "{}", "Tags is a JSON object, expected a list");
    row("tag string", "/Tags/1", "\"env\"", "Tags[1] is a JSON string, expected an object");
    row("tag key missing", "/Tags/0/Key", "null", "Tags[0] has no Key");
    row("tag value number", "/Tags/0/Value", "7", "Tags[0].Value is a JSON number");
    row("stages list", "/VersionIdsToStages", "[]", "VersionIdsToStages is a JSON array");
    row("stages string", "/VersionIdsToStages/22222222-2222-4222-8222-222222222222",
        "\"AWSCURRENT\"", "is a JSON string, expected a list");
    row("stage number", "/VersionIdsToStages/22222222-2222-4222-8222-222222222222", "[1]",
        "holds a JSON number, expected label strings");
    row("empty version id", "/VersionIdsToStages/", "[\"AWSCURRENT\"]", "empty version id");
}

void TestAwsDescription::malformedReplies() {
    QFETCH(QString, pointer);
    QFETCH(QString, value);
    QFETCH(QString, inMessage);
    json reply = recorded(QStringLiteral("describe-rotation.json"));
    const json replacement = json::parse(value.toStdString());
    if (pointer.isEmpty())
        reply = replacement;
    else
        reply[json::json_pointer(pointer.toStdString())] = replacement;

    const auto result = AwsSecretDescription::fromJson(reply);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind(), Kind::InvalidResponse);
    QVERIFY2(result.error().message().contains(inMessage), qPrintable(result.error().message()));
    QVERIFY2(result.error().message().contains(QStringLiteral("DescribeSecret")),
             qPrintable(result.error().message()));
}

void TestAwsDescription::missingNameIsRefused() {
    json reply = recorded(QStringLiteral("describe-tagged.json"));
    reply.erase("Name");
    auto result = AwsSecretDescription::fromJson(reply);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind(), Kind::InvalidResponse);
    QVERIFY(result.error().message().contains(QStringLiteral("DescribeSecret reply: no Name")));
    // A ListSecrets entry says where it came from.
    result = AwsSecretDescription::fromJson(reply, QStringLiteral("ListSecrets entry 3"));
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message().contains(QStringLiteral("ListSecrets entry 3: no Name")),
             qPrintable(result.error().message()));

    // Unknown fields and nulls alone are fine.
    result = AwsSecretDescription::fromJson(json{
        {"Name", "x"}, {"Tags", nullptr}, {"Unknown", {{"a", 1}}}, {"RotationRules", nullptr}});
    QVERIFY(result.ok());
    QCOMPARE(result->name, QStringLiteral("x"));
    QVERIFY(result->tags.isEmpty());
    QCOMPARE(result->currentVersion(), QString());
}

void TestAwsDescription::labelsDecideCurrentAndStuck() {
    AwsSecretDescription d;
    d.name = QStringLiteral("s");
    QCOMPARE(d.currentVersion(), QString());
    QVERIFY(!d.stuckPendingVersion().has_value());

    d.versionStages.insert(QStringLiteral("a"), {QStringLiteral("AWSPENDING")});
    QCOMPARE(d.currentVersion(), QString()); // no current at all, and a pending one
    QCOMPARE(d.stuckPendingVersion(), std::optional<QString>(QStringLiteral("a")));

    d.versionStages.insert(QStringLiteral("b"),
                           {QStringLiteral("custom"), QStringLiteral("AWSCURRENT")});
    QCOMPARE(d.currentVersion(), QStringLiteral("b"));
    QCOMPARE(d.stuckPendingVersion(), std::optional<QString>(QStringLiteral("a")));

    d.versionStages[QStringLiteral("a")] = {QStringLiteral("AWSPREVIOUS")};
    d.versionStages[QStringLiteral("b")].append(QStringLiteral("AWSPENDING"));
    QVERIFY(!d.stuckPendingVersion().has_value());
}

QTEST_GUILESS_MAIN(TestAwsDescription)
#include "test_aws_description.moc"
