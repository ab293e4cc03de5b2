// What SecretsManagerAdmin sends and how it copes with odd replies, against a loopback HTTP server
// that plays Secrets Manager: the request of each operation (target, body), requests refused
// before anything is sent, a retried rotation reusing its ClientRequestToken, every way a
// ListSecrets listing ends, and malformed replies. The behaviour against a real server is in
// test_aws_rotation (moto).
#include "Await.h"
#include "AwsJsonClient.h"
#include "ScriptedHttpServer.h"
#include "SecretsManagerAdmin.h"
#include "SecretsManagerBackend.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

#include <memory>

using namespace strongroom;
using namespace std::chrono_literals;
using Kind = BackendError::Kind;
using json = nlohmann::json;

// Each evaluates its argument once: it is often the call under test itself.
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

// QCOMPARE cannot take nlohmann::json (it converts to every type); this prints both sides.
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
const QRegularExpression
    uuidV4(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));

ScriptedReply awsReply(int status, const QByteArray& body) {
    return ScriptedHttpServer::reply(status, body,
                                     {{"Content-Type", "application/x-amz-json-1.1"}});
}

ScriptedReply ok(const json& body) {
    return awsReply(200, QByteArray::fromStdString(body.dump()));
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

json listEntry(const char* name, std::optional<double> deletedDate) {
    json entry{{"ARN", std::string("arn:aws:secretsmanager:us-east-1:1:secret:") + name},
               {"Name", name},
               {"CreatedDate", 1796167711}};
    entry["DeletedDate"] = deletedDate ? json(*deletedDate) : json(nullptr);
    return entry;
}

QStringList namesOf(const QList<AwsScheduledDeletion>& deletions) {
    QStringList names;
    for (const auto& deletion : deletions)
        names << deletion.name;
    return names;
}

} // namespace

class TestAwsAdminRequests : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ScriptedHttpServer> m_server;
    std::unique_ptr<SecretsManagerBackend> m_backend;
    std::unique_ptr<SecretsManagerAdmin> m_admin;

    ScriptedHttpServer& server() { return *m_server; }
    SecretsManagerAdmin& admin() { return *m_admin; }

