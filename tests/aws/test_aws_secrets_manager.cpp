// SecretsManagerBackend against a real moto server: listing pages and virtual folders, the three
// value formats, versions and their staging labels, the write conflict guard and idempotent
// retries, rollback and its undo, tags, deletion and the error messages. What moto holds
// afterwards is checked through its own API (MotoServer::secretsManager), not through the code
// under test.
#include "Await.h"
#include "MotoServer.h"
#include "ScriptedHttpServer.h"
#include "SecretsManagerBackend.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace strongroom;
using Kind = BackendError::Kind;

namespace {

template <typename T> QString why(const Result<T>& result) {
    return result.ok() ? QString() : result.error().message();
}

SecretValue textValue(const char* text) {
    return SecretValue::text(SecretBytes(std::string_view(text)));
}

QString asText(const SecretValue& value) {
    return QString::fromUtf8(value.blob().view().data(), qsizetype(value.blob().size()));
}

} // namespace

class AwsSecretsManagerTest : public QObject {
    Q_OBJECT
private:
    MotoServer m_moto;
    std::unique_ptr<SecretsManagerBackend> m_backend;

    SecretsManagerBackend& backend() { return *m_backend; }

    AwsEndpoint endpoint() const {
        AwsEndpoint out;
        out.region = MotoServer::region();
        out.secretsManagerUrl = m_moto.address();
        out.stsUrl = m_moto.address();
        return out;
    }

    static AwsCredentials credentials() {
        return {MotoServer::accessKeyId(),
                SecretBytes(MotoServer::secretAccessKey().toStdString()),
                {}};
    }

    bool seed(const QString& name, const QJsonObject& more = {}) {
        QJsonObject body = more;
        body.insert(QStringLiteral("Name"), name);
        if (!body.contains(QStringLiteral("SecretString")) &&
            !body.contains(QStringLiteral("SecretBinary"))) {
            body.insert(QStringLiteral("SecretString"), QStringLiteral("value of ") + name);
        }
        return m_moto.secretsManager(QStringLiteral("CreateSecret"), body).ok();
    }

    QString motoCurrentValue(const QString& name) {
        auto reply = m_moto.secretsManager(
            QStringLiteral("GetSecretValue"),
            {{"SecretId", name}, {"VersionStage", QStringLiteral("AWSCURRENT")}});
        return reply.body.value(QLatin1String("SecretString")).toString();
    }

    int motoVersionCount(const QString& name) {
        auto reply = m_moto.secretsManager(QStringLiteral("ListSecretVersionIds"),
                                           {{"SecretId", name}, {"IncludeDeprecated", true}});
        return int(reply.body.value(QLatin1String("Versions")).toArray().size());
    }

    QString writeText(const QString& name, const QString& expected, const char* text,
                      const QString& key = {}) {
        auto written =
            await(backend().write(WriteRequest{SecretRef{name}, textValue(text), expected, key}));
        if (!written.ok()) {
            qWarning("write of %s failed: %s", qPrintable(name), qPrintable(why(written)));
            return {};
        }
        return written->newVersion;
    }

    // Every entry of `folder`, page by page; `pages` counts them.
    QList<Entry> listAll(const QString& folder, int limit, int* pages = nullptr,
                         QString* error = nullptr) {
        QList<Entry> all;
        PageRequest request{QString(), limit};
        for (int page = 0; page < 100; ++page) {
            auto listed = await(backend().list(folder, request, CancelToken()));
            if (!listed.ok()) {
                if (error) {
                    *error = why(listed);
                }
                return all;
            }
            if (pages) {
                *pages = page + 1;
            }
            all.append(listed->entries);
            if (listed->isLast()) {
                break;
            }
            request.cursor = listed->nextCursor;
        }
        return all;
    }

