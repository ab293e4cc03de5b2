// What SecretsManagerBackend's contract calls send and how they read replies, against a loopback
// HTTP server that plays Secrets Manager: the cases a real server cannot be made to show on
// demand (a label that moves between the describe and the move, a purge whose second step
// fails), the rotation form's settings on the wire, a recorded stuck rotation, the bin's dates,
// and the credential expiry the backend reports. The behaviour against a real server is in
// test_aws_bin, test_aws_labels and test_aws_rotation (moto).
#include "Await.h"
#include "AwsJsonClient.h"
#include "ScriptedHttpServer.h"
#include "SecretsManagerBackend.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

#include <memory>

using namespace strongroom;
using namespace std::chrono_literals;
using Kind = BackendError::Kind;
using json = nlohmann::json;
namespace key = secretsmanager::rotationKey;

#define VERIFY_OK(expression)                                                                      \
    do {                                                                                           \
        const auto& checked = (expression);                                                        \
        QVERIFY2(checked.ok(), qPrintable(checked.ok() ? QString() : checked.error().message()));  \
    } while (false)

#define VERIFY_ERROR(expression, expectedKind)                                                     \
    do {                                                                                           \
        const auto& checked = (expression);                                                        \
        QVERIFY2(!checked.ok(), "expected an error, the call succeeded");                          \
        QVERIFY2(checked.error().kind() == (expectedKind),                                         \
                 qPrintable(BackendError::kindName(checked.error().kind()) +                       \
                            QStringLiteral(": ") + checked.error().message()));                    \
    } while (false)

#define COMPARE_JSON(actual, expected)                                                             \
    do {                                                                                           \
        const json actualJson = (actual);                                                          \
        const json expectedJson = (expected);                                                      \
        QVERIFY2(                                                                                  \
            actualJson == expectedJson,                                                            \
            qPrintable(QString::fromStdString(actualJson.dump() + " != " + expectedJson.dump()))); \
    } while (false)

