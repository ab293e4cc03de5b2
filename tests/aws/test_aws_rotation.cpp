// Rotation and the deletion window of AWS Secrets Manager, through SecretsManagerAdmin and the
// real SecretsManagerBackend against a real moto server. What the server holds afterwards is
// checked with the fixture's own unsigned calls, not through the code under test.
//
// moto's gaps (tests/../test-peers.md) shape the setup: a stuck rotation is built with
// PutSecretValue VersionStages [AWSPENDING]; RotateSecret without a Lambda makes the new version
// AWSCURRENT at once; with a Lambda ARN moto looks the function up, so a do-nothing function is
// created in moto (IAM role + Lambda, run without Docker) for the configure/cancel test.
#include "Await.h"
#include "AwsJsonClient.h"
#include "MotoServer.h"
#include "SecretsManagerAdmin.h"
#include "SecretsManagerBackend.h"

#include <QBuffer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace strongroom;
using namespace std::chrono_literals;
using Kind = BackendError::Kind;

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

namespace {

const QString lambdaArn =
    QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:rotate-db");
const QRegularExpression
    uuid(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));

SecretRef ref(const QString& name) {
    return SecretRef{name};
}

QStringList stagesOf(const QJsonObject& described, const QString& version) {
    QStringList out;
    for (const auto& stage :
         described.value(QStringLiteral("VersionIdsToStages")).toObject().value(version).toArray())
        out << stage.toString();
    return out;
}

QString versionHolding(const QJsonObject& described, const QString& stage) {
    const QJsonObject versions = described.value(QStringLiteral("VersionIdsToStages")).toObject();
    for (auto it = versions.begin(); it != versions.end(); ++it) {
        for (const auto& held : it.value().toArray()) {
            if (held.toString() == stage)
                return it.key();
        }
    }
    return {};
}

QStringList namesOf(const QList<AwsScheduledDeletion>& deletions) {
    QStringList names;
    for (const auto& deletion : deletions)
        names << deletion.name;
    return names;
}

// A zip archive holding index.py with a handler that does nothing, built by hand (stored, no
// compression) so the test needs no zip library. moto only keeps it.
QByteArray doNothingLambdaZip() {
    const QByteArray name = "index.py";
    const QByteArray content = "def handler(event, context):\n    return None\n";
    QByteArray zip;
    QBuffer out(&zip);
    out.open(QIODevice::WriteOnly);
    const auto u16 = [&out](quint16 v) {
        const char b[2] = {char(v & 0xff), char(v >> 8)};
        out.write(b, 2);
    };
    const auto u32 = [&out](quint32 v) {
        const char b[4] = {char(v & 0xff), char((v >> 8) & 0xff), char((v >> 16) & 0xff),
                           char(v >> 24)};
        out.write(b, 4);
    };
    // CRC-32 (IEEE) of the content.
    quint32 crc = 0xffffffffu;
    for (const char c : content) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    crc ^= 0xffffffffu;
    const auto size = quint32(content.size());
    u32(0x04034b50); // local file header
    u16(20), u16(0), u16(0), u16(0), u16(0), u32(crc), u32(size), u32(size);
    u16(quint16(name.size())), u16(0);
    out.write(name);
    out.write(content);
    const auto centralAt = quint32(zip.size());
    u32(0x02014b50); // central directory
    u16(20), u16(20), u16(0), u16(0), u16(0), u16(0), u32(crc), u32(size), u32(size);
    u16(quint16(name.size())), u16(0), u16(0), u16(0), u16(0), u32(0), u32(0);
    out.write(name);
    const auto centralSize = quint32(zip.size()) - centralAt;
    u32(0x06054b50); // end of central directory
    u16(0), u16(0), u16(1), u16(1), u32(centralSize), u32(centralAt), u16(0);
    return zip;
}

} // namespace