    static QStringList paths(const QList<Entry>& entries) {
        QStringList out;
        for (const auto& entry : entries) {
            out << entry.path;
        }
        out.sort();
        return out;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_moto.start(), qPrintable(m_moto.lastError())); }

    void init() {
        QVERIFY2(m_moto.reset(), qPrintable(m_moto.lastError()));
        m_backend = std::make_unique<SecretsManagerBackend>(endpoint());
        backend().setCredentials(credentials());
    }

    void cleanup() { m_backend.reset(); }

    void checkConnects() {
        QCOMPARE(backend().state(), ConnectionState::Connected);
        auto checked = await(backend().check());
        QVERIFY2(checked.ok(), qPrintable(why(checked)));
        QCOMPARE(backend().providerId(), QStringLiteral("aws"));
        const auto caps = backend().storeCapabilities();
        QVERIFY(caps.can(Capability::Rollback));
        QVERIFY(caps.can(Capability::BinaryValues));
        QVERIFY(!caps.can(Capability::CheckAndSet));
        QVERIFY(!caps.can(Capability::DestroyVersion));
        auto forRef = await(backend().capabilitiesFor(SecretRef{QStringLiteral("x")}));
        QVERIFY(forRef.ok());
        QCOMPARE(forRef->allowed(), caps.allowed());
    }

    void listsRootInPagesWithFoldersOnce() {
        for (const char* name : {"top1", "top2", "apple", "app/db", "app/api", "app/deep/x",
                                 "app/deep/y", "other/z", "other/w"}) {
            QVERIFY2(seed(QString::fromLatin1(name)), qPrintable(m_moto.lastError()));
        }
        int pages = 0;
        QString error;
        const auto root = listAll(QString(), 2, &pages, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(pages >= 3, qPrintable(QString::number(pages)));
        QCOMPARE(paths(root), (QStringList{"app/", "apple", "other/", "top1", "top2"}));
        for (const auto& entry : root) {
            QCOMPARE(entry.isFolder(), entry.path.endsWith(QLatin1Char('/')));
        }

        const auto app = listAll(QStringLiteral("app/"), 1, &pages, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(paths(app), (QStringList{"app/api", "app/db", "app/deep/"}));
        QCOMPARE(listAll(QStringLiteral("app/deep"), 10).size(), 2);
        QVERIFY(listAll(QStringLiteral("nothing/"), 10).isEmpty());
    }

    void aStaleCursorIsRefused() {
        auto listed = await(
            backend().list(QString(), PageRequest{QStringLiteral("gone.token"), 5}, CancelToken()));
        QVERIFY(!listed.ok());
        QCOMPARE(listed.error().kind(), Kind::InvalidInput);
        QVERIFY(listed.error().message().contains(QLatin1String("list the folder again")));
    }

    void deletedSecretsLeaveTheListing() {
        QVERIFY(seed(QStringLiteral("keep")));
        QVERIFY(seed(QStringLiteral("drop")));
        auto deleted = await(backend().deleteSecret(SecretRef{QStringLiteral("drop")}, {}));
        QVERIFY2(deleted.ok(), qPrintable(why(deleted)));
        QCOMPARE(paths(listAll(QString(), 10)), QStringList{"keep"});
        // Scheduled, not gone: restorable for 30 days.
        auto described =
            m_moto.secretsManager(QStringLiteral("DescribeSecret"), {{"SecretId", "drop"}});
        QVERIFY(described.ok());
        QVERIFY(described.body.contains(QLatin1String("DeletedDate")));
        auto read = await(backend().read(SecretRef{QStringLiteral("drop")}, {}));
        QVERIFY(!read.ok());
        QVERIFY2(read.error().message().contains(QLatin1String("scheduled for deletion; restore")),
                 qPrintable(why(read)));
    }

    void readsTheThreeFormats() {
        QVERIFY(seed(QStringLiteral("json"),
                     {{"SecretString", QStringLiteral("{\"user\":\"u1\",\"port\":5432}")}}));
        QVERIFY(seed(QStringLiteral("text"), {{"SecretString", QStringLiteral("plain words")}}));
        QVERIFY(seed(QStringLiteral("array"), {{"SecretString", QStringLiteral("[1,2]")}}));
        const QByteArray bytes("\x00\x01\xfe\xff", 4);
        QVERIFY(
            seed(QStringLiteral("bin"), {{"SecretBinary", QString::fromLatin1(bytes.toBase64())}}));

        auto json = await(backend().read(SecretRef{QStringLiteral("json")}, {}));
        QVERIFY2(json.ok(), qPrintable(why(json)));
        QCOMPARE(json->format(), SecretValue::Format::KeyValue);
        QVERIFY(json->field(QStringLiteral("user")));
        QCOMPARE(json->field(QStringLiteral("user"))->value.toDisplayString(),
                 QStringLiteral("u1"));
        QVERIFY(json->field(QStringLiteral("port"))->json);

        auto text = await(backend().read(SecretRef{QStringLiteral("text")}, {}));
        QVERIFY2(text.ok(), qPrintable(why(text)));
        QCOMPARE(text->format(), SecretValue::Format::Text);
        QCOMPARE(asText(text.value()), QStringLiteral("plain words"));

        auto array = await(backend().read(SecretRef{QStringLiteral("array")}, {}));
        QVERIFY(array.ok());
        QCOMPARE(array->format(), SecretValue::Format::Text);

        auto bin = await(backend().read(SecretRef{QStringLiteral("bin")}, {}));
        QVERIFY2(bin.ok(), qPrintable(why(bin)));
        QCOMPARE(bin->format(), SecretValue::Format::Binary);
        QCOMPARE(bin->blob().toByteArrayUnsafe(), bytes);
    }

    void writesBinaryAndKeyValue() {
        const QByteArray bytes("\x10\x00\x80", 3);
        auto created = await(
            backend().write(WriteRequest{SecretRef{QStringLiteral("b")},
                                         SecretValue::binary(SecretBytes(bytes.constData(), 3)),
                                         {},
                                         {}}));
        QVERIFY2(created.ok(), qPrintable(why(created)));
        auto stored = m_moto.secretsManager(QStringLiteral("GetSecretValue"), {{"SecretId", "b"}});
        QCOMPARE(QByteArray::fromBase64(
                     stored.body.value(QLatin1String("SecretBinary")).toString().toLatin1()),
                 bytes);

        std::vector<SecretField> fields;
        fields.push_back({QStringLiteral("k"), SecretBytes(std::string_view("v")), false});
        auto kv = await(backend().write(WriteRequest{
            SecretRef{QStringLiteral("kv")}, SecretValue::keyValue(std::move(fields)), {}, {}}));
        QVERIFY2(kv.ok(), qPrintable(why(kv)));
        QCOMPARE(motoCurrentValue(QStringLiteral("kv")), QStringLiteral("{\"k\":\"v\"}"));
    }

    void versionsCarryTheirLabels() {
        const auto name = QStringLiteral("rotating");
        const auto v1 = writeText(name, {}, "one");
        const auto v2 = writeText(name, v1, "two");
        const auto v3 = writeText(name, v2, "three");
        QVERIFY(!v1.isEmpty() && !v2.isEmpty() && !v3.isEmpty());
        auto custom = m_moto.secretsManager(QStringLiteral("PutSecretValue"),
                                            {{"SecretId", name},
                                             {"SecretString", QStringLiteral("four")},
                                             {"VersionStages", QJsonArray{"CUSTOM"}}});
        QVERIFY2(custom.ok(), qPrintable(m_moto.lastError()));
        const auto v4 = custom.body.value(QLatin1String("VersionId")).toString();
        auto pending = m_moto.secretsManager(QStringLiteral("PutSecretValue"),
                                             {{"SecretId", name},
                                              {"SecretString", QStringLiteral("five")},
                                              {"VersionStages", QJsonArray{"AWSPENDING"}}});
        QVERIFY(pending.ok());
        const auto v5 = pending.body.value(QLatin1String("VersionId")).toString();

        auto versions = await(backend().versions(SecretRef{name}));
        QVERIFY2(versions.ok(), qPrintable(why(versions)));
        QCOMPARE(versions->size(), 5);
        QHash<QString, VersionInfo> byId;
        for (const auto& version : versions.value()) {
            byId.insert(version.id, version);
        }
        QCOMPARE(byId.value(v3).marks, VersionMarks(VersionMark::Current));
        QCOMPARE(byId.value(v3).labels, QStringList{"AWSCURRENT"});
        QCOMPARE(byId.value(v2).marks, VersionMarks(VersionMark::Previous));
        QCOMPARE(byId.value(v1).marks, VersionMarks(VersionMark::Deprecated));
        QVERIFY(byId.value(v1).labels.isEmpty());
        QCOMPARE(byId.value(v4).labels, QStringList{"CUSTOM"});
        QCOMPARE(byId.value(v4).marks, VersionMarks());
        QCOMPARE(byId.value(v5).marks, VersionMarks(VersionMark::Pending));
        // Newest first.
        for (int i = 1; i < versions->size(); ++i) {
            QVERIFY(versions->at(i - 1).created >= versions->at(i).created);
        }
        // moto stamps every version with the secret's creation second; on equal dates the current
        // version leads.
        if (versions->first().created == versions->last().created) {
            QCOMPARE(versions->first().id, v3);
        } else {
            QVERIFY(versions->first().id == v4 || versions->first().id == v5);
        }

        auto old = await(backend().read(SecretRef{name}, v1));
        QVERIFY2(old.ok(), qPrintable(why(old)));
        QCOMPARE(asText(old.value()), QStringLiteral("one"));
        auto current = await(backend().read(SecretRef{name}, {}));
        QCOMPARE(asText(current.value()), QStringLiteral("three"));
    }

    void aRetriedWriteMakesOneVersion() {
        const auto name = QStringLiteral("retried");
        const auto createKey = QStringLiteral("c0ffee00-0000-4000-8000-000000000001");
        const auto v1 = writeText(name, {}, "first", createKey);
        QCOMPARE(v1, createKey);
        QCOMPARE(writeText(name, {}, "first", createKey), createKey);
        const auto key = QStringLiteral("c0ffee00-0000-4000-8000-000000000002");
        QCOMPARE(writeText(name, v1, "second", key), key);
        QCOMPARE(writeText(name, v1, "second", key), key);
        QCOMPARE(motoVersionCount(name), 2);
        QCOMPARE(motoCurrentValue(name), QStringLiteral("second"));
    }

    void aMovedCurrentIsAConflict() {
        const auto name = QStringLiteral("contended");
        const auto v1 = writeText(name, {}, "mine");
        auto other = m_moto.secretsManager(QStringLiteral("PutSecretValue"),
                                           {{"SecretId", name}, {"SecretString", "theirs"}});
        QVERIFY(other.ok());
        const auto theirs = other.body.value(QLatin1String("VersionId")).toString();
        auto written =
            await(backend().write(WriteRequest{SecretRef{name}, textValue("overwrite"), v1, {}}));
        QVERIFY(!written.ok());
        QCOMPARE(written.error().kind(), Kind::Conflict);
        QCOMPARE(written.error().currentVersion(), theirs);
        QCOMPARE(motoCurrentValue(name), QStringLiteral("theirs"));
        QCOMPARE(motoVersionCount(name), 2);

        auto again =
            await(backend().write(WriteRequest{SecretRef{name}, textValue("new"), {}, {}}));
        QVERIFY(!again.ok());
        QCOMPARE(again.error().kind(), Kind::Conflict);
        QCOMPARE(again.error().currentVersion(), theirs);
        QVERIFY(again.error().message().contains(QLatin1String("already exists")));
    }

    void rollbackAndUndo() {
        const auto name = QStringLiteral("rolled");
        const auto v1 = writeText(name, {}, "good");
        const auto v2 = writeText(name, v1, "bad");
        auto rolled = await(backend().rollback(SecretRef{name}, v1, v2));
        QVERIFY2(rolled.ok(), qPrintable(why(rolled)));
        QCOMPARE(rolled->newVersion, v1);
        auto read = await(backend().read(SecretRef{name}, {}));
        QVERIFY(read.ok());
        QCOMPARE(asText(read.value()), QStringLiteral("good"));
        QCOMPARE(motoCurrentValue(name), QStringLiteral("good"));
        auto versions = await(backend().versions(SecretRef{name}));
        QVERIFY(versions.ok());
        for (const auto& version : versions.value()) {
            QCOMPARE(version.marks.testFlag(VersionMark::Current), version.id == v1);
        }

        auto stale = await(backend().rollback(SecretRef{name}, v2, v2));
        QVERIFY(!stale.ok());
        QCOMPARE(stale.error().kind(), Kind::Conflict);
        QCOMPARE(stale.error().currentVersion(), v1);
        QCOMPARE(motoCurrentValue(name), QStringLiteral("good"));

        auto undo = await(backend().rollback(SecretRef{name}, v2, v1));
        QVERIFY2(undo.ok(), qPrintable(why(undo)));
        QCOMPARE(motoCurrentValue(name), QStringLiteral("bad"));
        auto missing = await(backend().rollback(SecretRef{name}, QStringLiteral("nope"), v2));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().kind(), Kind::NotFound);
    }

    void metadataAndTags() {
        QVERIFY(seed(QStringLiteral("tagged"),
                     {{"Description", QStringLiteral("db password")},
                      {"Tags", QJsonArray{QJsonObject{{"Key", "a"}, {"Value", "1"}},
                                          QJsonObject{{"Key", "b"}, {"Value", "2"}}}}}));
        auto metadata = await(backend().metadata(SecretRef{QStringLiteral("tagged")}));
        QVERIFY2(metadata.ok(), qPrintable(why(metadata)));
        QVERIFY(!metadata->currentVersion.isEmpty());
        QVERIFY(metadata->created.isValid());
        QCOMPARE(metadata->customMetadata.value(QStringLiteral("a")), QStringLiteral("1"));
        bool sawArn = false;
        bool sawDescription = false;
        for (const auto& detail : metadata->details) {
            sawArn |= detail.label == QLatin1String("ARN") &&
                      detail.value.startsWith(QLatin1String("arn:aws:secretsmanager:"));
            sawDescription |= detail.value == QLatin1String("db password");
        }
        QVERIFY(sawArn);
        QVERIFY(sawDescription);

        MetadataUpdate update;
        update.customMetadata = QMap<QString, QString>{{"a", "10"}, {"c", "3"}};
        auto updated = await(backend().updateMetadata(SecretRef{QStringLiteral("tagged")}, update));
        QVERIFY2(updated.ok(), qPrintable(why(updated)));
        auto described =
            m_moto.secretsManager(QStringLiteral("DescribeSecret"), {{"SecretId", "tagged"}});
        QMap<QString, QString> tags;
        for (const auto& tag : described.body.value(QLatin1String("Tags")).toArray()) {
            tags.insert(tag[QLatin1String("Key")].toString(),
                        tag[QLatin1String("Value")].toString());
        }
        QCOMPARE(tags, (QMap<QString, QString>{{"a", "10"}, {"c", "3"}}));

        MetadataUpdate unsupported;
        unsupported.maxVersions = 5;
        unsupported.customMetadata = QMap<QString, QString>{};
        auto refused =
            await(backend().updateMetadata(SecretRef{QStringLiteral("tagged")}, unsupported));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind(), Kind::Unsupported);
        QVERIFY(refused.error().message().contains(QLatin1String("only tags")));
        auto after =
            m_moto.secretsManager(QStringLiteral("DescribeSecret"), {{"SecretId", "tagged"}});
        QCOMPARE(after.body.value(QLatin1String("Tags")).toArray().size(), 2);
    }

    void errorsSayWhatHappened() {
        auto missing = await(backend().read(SecretRef{QStringLiteral("no/such")}, {}));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().kind(), Kind::NotFound);
        QVERIFY(missing.error().message().contains(QLatin1String("no/such")));
        auto folder = await(backend().read(SecretRef{QStringLiteral("app/")}, {}));
        QVERIFY(!folder.ok());
        QCOMPARE(folder.error().kind(), Kind::InvalidInput);

        QSignalSpy states(&backend(), &SecretBackend::stateChanged);
        backend().dropCredentials(ConnectionState::Locked);
        QCOMPARE(backend().state(), ConnectionState::Locked);
        auto locked = await(backend().read(SecretRef{QStringLiteral("x")}, {}));
        QVERIFY(!locked.ok());
        QCOMPARE(locked.error().kind(), Kind::Unauthenticated);
        QCOMPARE(backend().state(), ConnectionState::Locked);
        QCOMPARE(states.size(), 1);
        backend().setCredentials(credentials());
        QCOMPARE(backend().state(), ConnectionState::Connected);
        QVERIFY(await(backend().check()).ok());
    }

    void expiredCredentialsMarkTheConnectionExpired() {
        // moto accepts any key; a scripted server answers as AWS does for an expired session.
        ScriptedHttpServer aws;
        QVERIFY(aws.start());
        aws.enqueue(ScriptedHttpServer::reply(
            400,
            R"({"__type":"ExpiredTokenException","message":"The security token included in the request is expired"})",
            {{"Content-Type", "application/x-amz-json-1.1"}}));
        AwsEndpoint scripted;
        scripted.secretsManagerUrl = aws.url();
        SecretsManagerBackend expired(scripted);
        expired.setCredentials(credentials(), QDateTime::currentDateTimeUtc().addSecs(-60));
        auto checked = await(expired.check());
        QVERIFY(!checked.ok());
        QCOMPARE(checked.error().kind(), Kind::Unauthenticated);
        QVERIFY(checked.error().message().contains(QLatin1String("expired")));
        QCOMPARE(expired.state(), ConnectionState::Expired);
        QCOMPARE(aws.requests().size(), 1);
    }

    void aServerThatRepeatsItsTokenOrSendsGarbageIsRefused() {
        ScriptedHttpServer aws;
        QVERIFY(aws.start());
        const QByteArray page =
            R"({"Versions":[{"VersionId":"v1","VersionStages":["AWSCURRENT"]}],"NextToken":"same"})";
        aws.enqueue(ScriptedHttpServer::reply(200, page));
        aws.enqueue(ScriptedHttpServer::reply(200, page));
        aws.enqueue(ScriptedHttpServer::reply(200, R"({"SecretList":"not a list"})"));
        AwsEndpoint scripted;
        scripted.secretsManagerUrl = aws.url();
        SecretsManagerBackend odd(scripted);
        odd.setCredentials(credentials());
        auto versions = await(odd.versions(SecretRef{QStringLiteral("x")}));
        QVERIFY(!versions.ok());
        QCOMPARE(versions.error().kind(), Kind::InvalidResponse);
        QVERIFY(versions.error().message().contains(QLatin1String("same NextToken")));
        QCOMPARE(aws.requests().size(), 2);
        auto listed = await(odd.list(QString(), PageRequest{}, CancelToken()));
        QVERIFY(!listed.ok());
        QCOMPARE(listed.error().kind(), Kind::InvalidResponse);
        QCOMPARE(odd.state(), ConnectionState::Connected);

        aws.enqueue(ScriptedHttpServer::reply(
            400,
            R"({"__type":"DecryptionFailure","message":"Secrets Manager cannot decrypt the protected secret text using the provided KMS key."})"));
        auto undecryptable = await(odd.read(SecretRef{QStringLiteral("kms/locked")}, {}));
        QVERIFY(!undecryptable.ok());
        QCOMPARE(undecryptable.error().kind(), Kind::PermissionDenied);
        QVERIFY2(undecryptable.error().message().contains(QLatin1String(
                     "cannot decrypt kms/locked: these credentials lack kms:Decrypt")),
                 qPrintable(why(undecryptable)));
        QCOMPARE(odd.state(), ConnectionState::Connected);
    }
};

QTEST_GUILESS_MAIN(AwsSecretsManagerTest)
#include "test_aws_secrets_manager.moc"
