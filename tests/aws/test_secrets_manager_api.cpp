// The pure parts of the Secrets Manager backend: reading ListSecrets / ListSecretVersionIds /
// GetSecretValue replies (including wrong types and the three spellings of "no next page"),
// writing values, and folding flat names into folders across pages without repeating any.
#include "SecretsManagerApi.h"
#include "SecretsManagerFolderListing.h"

#include <QTest>

using namespace strongroom;
using Kind = BackendError::Kind;
using json = nlohmann::json;

class SecretsManagerApiTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void nextTokenAbsentNullOrEmptyIsTheEnd() {
        QCOMPARE(secretsmanager::nextToken(json::object()), QString());
        QCOMPARE(secretsmanager::nextToken(json{{"NextToken", nullptr}}), QString());
        QCOMPARE(secretsmanager::nextToken(json{{"NextToken", ""}}), QString());
        QCOMPARE(secretsmanager::nextToken(json{{"NextToken", 5}}), QString());
        QCOMPARE(secretsmanager::nextToken(json{{"NextToken", "abc"}}), QStringLiteral("abc"));
    }

    void secretListSkipsNothingButMarksDeleted() {
        auto page = secretsmanager::parseSecretList(json::parse(
            R"({"SecretList":[{"Name":"a"},{"Name":"b","DeletedDate":1700000000.5}],"NextToken":null})"));
        QVERIFY(page.ok());
        QCOMPARE(page->secrets.size(), 2);
        QVERIFY(!page->secrets[0].scheduledForDeletion);
        QVERIFY(page->secrets[1].scheduledForDeletion);
        QVERIFY(page->nextToken.isEmpty());

        auto wrong = secretsmanager::parseSecretList(json::parse(R"({"SecretList":{"Name":"a"}})"));
        QCOMPARE(wrong.error().kind(), Kind::InvalidResponse);
        auto nameless =
            secretsmanager::parseSecretList(json::parse(R"({"SecretList":[{"Name":7}]})"));
        QCOMPARE(nameless.error().kind(), Kind::InvalidResponse);
    }

    void versionMarksFromStages() {
        // Built in code: moc cannot read a raw string literal that spans lines.
        json reply{{"NextToken", ""}};
        reply["Versions"] = json::array(
            {{{"VersionId", "old"}, {"CreatedDate", 100}},
             {{"VersionId", "prev"}, {"VersionStages", {"AWSPREVIOUS"}}, {"CreatedDate", 200}},
             {{"VersionId", "cur"},
              {"VersionStages", {"AWSCURRENT", "release-7"}},
              {"CreatedDate", 300}},
             {{"VersionId", "pend"}, {"VersionStages", {"AWSPENDING"}}, {"CreatedDate", 400}}});
        auto page = secretsmanager::parseVersionList(reply);
        QVERIFY(page.ok());
        auto versions = page->versions;
        secretsmanager::sortNewestFirst(versions);
        QCOMPARE(versions[0].id, QStringLiteral("pend"));
        QCOMPARE(versions[0].marks, VersionMarks(VersionMark::Pending));
        QCOMPARE(versions[1].marks, VersionMarks(VersionMark::Current));
        QCOMPARE(versions[1].labels, (QStringList{"AWSCURRENT", "release-7"}));
        QCOMPARE(versions[2].marks, VersionMarks(VersionMark::Previous));
        QCOMPARE(versions[3].marks, VersionMarks(VersionMark::Deprecated));
        QCOMPARE(versions[3].created.toSecsSinceEpoch(), 100);

        auto badDate = secretsmanager::parseVersionList(
            json::parse(R"({"Versions":[{"VersionId":"x","CreatedDate":"yesterday"}]})"));
        QCOMPARE(badDate.error().kind(), Kind::InvalidResponse);
        auto badStage = secretsmanager::parseVersionList(
            json::parse(R"({"Versions":[{"VersionId":"x","VersionStages":[1]}]})"));
        QCOMPARE(badStage.error().kind(), Kind::InvalidResponse);
    }

    void secretValueFormats() {
        json object{{"SecretString", "{\"a\":\"1\"}"}};
        auto kv = secretsmanager::takeSecretValue(object, QStringLiteral("s"));
        QVERIFY(kv.ok());
        QCOMPARE(kv->format(), SecretValue::Format::KeyValue);
        // The secret text is wiped from the reply.
        QCOMPARE(object["SecretString"].get<std::string>(), std::string());

        json binary = json{{"SecretBinary", "AAH/"}};
        auto bin = secretsmanager::takeSecretValue(binary, QStringLiteral("s"));
        QVERIFY(bin.ok());
        QCOMPARE(bin->blob().toByteArrayUnsafe(), QByteArray("\x00\x01\xff", 3));

        json bad = json{{"SecretBinary", "not base64!"}};
        auto refused = secretsmanager::takeSecretValue(bad, QStringLiteral("s"));
        QCOMPARE(refused.error().kind(), Kind::InvalidResponse);
        QVERIFY(refused.error().message().contains(QLatin1String("base64")));

        json none = json{{"Name", "s"}};
        QCOMPARE(secretsmanager::takeSecretValue(none, QStringLiteral("s")).error().kind(),
                 Kind::NotFound);
        json number = json{{"SecretString", 5}};
        QCOMPARE(secretsmanager::takeSecretValue(number, QStringLiteral("s")).error().kind(),
                 Kind::InvalidResponse);
    }

    void valuesGoOutInTheirField() {
        json params = json::object();
        secretsmanager::putSecretValue(params, SecretValue::binary(SecretBytes("\x00\xff", 2)));
        QCOMPARE(params["SecretBinary"].get<std::string>(), std::string("AP8="));
        QVERIFY(!params.contains("SecretString"));
        json text = json::object();
        secretsmanager::putSecretValue(text,
                                       SecretValue::text(SecretBytes(std::string_view("hi"))));
        QCOMPARE(text["SecretString"].get<std::string>(), std::string("hi"));
    }

    void foldersAreShownOnceAcrossPages() {
        SecretsManagerFolderListing listing;
        auto cursor = listing.open({});
        QVERIFY(cursor);
        auto first = listing.fold(*cursor, QString(), {"a/x", "a/y", "b", "c/d/e"});
        QCOMPARE(first.size(), 3);
        const QString next = listing.next(*cursor, QStringLiteral("tok/with.dots"));
        QVERIFY(!next.isEmpty());
        auto reopened = listing.open(next);
        QVERIFY(reopened);
        QCOMPARE(reopened->awsToken, QStringLiteral("tok/with.dots"));
        auto second = listing.fold(*reopened, QString(), {"a/z", "c/q", "d/1"});
        QCOMPARE(second.size(), 1);
        QCOMPARE(second.first().path, QStringLiteral("d/"));
        QVERIFY(second.first().isFolder());
        QVERIFY(listing.next(*reopened, {}).isEmpty());
        QVERIFY(!listing.open(next)); // the finished session is gone

        auto inFolder = listing.open({});
        auto rows = listing.fold(*inFolder, QStringLiteral("a/"), {"a/x", "ab", "a/b/c", "a/"});
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].name, QStringLiteral("x"));
        QCOMPARE(rows[1].path, QStringLiteral("a/b/"));
    }

    void oldSessionsAreDroppedNotReused() {
        SecretsManagerFolderListing listing;
        auto first = listing.open({});
        const QString cursor = listing.next(*first, QStringLiteral("t"));
        for (int i = 0; i < SecretsManagerFolderListing::maxSessions; ++i) {
            listing.open({});
        }
        QVERIFY(!listing.open(cursor));
        QVERIFY(!listing.open(QStringLiteral("garbage")));
        QVERIFY(!listing.open(QStringLiteral(".t")));
    }
};

QTEST_GUILESS_MAIN(SecretsManagerApiTest)
#include "test_secrets_manager_api.moc"