class TestAwsRotation : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<MotoServer> m_moto;
    std::unique_ptr<SecretsManagerBackend> m_backend;
    std::unique_ptr<SecretsManagerAdmin> m_admin;
    QNetworkAccessManager m_nam;

    MotoServer& moto() { return *m_moto; }
    SecretsManagerBackend& backend() { return *m_backend; }
    SecretsManagerAdmin& admin() { return *m_admin; }

    // Creates a secret behind the backend's back; its first version id, empty on failure.
    QString create(const QString& name, const QString& value) {
        const auto reply = moto().secretsManager(
            QStringLiteral("CreateSecret"),
            {{QStringLiteral("Name"), name}, {QStringLiteral("SecretString"), value}});
        if (!reply.ok())
            qWarning("CreateSecret %s: %s", qPrintable(name), qPrintable(reply.error()));
        return reply.body.value(QStringLiteral("VersionId")).toString();
    }

    QJsonObject describeRaw(const QString& name) {
        return moto()
            .secretsManager(QStringLiteral("DescribeSecret"), {{QStringLiteral("SecretId"), name}})
            .body;
    }

    // A POST to one of moto's own paths (REST Lambda API, moto-api), blocking like the fixture.
    int rawPost(const QString& path, const QByteArray& service, const QByteArray& body) {
        QUrl url = moto().address();
        url.setPath(path);
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        request.setRawHeader("Authorization",
                             "AWS4-HMAC-SHA256 Credential=testing/20261201/us-east-1/" + service +
                                 "/aws4_request, SignedHeaders=host, Signature=00");
        QNetworkReply* reply = m_nam.post(request, body);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(20s, &loop, &QEventLoop::quit);
        loop.exec();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status < 200 || status >= 300)
            qWarning("POST %s: %d %s", qPrintable(path), status, reply->readAll().constData());
        reply->deleteLater();
        return status;
    }

    // A rotation function moto can find and "run" (its simple Lambda backend, without Docker).
    bool createRotationLambda() {
        if (rawPost(QStringLiteral("/moto-api/config"), "moto",
                    R"({"lambda":{"use_docker":false}})") != 201)
            return false;
        QUrlQuery role;
        role.addQueryItem(QStringLiteral("Action"), QStringLiteral("CreateRole"));
        role.addQueryItem(QStringLiteral("Version"), QStringLiteral("2010-05-08"));
        role.addQueryItem(QStringLiteral("RoleName"), QStringLiteral("rotator"));
        role.addQueryItem(
            QStringLiteral("AssumeRolePolicyDocument"),
            QStringLiteral(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
                           R"("Principal":{"Service":"lambda.amazonaws.com"},)"
                           R"("Action":"sts:AssumeRole"}]})"));
        if (!moto().query("iam", role).ok())
            return false;
        const QJsonObject function{
            {QStringLiteral("FunctionName"), QStringLiteral("rotate-db")},
            {QStringLiteral("Runtime"), QStringLiteral("python3.11")},
            {QStringLiteral("Role"), QStringLiteral("arn:aws:iam::123456789012:role/rotator")},
            {QStringLiteral("Handler"), QStringLiteral("index.handler")},
            {QStringLiteral("Code"),
             QJsonObject{{QStringLiteral("ZipFile"),
                          QString::fromLatin1(doNothingLambdaZip().toBase64())}}}};
        return rawPost(QStringLiteral("/2015-03-31/functions"), "lambda",
                       QJsonDocument(function).toJson(QJsonDocument::Compact)) == 201;
    }