private Q_SLOTS:
    void init() {
        m_server = std::make_unique<ScriptedHttpServer>();
        QVERIFY(m_server->start());
        AwsEndpoint endpoint;
        endpoint.secretsManagerUrl = m_server->url();
        endpoint.http.baseBackoff = 1ms;
        endpoint.http.maxBackoff = 5ms;
        endpoint.http.requestTimeout = 5s;
        m_backend = std::make_unique<SecretsManagerBackend>(endpoint);
        m_backend->client()->setBackoff(1ms, 5ms);
        AwsCredentials credentials;
        credentials.accessKeyId = QStringLiteral("AKIDEXAMPLE");
        credentials.secretAccessKey =
            SecretBytes(std::string_view("wJalrXUtnFEMI/K7MDENG+bPxRfiCY"));
        m_backend->setCredentials(std::move(credentials));
        m_admin = std::make_unique<SecretsManagerAdmin>(m_backend.get());
    }

    void cleanup() {
        if (QTest::currentTestFailed()) {
            for (const auto& request : m_server->requests())
                qInfo("sent %s %s", targetOf(request).constData(), request.body.constData());
        }
        m_admin.reset();
        m_backend.reset();
        m_server.reset();
    }

    void rotateNowSendsAFreshTokenAndReturnsTheNewVersion() {
        server().enqueue(ok({{"ARN", "arn"}, {"Name", "app/db/password"}, {"VersionId", "v-new"}}));
        server().enqueue(ok({{"ARN", "arn"}, {"Name", "app/db/password"}, {"VersionId", "v-2"}}));
        AwsRotationRequest request;
        request.lambdaArn = QStringLiteral("arn:aws:lambda:us-east-1:1:function:rotate");
        request.automaticallyAfterDays = 30;
        auto first = await(admin().rotateNow(secret, request));
        VERIFY_OK(first);
        QCOMPARE(first.value(), QStringLiteral("v-new"));
        auto second = await(admin().rotateNow(secret));
        VERIFY_OK(second);
        QCOMPARE(second.value(), QStringLiteral("v-2"));

        QCOMPARE(server().requests().size(), 2);
        QCOMPARE(targetOf(server().requests()[0]), QByteArray("secretsmanager.RotateSecret"));
        json sent = bodyOf(server().requests()[0]);
        COMPARE_JSON(sent["SecretId"], json("app/db/password"));
        COMPARE_JSON(sent["RotateImmediately"], json(true));
        COMPARE_JSON(sent["RotationLambdaARN"], json("arn:aws:lambda:us-east-1:1:function:rotate"));
        COMPARE_JSON(sent["RotationRules"], json({{"AutomaticallyAfterDays", 30}}));
        const auto token = QString::fromStdString(sent["ClientRequestToken"].get<std::string>());
        QVERIFY2(uuidV4.match(token).hasMatch(), qPrintable(token));

        json plain = bodyOf(server().requests()[1]);
        QVERIFY(!plain.contains("RotationRules"));
        QVERIFY(!plain.contains("RotationLambdaARN"));
        QVERIFY(plain["ClientRequestToken"] != sent["ClientRequestToken"]);
    }

    void aRetriedRotationReusesItsToken() {
        server().enqueue(
            awsReply(400, R"({"__type":"ThrottlingException","message":"Rate exceeded"})"));
        server().enqueue(ok({{"VersionId", "v-new"}}));
        auto rotated = await(admin().rotateNow(secret));
        VERIFY_OK(rotated);
        QCOMPARE(server().requests().size(), 2);
        COMPARE_JSON(bodyOf(server().requests()[0])["ClientRequestToken"],
                     bodyOf(server().requests()[1])["ClientRequestToken"]);
    }

    void rotateNowRefusesAReplyWithoutAVersion() {
        server().enqueue(ok({{"ARN", "arn"}, {"Name", "app/db/password"}}));
        auto rotated = await(admin().rotateNow(secret));
        VERIFY_ERROR(rotated, Kind::InvalidResponse);
        QVERIFY(rotated.error().message().contains(QStringLiteral("VersionId")));
    }

    void configureRotationSetsTheScheduleWithoutRotating() {
        server().enqueue(ok({{"VersionId", "v-test"}}));
        AwsRotationRequest request;
        request.scheduleExpression = QStringLiteral("cron(0 16 1,15 * ? *)");
        request.duration = QStringLiteral("2h");
        VERIFY_OK(await(admin().configureRotation(secret, request)));
        QCOMPARE(server().requests().size(), 1);
        json sent = bodyOf(server().requests()[0]);
        QCOMPARE(targetOf(server().requests()[0]), QByteArray("secretsmanager.RotateSecret"));
        COMPARE_JSON(sent["RotateImmediately"], json(false));
        COMPARE_JSON(sent["RotationRules"],
                     json({{"ScheduleExpression", "cron(0 16 1,15 * ? *)"}, {"Duration", "2h"}}));
        QVERIFY(!sent.contains("RotationLambdaARN")); // empty: keep the configured one
    }

    void badRotationRequestsAreRefusedBeforeSending_data() {
        QTest::addColumn<int>("days");
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("inMessage");
        QTest::newRow("both") << 30 << QStringLiteral("rate(30 days)")
                              << QStringLiteral("not both");
        QTest::newRow("neither") << 0 << QString() << QStringLiteral("say when");
        QTest::newRow("too many days") << 1001 << QString() << QStringLiteral("1 to 1000 days");
        QTest::newRow("negative days") << -3 << QString() << QStringLiteral("not -3");
    }

    void badRotationRequestsAreRefusedBeforeSending() {
        QFETCH(int, days);
        QFETCH(QString, expression);
        QFETCH(QString, inMessage);
        AwsRotationRequest request;
        request.automaticallyAfterDays = days;
        request.scheduleExpression = expression;
        auto configured = await(admin().configureRotation(secret, request));
        VERIFY_ERROR(configured, Kind::InvalidInput);
        QVERIFY2(configured.error().message().contains(inMessage),
                 qPrintable(configured.error().message()));
        QVERIFY(server().requests().isEmpty());
    }

    void cancelRestoreAndForceDeleteSendOneCallEach() {
        server().enqueue(ok({{"ARN", "arn"}, {"Name", "app/db/password"}}));
        server().enqueue(ok({{"ARN", "arn"}, {"Name", "app/db/password"}}));
        server().enqueue(
            ok({{"ARN", "arn"}, {"Name", "app/db/password"}, {"DeletionDate", 1.5e9}}));
        VERIFY_OK(await(admin().cancelRotation(secret)));
        VERIFY_OK(await(admin().restore(secret)));
        VERIFY_OK(await(admin().forceDelete(secret)));
        QCOMPARE(server().requests().size(), 3);
        QCOMPARE(targetOf(server().requests()[0]), QByteArray("secretsmanager.CancelRotateSecret"));
        COMPARE_JSON(bodyOf(server().requests()[0]), json({{"SecretId", "app/db/password"}}));
        QCOMPARE(targetOf(server().requests()[1]), QByteArray("secretsmanager.RestoreSecret"));
        COMPARE_JSON(bodyOf(server().requests()[1]), json({{"SecretId", "app/db/password"}}));
        QCOMPARE(targetOf(server().requests()[2]), QByteArray("secretsmanager.DeleteSecret"));
        COMPARE_JSON(bodyOf(server().requests()[2]),
                     json({{"SecretId", "app/db/password"}, {"ForceDeleteWithoutRecovery", true}}));
    }

    void scheduleDeletionSendsTheWindowAndReadsTheDate() {
        server().enqueue(
            ok({{"ARN", "arn"}, {"Name", "app/db/password"}, {"DeletionDate", 1796772512.188273}}));
        auto scheduled = await(admin().scheduleDeletion(secret, 7));
        VERIFY_OK(scheduled);
        QCOMPARE(scheduled.value(),
                 QDateTime::fromMSecsSinceEpoch(1796772512188, QTimeZone::utc()));
        COMPARE_JSON(bodyOf(server().requests()[0]),
                     json({{"SecretId", "app/db/password"}, {"RecoveryWindowInDays", 7}}));
        QCOMPARE(targetOf(server().requests()[0]), QByteArray("secretsmanager.DeleteSecret"));
    }

    void scheduleDeletionWithoutADateSaysToCheck() {
        server().enqueue(
            ok({{"ARN", "arn"}, {"Name", "app/db/password"}, {"DeletionDate", "soon"}}));
        auto scheduled = await(admin().scheduleDeletion(secret, 30));
        VERIFY_ERROR(scheduled, Kind::InvalidResponse);
        QVERIFY(scheduled.error().message().contains(QStringLiteral("DeletionDate")));
    }

    void recoveryWindowsOutside7To30AreRefusedBeforeSending() {
        for (const int days : {-1, 0, 6, 31, 365}) {
            auto scheduled = await(admin().scheduleDeletion(secret, days));
            VERIFY_ERROR(scheduled, Kind::InvalidInput);
            QVERIFY2(scheduled.error().message().contains(QStringLiteral("7 to 30 days")),
                     qPrintable(scheduled.error().message()));
        }
        QVERIFY(server().requests().isEmpty());
        QVERIFY(SecretsManagerAdmin::isValidRecoveryWindow(7));
        QVERIFY(SecretsManagerAdmin::isValidRecoveryWindow(30));
    }

    void clearPendingDescribesThenRemovesTheLabel() {
        server().enqueue(awsReply(200, recordedReply("describe-stuck-pending.json")));
        server().enqueue(ok({{"ARN", "arn"}, {"Name", "app/db/password"}}));
        VERIFY_OK(await(
            admin().clearPending(secret, QStringLiteral("44444444-4444-4444-8444-444444444444"))));
        QCOMPARE(server().requests().size(), 2);
        QCOMPARE(targetOf(server().requests()[0]), QByteArray("secretsmanager.DescribeSecret"));
        QCOMPARE(targetOf(server().requests()[1]),
                 QByteArray("secretsmanager.UpdateSecretVersionStage"));
        COMPARE_JSON(bodyOf(server().requests()[1]),
                     json({{"SecretId", "app/db/password"},
                           {"VersionStage", "AWSPENDING"},
                           {"RemoveFromVersionId", "44444444-4444-4444-8444-444444444444"}}));
    }

    void clearPendingConflictsWhenTheLabelMoved_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("inMessage");
        QTest::addColumn<QString>("current");
        const QString stuck = QStringLiteral("describe-stuck-pending.json");
        const QString v2 = QStringLiteral("22222222-2222-4222-8222-222222222222");
        QTest::newRow("moved") << stuck << QStringLiteral("33333333-3333-4333-8333-333333333333")
                               << QStringLiteral("AWSPENDING moved from version 3333") << v2;
        QTest::newRow("unknown") << stuck << QStringLiteral("99999999-9999-4999-8999-999999999999")
                                 << QStringLiteral("no longer exists") << v2;
        QTest::newRow("became current") << stuck << v2 << QStringLiteral("is now AWSCURRENT") << v2;
        QTest::newRow("pending on current")
            << QStringLiteral("describe-documented-shape.json")
            << QStringLiteral("EXAMPLE2-90ab-cdef-fedc-ba987EXAMPLE")
            << QStringLiteral("is now AWSCURRENT: the rotation finished")
            << QStringLiteral("EXAMPLE2-90ab-cdef-fedc-ba987EXAMPLE");
        QTest::newRow("already cleared")
            << QStringLiteral("describe-tagged.json")
            << QStringLiteral("11111111-1111-4111-8111-111111111111")
            << QStringLiteral("no longer holds AWSPENDING: there is nothing to clear") << v2;
    }

    void clearPendingConflictsWhenTheLabelMoved() {
        QFETCH(QString, file);
        QFETCH(QString, version);
        QFETCH(QString, inMessage);
        QFETCH(QString, current);
        server().enqueue(awsReply(200, recordedReply(qPrintable(file))));
        auto cleared = await(admin().clearPending(secret, version));
        VERIFY_ERROR(cleared, Kind::Conflict);
        QVERIFY2(cleared.error().message().contains(inMessage),
                 qPrintable(cleared.error().message()));
        QCOMPARE(cleared.error().currentVersion(), current);
        QCOMPARE(server().requests().size(), 1); // the describe, nothing changed
    }

    void scheduledDeletionsEndOnAbsentNullOrEmptyToken_data() {
        QTest::addColumn<QString>("ending");
        QTest::newRow("absent") << QStringLiteral("absent");
        QTest::newRow("null") << QStringLiteral("null");
        QTest::newRow("empty") << QStringLiteral("empty");
    }

    void scheduledDeletionsEndOnAbsentNullOrEmptyToken() {
        QFETCH(QString, ending);
        server().enqueue(ok({{"SecretList", {listEntry("a", 1796772512.5), listEntry("b", {})}},
                             {"NextToken", "t1"}}));
        json last{{"SecretList", {listEntry("c", 1796772600)}}};
        if (ending == QLatin1String("null"))
            last["NextToken"] = nullptr;
        else if (ending == QLatin1String("empty"))
            last["NextToken"] = "";
        server().enqueue(ok(last));
        auto listed = await(admin().scheduledDeletions());
        VERIFY_OK(listed);
        QCOMPARE(namesOf(listed.value()), (QStringList{QStringLiteral("a"), QStringLiteral("c")}));
        QCOMPARE(listed->first().deletedDate,
                 QDateTime::fromMSecsSinceEpoch(1796772512500, QTimeZone::utc()));
        // ListSecrets gives no DeletionDate: nothing is made up.
        QVERIFY(!listed->first().deletionDate.isValid());

        QCOMPARE(server().requests().size(), 2);
        json first = bodyOf(server().requests()[0]);
        QCOMPARE(targetOf(server().requests()[0]), QByteArray("secretsmanager.ListSecrets"));
        COMPARE_JSON(first["IncludePlannedDeletion"], json(true));
        QVERIFY(!first.contains("NextToken"));
        QVERIFY(!first.contains("Filters"));
        COMPARE_JSON(bodyOf(server().requests()[1])["NextToken"], json("t1"));
    }

    void scheduledDeletionsFilterByPrefix() {
        server().enqueue(
            ok({{"SecretList", {listEntry("app/a", 1796772512), listEntry("apple", 1796772512)}}}));
        auto listed = await(admin().scheduledDeletions(QStringLiteral("app/")));
        VERIFY_OK(listed);
        QCOMPARE(namesOf(listed.value()), QStringList{QStringLiteral("app/a")});
        COMPARE_JSON(bodyOf(server().requests()[0])["Filters"],
                     json::array({{{"Key", "name"}, {"Values", {"app/"}}}}));

        // "!" would negate the filter on the server: such a prefix is matched here only.
        server().enqueue(
            ok({{"SecretList", {listEntry("!odd", 1796772512), listEntry("even", 1796772512)}}}));
        listed = await(admin().scheduledDeletions(QStringLiteral("!o")));
        VERIFY_OK(listed);
        QCOMPARE(namesOf(listed.value()), QStringList{QStringLiteral("!odd")});
        QVERIFY(!bodyOf(server().requests()[1]).contains("Filters"));
    }

    void scheduledDeletionsStopOnARepeatedToken() {
        server().enqueue(ok({{"SecretList", json::array()}, {"NextToken", "same"}}));
        server().enqueue(ok({{"SecretList", json::array()}, {"NextToken", "same"}}));
        server().enqueue(ok({{"SecretList", json::array()}, {"NextToken", "same"}}));
        auto listed = await(admin().scheduledDeletions());
        VERIFY_ERROR(listed, Kind::InvalidResponse);
        QVERIFY(listed.error().message().contains(QStringLiteral("does not advance")));
        QCOMPARE(server().requests().size(), 2);
    }

    void scheduledDeletionsRefuseMalformedPages_data() {
        QTest::addColumn<QByteArray>("page");
        QTest::addColumn<QString>("inMessage");
        QTest::newRow("list not a list")
            << QByteArray(R"({"SecretList":{}})") << QStringLiteral("SecretList is a JSON object");
        QTest::newRow("date as text")
            << QByteArray(R"({"SecretList":[{"Name":"a","DeletedDate":"2026-12-08"}]})")
            << QStringLiteral("ListSecrets entry 0: DeletedDate is a JSON string");
        QTest::newRow("token number") << QByteArray(R"({"SecretList":[],"NextToken":5})")
                                      << QStringLiteral("NextToken is a JSON number");
        QTest::newRow("not an object") << QByteArray(R"([1,2])") << QStringLiteral("not an object");
        QTest::newRow("bad deletion date")
            << QByteArray(R"({"SecretList":[{"Name":"a","DeletedDate":1,"DeletionDate":"x"}]})")
            << QStringLiteral("unreadable DeletionDate");
    }

    void scheduledDeletionsRefuseMalformedPages() {
        QFETCH(QByteArray, page);
        QFETCH(QString, inMessage);
        server().enqueue(awsReply(200, page));
        auto listed = await(admin().scheduledDeletions());
        VERIFY_ERROR(listed, Kind::InvalidResponse);
        QVERIFY2(listed.error().message().contains(inMessage),
                 qPrintable(listed.error().message()));
    }

    void aCancelledListingSendsNothing() {
        CancelToken cancel;
        cancel.cancel();
        auto listed = await(admin().scheduledDeletions({}, cancel));
        VERIFY_ERROR(listed, Kind::Cancelled);
        QVERIFY(server().requests().isEmpty());
    }

    void serverErrorsComeThroughWithTheirMessage() {
        server().enqueue(awsReply(400, "{\"__type\":\"ResourceNotFoundException\",\"message\":"
                                       "\"Secrets Manager can't find the "
                                       "specified secret.\"}"));
        auto restored = await(admin().restore(secret));
        VERIFY_ERROR(restored, Kind::NotFound);
        QVERIFY(restored.error().message().contains(QStringLiteral("can't find")));
    }

    void anAdminWhoseBackendIsGoneSendsNothing() {
        m_backend.reset();
        auto rotated = await(admin().rotateNow(secret));
        VERIFY_ERROR(rotated, Kind::Cancelled);
        auto listed = await(admin().scheduledDeletions());
        VERIFY_ERROR(listed, Kind::Cancelled);
        QVERIFY(server().requests().isEmpty());
    }

    void anEmptyNameIsRefused() {
        auto deleted = await(admin().forceDelete(SecretRef{}));
        VERIFY_ERROR(deleted, Kind::InvalidInput);
        QVERIFY(server().requests().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAwsAdminRequests)
#include "test_aws_admin_requests.moc"