namespace {

const SecretRef secret{QStringLiteral("app/db/password")};
const std::string versionA = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const std::string versionB = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const std::string versionC = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";

ScriptedReply awsReply(int status, const QByteArray& body) {
    return ScriptedHttpServer::reply(status, body,
                                     {{"Content-Type", "application/x-amz-json-1.1"}});
}

ScriptedReply ok(const json& body) {
    return awsReply(200, QByteArray::fromStdString(body.dump()));
}

ScriptedReply awsError(const char* type, const char* message) {
    return awsReply(400,
                    QByteArray::fromStdString(json{{"__type", type}, {"message", message}}.dump()));
}

// A DescribeSecret reply with these version stages (and DeletedDate when given).
ScriptedReply described(const json& stages, std::optional<double> deletedDate = {}) {
    json body{{"ARN", "arn:aws:secretsmanager:us-east-1:1:secret:app/db/password-x"},
              {"Name", "app/db/password"},
              {"VersionIdsToStages", stages}};
    if (deletedDate)
        body["DeletedDate"] = *deletedDate;
    return ok(body);
}

QByteArray recordedReply(const char* name) {
    QFile file(QStringLiteral(STRONGROOM_AWS_REPLIES "/") + QString::fromLatin1(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing reply file");
    return file.readAll();
}

json bodyOf(const RecordedRequest& request) {
    return json::parse(request.body.toStdString(), nullptr, false);
}

QByteArray targetOf(const RecordedRequest& request) {
    return request.header("X-Amz-Target");
}

QDateTime at(qint64 msecs) {
    return QDateTime::fromMSecsSinceEpoch(msecs, QTimeZone::utc());
}

} // namespace

class TestAwsContractRequests : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ScriptedHttpServer> m_server;
    std::unique_ptr<SecretsManagerBackend> m_backend;

    ScriptedHttpServer& server() { return *m_server; }
    SecretsManagerBackend& backend() { return *m_backend; }

    static AwsCredentials credentials() {
        AwsCredentials out;
        out.accessKeyId = QStringLiteral("AKIDEXAMPLE");
        out.secretAccessKey = SecretBytes(std::string_view("wJalrXUtnFEMI/K7MDENG+bPxRfiCY"));
        return out;
    }

    QList<QByteArray> targets() const {
        QList<QByteArray> out;
        for (const auto& request : m_server->requests())
            out << targetOf(request);
        return out;
    }

private Q_SLOTS:
    void init() {
        m_server = std::make_unique<ScriptedHttpServer>();
        QVERIFY(m_server->start());
        AwsEndpoint endpoint;
        endpoint.secretsManagerUrl = m_server->url();
        endpoint.http.requestTimeout = 5s;
        m_backend = std::make_unique<SecretsManagerBackend>(endpoint);
        m_backend->client()->setBackoff(1ms, 5ms);
        m_backend->setCredentials(credentials());
    }

    void cleanup() {
        if (QTest::currentTestFailed()) {
            for (const auto& request : m_server->requests())
                qInfo("sent %s %s", targetOf(request).constData(), request.body.constData());
        }
        m_backend.reset();
        m_server.reset();
    }

    void aLabelMovedBetweenTheDescribeAndTheMoveIsAConflict() {
        server().enqueue(described({{versionA, {"BLUE"}}, {versionB, {"AWSCURRENT"}}}));
        server().enqueue(awsError("InvalidParameterException",
                                  "Version stage BLUE not found in version aaaaaaaa"));
        server().enqueue(described(
            {{versionA, json::array()}, {versionB, {"AWSCURRENT"}}, {versionC, {"BLUE"}}}));
        auto moved = await(backend().moveLabel(secret, QStringLiteral("BLUE"),
                                               QString::fromStdString(versionB),
                                               QString::fromStdString(versionA)));
        VERIFY_ERROR(moved, Kind::Conflict);
        QCOMPARE(moved.error().currentVersion(), QString::fromStdString(versionC));
        QCOMPARE(targets(), (QList<QByteArray>{"secretsmanager.DescribeSecret",
                                               "secretsmanager.UpdateSecretVersionStage",
                                               "secretsmanager.DescribeSecret"}));
        COMPARE_JSON(bodyOf(server().requests()[1]), json({{"SecretId", "app/db/password"},
                                                           {"VersionStage", "BLUE"},
                                                           {"MoveToVersionId", versionB},
                                                           {"RemoveFromVersionId", versionA}}));
    }

    void aRefusedMoveThatIsNoRaceKeepsAwsWords() {
        const json stages{{versionA, {"BLUE"}}, {versionB, {"AWSCURRENT"}}};
        server().enqueue(described(stages));
        server().enqueue(awsError("InvalidParameterException", "label too long"));
        server().enqueue(described(stages));
        auto moved = await(backend().moveLabel(secret, QStringLiteral("BLUE"),
                                               QString::fromStdString(versionB),
                                               QString::fromStdString(versionA)));
        VERIFY_ERROR(moved, Kind::InvalidInput);
        QVERIFY2(moved.error().message().contains(QStringLiteral("label too long")),
                 qPrintable(moved.error().message()));
    }

    void purgeRestoresThenDeletesWithoutRecovery() {
        server().enqueue(described({{versionA, {"AWSCURRENT"}}}, 1796772512.0));
        server().enqueue(ok({{"ARN", "arn"}, {"Name", "app/db/password"}}));
        server().enqueue(
            ok({{"ARN", "arn"}, {"Name", "app/db/password"}, {"DeletionDate", 1.5e9}}));
        VERIFY_OK(await(backend().purgeSecret(secret)));
        QCOMPARE(targets(),
                 (QList<QByteArray>{"secretsmanager.DescribeSecret", "secretsmanager.RestoreSecret",
                                    "secretsmanager.DeleteSecret"}));
        COMPARE_JSON(bodyOf(server().requests()[1]), json({{"SecretId", "app/db/password"}}));
        COMPARE_JSON(bodyOf(server().requests()[2]),
                     json({{"SecretId", "app/db/password"}, {"ForceDeleteWithoutRecovery", true}}));
    }

    void aPurgeWhoseDeleteFailsSaysTheSecretIsLiveAgain() {
        server().enqueue(described({{versionA, {"AWSCURRENT"}}}, 1796772512.0));
        server().enqueue(ok({{"ARN", "arn"}, {"Name", "app/db/password"}}));
        server().enqueue(awsError("AccessDeniedException", "not allowed: DeleteSecret"));
        auto purged = await(backend().purgeSecret(secret));
        VERIFY_ERROR(purged, Kind::PermissionDenied);
        QVERIFY2(purged.error().message().contains(QStringLiteral("restored and is live again")),
                 qPrintable(purged.error().message()));
        QVERIFY2(purged.error().message().contains(QStringLiteral("not allowed: DeleteSecret")),
                 qPrintable(purged.error().message()));
    }

    void aPurgeWhoseRestoreFailsDeletesNothing() {
        server().enqueue(described({{versionA, {"AWSCURRENT"}}}, 1796772512.0));
        server().enqueue(awsError("AccessDeniedException", "not allowed: RestoreSecret"));
        auto purged = await(backend().purgeSecret(secret));
        VERIFY_ERROR(purged, Kind::PermissionDenied);
        QVERIFY(!purged.error().message().contains(QStringLiteral("live again")));
        QCOMPARE(targets(), (QList<QByteArray>{"secretsmanager.DescribeSecret",
                                               "secretsmanager.RestoreSecret"}));
    }

    void theFormsSettingsGoOnTheWire() {
        server().enqueue(ok({{"ARN", "arn"}, {"Name", "app/db/password"}, {"VersionId", "v"}}));
        server().enqueue(ok({{"ARN", "arn"}, {"Name", "app/db/password"}, {"VersionId", "v"}}));
        const QString arn = QStringLiteral("arn:aws:lambda:us-east-1:1:function:rotate");
        VERIFY_OK(await(backend().configureRotation(
            secret, {{key::lambdaArn, arn},
                     {key::scheduleExpression, QStringLiteral("cron(0 16 1,15 * ? *)")},
                     {key::duration, QStringLiteral("2h")}})));
        // Days as text, as a command line gives them.
        VERIFY_OK(await(backend().configureRotation(
            secret, {{key::automaticallyAfterDays, QStringLiteral("30")}})));
        QCOMPARE(server().requests().size(), 2);
        json sent = bodyOf(server().requests()[0]);
        QCOMPARE(targetOf(server().requests()[0]), QByteArray("secretsmanager.RotateSecret"));
        COMPARE_JSON(sent["RotateImmediately"], json(false));
        COMPARE_JSON(sent["RotationLambdaARN"], json(arn.toStdString()));
        COMPARE_JSON(sent["RotationRules"],
                     json({{"ScheduleExpression", "cron(0 16 1,15 * ? *)"}, {"Duration", "2h"}}));
        QVERIFY(sent.contains("ClientRequestToken"));
        json days = bodyOf(server().requests()[1]);
        COMPARE_JSON(days["RotationRules"], json({{"AutomaticallyAfterDays", 30}}));
        QVERIFY(!days.contains("RotationLambdaARN")); // absent: keep the configured one
    }

    void rotateNowAndDisableSendOneCallEach() {
        server().enqueue(ok({{"ARN", "arn"}, {"Name", "app/db/password"}, {"VersionId", "v-new"}}));
        server().enqueue(ok({{"ARN", "arn"}, {"Name", "app/db/password"}}));
        auto rotated = await(backend().rotateNow(secret));
        VERIFY_OK(rotated);
        QCOMPARE(rotated.value(), QStringLiteral("v-new"));
        VERIFY_OK(await(backend().disableRotation(secret)));
        QCOMPARE(targets(), (QList<QByteArray>{"secretsmanager.RotateSecret",
                                               "secretsmanager.CancelRotateSecret"}));
        json sent = bodyOf(server().requests()[0]);
        COMPARE_JSON(sent["RotateImmediately"], json(true));
        QVERIFY(!sent.contains("RotationRules"));
        QVERIFY(!sent.contains("RotationLambdaARN"));
        COMPARE_JSON(bodyOf(server().requests()[1]), json({{"SecretId", "app/db/password"}}));
    }

    void aRecordedStuckRotationIsDescribed() {
        server().enqueue(awsReply(200, recordedReply("describe-stuck-pending.json")));
        auto rotation = await(backend().rotation(secret));
        VERIFY_OK(rotation);
        QVERIFY(rotation->enabled);
        QCOMPARE(rotation->state, RotationInfo::State::Stuck);
        QCOMPARE(rotation->stuckVersion, QStringLiteral("44444444-4444-4444-8444-444444444444"));
        QCOMPARE(rotation->rotator, RotationInfo::Rotator::Function);
        const QString arn =
            QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:rotate-db");
        QCOMPARE(rotation->rotatorName, arn);
        QCOMPARE(rotation->schedule, QStringLiteral("every 30 days"));
        QCOMPARE(rotation->lastRotated, at(1796167711000));
        QCOMPARE(rotation->nextRotation, at(1798759711000));
        QCOMPARE(rotation->settings,
                 (RotationSettings{{key::lambdaArn, arn}, {key::automaticallyAfterDays, 30}}));
    }

    void theBinSaysWhenEachSecretGoes() {
        json withBoth{{"Name", "a"}, {"DeletedDate", 1796000000}, {"DeletionDate", 1796604800}};
        json documented{{"Name", "b"}, {"DeletedDate", 1796772512.5}};
        json live{{"Name", "c"}};
        server().enqueue(ok({{"SecretList", {withBoth, documented, live}}}));
        auto listed = await(backend().deletedSecrets(QString(), CancelToken()));
        VERIFY_OK(listed);
        QCOMPARE(listed->size(), 2);
        QCOMPARE(listed->at(0).path, QStringLiteral("a"));
        QCOMPARE(listed->at(0).deletedAt, at(1796000000000));
        QCOMPARE(listed->at(0).purgeAt, at(1796604800000));
        // Only DeletedDate: AWS documents it as the date the secret goes.
        QCOMPARE(listed->at(1).path, QStringLiteral("b"));
        QVERIFY(!listed->at(1).deletedAt.isValid());
        QCOMPARE(listed->at(1).purgeAt, at(1796772512500));
        COMPARE_JSON(bodyOf(server().requests()[0])["IncludePlannedDeletion"], json(true));
    }

    void theCredentialExpiryFollowsTheKeys() {
        QSignalSpy changed(&backend(), &SecretBackend::credentialExpiryChanged);
        const QDateTime expires = at(1796772512000);
        backend().setCredentials(credentials(), expires);
        QCOMPARE(backend().credentialExpiry(), expires);
        QCOMPARE(backend().credentialsExpire(), expires);
        QCOMPARE(changed.size(), 1);
        backend().lock();
        QCOMPARE(backend().state(), ConnectionState::Locked);
        QVERIFY(!backend().credentialExpiry().isValid());
        QCOMPARE(changed.size(), 2);
        backend().setCredentials(credentials(), expires);
        backend().dropCredentials(ConnectionState::Offline);
        QVERIFY(!backend().credentialExpiry().isValid());
        // Long-lived keys do not expire.
        backend().setCredentials(credentials());
        QVERIFY(!backend().credentialExpiry().isValid());
        QCOMPARE(backend().state(), ConnectionState::Connected);
    }
};

QTEST_GUILESS_MAIN(TestAwsContractRequests)
#include "test_aws_contract_requests.moc"