private Q_SLOTS:
    void initTestCase() {
        m_moto = std::make_unique<MotoServer>();
        QVERIFY2(moto().start(), qPrintable(moto().lastError()));
    }

    void init() {
        QVERIFY(moto().reset());
        AwsEndpoint endpoint;
        endpoint.region = MotoServer::region();
        endpoint.secretsManagerUrl = moto().address();
        endpoint.stsUrl = moto().address();
        endpoint.http.requestTimeout = 20s;
        m_backend = std::make_unique<SecretsManagerBackend>(endpoint);
        m_backend->client()->setBackoff(1ms, 5ms);
        AwsCredentials credentials;
        credentials.accessKeyId = MotoServer::accessKeyId();
        const QByteArray secret = MotoServer::secretAccessKey();
        credentials.secretAccessKey = SecretBytes(secret.constData(), std::size_t(secret.size()));
        m_backend->setCredentials(std::move(credentials));
        m_admin = std::make_unique<SecretsManagerAdmin>(m_backend.get());
    }

    void cleanup() {
        m_admin.reset();
        m_backend.reset();
    }

    void cleanupTestCase() { m_moto.reset(); }

    void stuckRotationIsFoundAndCleared() {
        const QString name = QStringLiteral("db/orders");
        const QString current = create(name, QStringLiteral("first"));
        QVERIFY(!current.isEmpty());
        const auto pending = moto().secretsManager(
            QStringLiteral("PutSecretValue"),
            {{QStringLiteral("SecretId"), name},
             {QStringLiteral("SecretString"), QStringLiteral("half-rotated")},
             {QStringLiteral("VersionStages"), QJsonArray{QStringLiteral("AWSPENDING")}}});
        QVERIFY2(pending.ok(), qPrintable(pending.error()));
        const QString stuck = pending.body.value(QStringLiteral("VersionId")).toString();

        auto described = await(backend().describe(ref(name)));
        VERIFY_OK(described);
        QCOMPARE(described->stuckPendingVersion(), std::optional<QString>(stuck));
        QCOMPARE(described->currentVersion(), current);

        VERIFY_OK(await(admin().clearPending(ref(name), stuck)));
        const QJsonObject after = describeRaw(name);
        QVERIFY(!stagesOf(after, stuck).contains(QStringLiteral("AWSPENDING")));
        QCOMPARE(versionHolding(after, QStringLiteral("AWSPENDING")), QString());
        QCOMPARE(versionHolding(after, QStringLiteral("AWSCURRENT")), current);
        described = await(backend().describe(ref(name)));
        VERIFY_OK(described);
        QVERIFY(!described->stuckPendingVersion().has_value());

        // Cleared already: a clear error, and the server is left as it is.
        auto again = await(admin().clearPending(ref(name), stuck));
        VERIFY_ERROR(again, Kind::Conflict);
        QVERIFY2(again.error().message().contains(QStringLiteral("nothing to clear")),
                 qPrintable(again.error().message()));
        QCOMPARE(again.error().currentVersion(), current);
        QCOMPARE(describeRaw(name).value(QStringLiteral("VersionIdsToStages")),
                 after.value(QStringLiteral("VersionIdsToStages")));
    }

    void clearingALabelThatMovedChangesNothing() {
        const QString name = QStringLiteral("db/payments");
        QVERIFY(!create(name, QStringLiteral("first")).isEmpty());
        const auto put = [this, &name](const QString& value) {
            return moto()
                .secretsManager(
                    QStringLiteral("PutSecretValue"),
                    {{QStringLiteral("SecretId"), name},
                     {QStringLiteral("SecretString"), value},
                     {QStringLiteral("VersionStages"), QJsonArray{QStringLiteral("AWSPENDING")}}})
                .body.value(QStringLiteral("VersionId"))
                .toString();
        };
        const QString seen = put(QStringLiteral("attempt one"));
        const QString newer = put(QStringLiteral("attempt two")); // another rotation took it
        QVERIFY(!seen.isEmpty() && !newer.isEmpty());
        QCOMPARE(versionHolding(describeRaw(name), QStringLiteral("AWSPENDING")), newer);

        auto cleared = await(admin().clearPending(ref(name), seen));
        VERIFY_ERROR(cleared, Kind::Conflict);
        QVERIFY2(cleared.error().message().contains(newer), qPrintable(cleared.error().message()));
        QCOMPARE(versionHolding(describeRaw(name), QStringLiteral("AWSPENDING")), newer);
    }

    void rotateNowMakesANewCurrentVersion() {
        const QString name = QStringLiteral("api/token");
        const QString first = create(name, QStringLiteral("first"));
        QVERIFY(!first.isEmpty());
        auto rotated = await(admin().rotateNow(ref(name)));
        VERIFY_OK(rotated);
        const QString version = rotated.value();
        QVERIFY2(uuid.match(version).hasMatch(), qPrintable(version));
        QVERIFY(version != first);
        const QJsonObject after = describeRaw(name);
        QCOMPARE(versionHolding(after, QStringLiteral("AWSCURRENT")), version);
        QCOMPARE(versionHolding(after, QStringLiteral("AWSPREVIOUS")), first);

        auto missing = await(admin().rotateNow(ref(QStringLiteral("api/nope"))));
        VERIFY_ERROR(missing, Kind::NotFound);
        QVERIFY(!missing.error().message().isEmpty());
    }

    void configureThenCancelRotation() {
        QVERIFY(createRotationLambda());
        const QString name = QStringLiteral("db/reporting");
        const QString first = create(name, QStringLiteral("first"));
        QVERIFY(!first.isEmpty());

        AwsRotationRequest request;
        request.lambdaArn = lambdaArn;
        request.automaticallyAfterDays = 14;
        VERIFY_OK(await(admin().configureRotation(ref(name), request)));
        QJsonObject after = describeRaw(name);
        QCOMPARE(after.value(QStringLiteral("RotationEnabled")).toBool(), true);
        QCOMPARE(after.value(QStringLiteral("RotationLambdaARN")).toString(), lambdaArn);
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

        auto described = await(backend().describe(ref(name)));
        VERIFY_OK(described);
        QVERIFY(described->rotation.enabled);
        QCOMPARE(described->rotation.automaticallyAfterDays, 14);
        QVERIFY(described->rotation.nextRotation.isValid());

        VERIFY_OK(await(admin().cancelRotation(ref(name))));
        after = describeRaw(name);
        QCOMPARE(after.value(QStringLiteral("RotationEnabled")).toBool(), false);
        QCOMPARE(versionHolding(after, QStringLiteral("AWSCURRENT")), first);

        // A secret that never had a rotation function: moto refuses, and says why.
        const QString plain = QStringLiteral("db/plain");
        QVERIFY(!create(plain, QStringLiteral("x")).isEmpty());
        auto refused = await(admin().cancelRotation(ref(plain)));
        VERIFY_ERROR(refused, Kind::InvalidInput);
        QVERIFY2(refused.error().message().contains(QStringLiteral("Lambda")),
                 qPrintable(refused.error().message()));
    }

    void scheduledDeletionCanBeListedAndRestored() {
        const QString name = QStringLiteral("old/token");
        const QString other = QStringLiteral("old/kept");
        QVERIFY(!create(name, QStringLiteral("still here")).isEmpty());
        QVERIFY(!create(other, QStringLiteral("kept")).isEmpty());

        const QDateTime before = QDateTime::currentDateTimeUtc();
        auto scheduled = await(admin().scheduleDeletion(ref(name), 7));
        VERIFY_OK(scheduled);
        const qint64 days = before.secsTo(scheduled.value());
        QVERIFY2(days >= 7 * 86400 - 60 && days <= 7 * 86400 + 60,
                 qPrintable(scheduled.value().toString(Qt::ISODate)));
        QVERIFY(!describeRaw(name).value(QStringLiteral("DeletedDate")).isNull());

        auto listed = await(admin().scheduledDeletions());
        VERIFY_OK(listed);
        QCOMPARE(namesOf(listed.value()), QStringList{name});
        QVERIFY(listed->first().deletedDate.isValid());
        QVERIFY(!listed->first().deletionDate.isValid()); // ListSecrets does not say; not guessed
        listed = await(admin().scheduledDeletions(QStringLiteral("old/t")));
        VERIFY_OK(listed);
        QCOMPARE(namesOf(listed.value()), QStringList{name});
        listed = await(admin().scheduledDeletions(QStringLiteral("new/")));
        VERIFY_OK(listed);
        QVERIFY(listed->isEmpty());

        auto read = await(backend().read(ref(name), {}));
        QVERIFY2(!read.ok(), "a secret scheduled for deletion must not be readable");
        QVERIFY2(read.error().message().contains(QStringLiteral("scheduled for deletion")),
                 qPrintable(read.error().message()));

        VERIFY_OK(await(admin().restore(ref(name))));
        QVERIFY(describeRaw(name).value(QStringLiteral("DeletedDate")).isNull());
        listed = await(admin().scheduledDeletions());
        VERIFY_OK(listed);
        QVERIFY(listed->isEmpty());
        read = await(backend().read(ref(name), {}));
        VERIFY_OK(read);
    }

    void recoveryWindowsOutside7To30AreRefused() {
        const QString name = QStringLiteral("old/window");
        QVERIFY(!create(name, QStringLiteral("x")).isEmpty());
        for (const int days : {6, 31}) {
            auto scheduled = await(admin().scheduleDeletion(ref(name), days));
            VERIFY_ERROR(scheduled, Kind::InvalidInput);
            QVERIFY(scheduled.error().message().contains(QStringLiteral("7 to 30 days")));
        }
        QVERIFY(describeRaw(name).value(QStringLiteral("DeletedDate")).isNull());
        // No call was made: a secret that does not exist gives the same refusal, not NotFound.
        auto missing = await(admin().scheduleDeletion(ref(QStringLiteral("old/none")), 6));
        VERIFY_ERROR(missing, Kind::InvalidInput);
    }

    void forceDeleteRemovesAtOnce() {
        const QString name = QStringLiteral("old/gone");
        QVERIFY(!create(name, QStringLiteral("x")).isEmpty());
        VERIFY_OK(await(admin().forceDelete(ref(name))));
        auto listed = await(admin().scheduledDeletions());
        VERIFY_OK(listed);
        QVERIFY(!namesOf(listed.value()).contains(name));
        auto described = await(backend().describe(ref(name)));
        VERIFY_ERROR(described, Kind::NotFound);
        QCOMPARE(describeRaw(name).value(QStringLiteral("__type")).toString(),
                 QStringLiteral("ResourceNotFoundException"));
        auto restored = await(admin().restore(ref(name)));
        VERIFY_ERROR(restored, Kind::NotFound);
    }

    void scheduledDeletionsReadEveryPage() {
        // More than one ListSecrets page (100 entries) of secrets waiting for deletion.
        constexpr int count = 120;
        for (int i = 0; i < count; ++i) {
            const QString name = QStringLiteral("bulk/%1").arg(i, 3, 10, QLatin1Char('0'));
            QVERIFY(!create(name, QStringLiteral("x")).isEmpty());
            QVERIFY(moto()
                        .secretsManager(QStringLiteral("DeleteSecret"),
                                        {{QStringLiteral("SecretId"), name},
                                         {QStringLiteral("RecoveryWindowInDays"), 7}})
                        .ok());
        }
        QVERIFY(!create(QStringLiteral("bulk/live"), QStringLiteral("x")).isEmpty());
        auto listed = await(admin().scheduledDeletions(QStringLiteral("bulk/")));
        VERIFY_OK(listed);
        QCOMPARE(listed->size(), count);
        QVERIFY(!namesOf(listed.value()).contains(QStringLiteral("bulk/live")));
        QCOMPARE(namesOf(listed.value()).removeDuplicates(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAwsRotation)
#include "test_aws_rotation.moc"
