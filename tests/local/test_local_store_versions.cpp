#include "LocalTestKit.h"

#include <QTemporaryDir>
#include <QTest>

using namespace strongroom;
using namespace localtest;

namespace {

const SecretRef Db{QStringLiteral("team/db")};

QStringList idsOf(const QList<VersionInfo>& versions) {
    QStringList ids;
    for (const auto& v : versions) {
        ids << v.id;
    }
    return ids;
}

} // namespace

class TestLocalStoreVersions : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_file;
    std::unique_ptr<LocalStore> m_store;

private Q_SLOTS:
    void init() {
        m_file = m_dir.filePath(QUuid::createUuid().toString(QUuid::Id128) + QStringLiteral(".db"));
        m_store = createStore(m_file);
        QVERIFY(m_store);
    }
    void cleanup() { m_store.reset(); }

    void writesAndReadsEveryVersion() {
        auto first = put(*m_store, Db.path, kv({{"password", "one"}}), {});
        QVERIFY(first);
        QCOMPARE(first->newVersion, QStringLiteral("1"));
        auto second =
            put(*m_store, Db.path, kv({{"password", "two"}, {"user", "u"}}), QStringLiteral("1"));
        QVERIFY(second);
        QCOMPARE(second->newVersion, QStringLiteral("2"));
        QCOMPARE(fieldOf(await(m_store->read(Db, {})), "password"), QStringLiteral("two"));
        QCOMPARE(fieldOf(await(m_store->read(Db, QStringLiteral("1"))), "password"),
                 QStringLiteral("one"));
        QCOMPARE(fieldOf(await(m_store->read(Db, QStringLiteral("1"))), "user"),
                 QStringLiteral("<missing>"));
        auto missing = await(m_store->read(Db, QStringLiteral("3")));
        QCOMPARE(missing.error().kind(), BackendError::Kind::NotFound);
        auto nothing = await(m_store->read({QStringLiteral("team/none")}, {}));
        QCOMPARE(nothing.error().kind(), BackendError::Kind::NotFound);

        auto versions = await(m_store->versions(Db));
        QVERIFY(versions);
        QCOMPARE(idsOf(versions.value()), (QStringList{QStringLiteral("1"), QStringLiteral("2")}));
        QCOMPARE(versions->at(0).marks, VersionMarks());
        QCOMPARE(versions->at(1).marks, VersionMarks(VersionMark::Current));
        QVERIFY(versions->at(0).created.isValid());
        QVERIFY(versions->at(0).created <= versions->at(1).created);
        auto metadata = await(m_store->metadata(Db));
        QVERIFY(metadata);
        QCOMPARE(metadata->currentVersion, QStringLiteral("2"));
        QCOMPARE(metadata->oldestVersion, QStringLiteral("1"));
        QVERIFY(metadata->created <= metadata->updated);
    }
    void textAndBinaryValuesKeepTheirFormat() {
        QVERIFY(put(*m_store, QStringLiteral("cert"),
                    SecretValue::text(SecretBytes(std::string_view("-----BEGIN-----")),
                                      QStringLiteral("application/x-pem-file")),
                    {}));
        const char raw[] = {'\0', '\x01', '\xfe', '\xff', '\0'};
        QVERIFY(
            put(*m_store, QStringLiteral("blob"), SecretValue::binary(SecretBytes(raw, 5)), {}));
        auto text = await(m_store->read({QStringLiteral("cert")}, {}));
        QVERIFY(text);
        QCOMPARE(text->format(), SecretValue::Format::Text);
        QCOMPARE(text->blob().toDisplayString(), QStringLiteral("-----BEGIN-----"));
        QCOMPARE(text->contentType(), QStringLiteral("application/x-pem-file"));
        auto binary = await(m_store->read({QStringLiteral("blob")}, {}));
        QVERIFY(binary);
        QCOMPARE(binary->format(), SecretValue::Format::Binary);
        QCOMPARE(binary->blob().toByteArrayUnsafe(), QByteArray(raw, 5));
    }
    void staleOrMissingCasIsAConflict() {
        QVERIFY(put(*m_store, Db.path, kv({{"k", "1"}}), {}));
        auto again = put(*m_store, Db.path, kv({{"k", "x"}}), {});
        QVERIFY(!again);
        QCOMPARE(again.error().kind(), BackendError::Kind::Conflict);
        QCOMPARE(again.error().currentVersion(), QStringLiteral("1"));
        auto ahead = put(*m_store, Db.path, kv({{"k", "x"}}), QStringLiteral("5"));
        QCOMPARE(ahead.error().kind(), BackendError::Kind::Conflict);
        auto fresh = put(*m_store, QStringLiteral("new"), kv({{"k", "x"}}), QStringLiteral("1"));
        QCOMPARE(fresh.error().kind(), BackendError::Kind::Conflict);
        QCOMPARE(fresh.error().currentVersion(), QString());
        QCOMPARE(fieldOf(await(m_store->read(Db, {})), "k"), QStringLiteral("1"));
    }
    void twoStoresOnOneFileCannotBothWin() {
        auto other = openStore(m_file);
        QVERIFY(other);
        QVERIFY(put(*m_store, Db.path, kv({{"k", "base"}}), {}));
        QVERIFY(put(*m_store, Db.path, kv({{"k", "mine"}}), QStringLiteral("1")));
        auto theirs = put(*other, Db.path, kv({{"k", "theirs"}}), QStringLiteral("1"));
        QVERIFY(!theirs);
        QCOMPARE(theirs.error().kind(), BackendError::Kind::Conflict);
        QCOMPARE(theirs.error().currentVersion(), QStringLiteral("2"));
        QCOMPARE(fieldOf(await(other->read(Db, {})), "k"), QStringLiteral("mine"));

        // Both writers start at the same time on their own threads: exactly one may win.
        for (int round = 0; round < 10; ++round) {
            const QString path = QStringLiteral("race/%1").arg(round);
            auto a = m_store->write({{path}, kv({{"k", "a"}}), {}, {}});
            auto b = other->write({{path}, kv({{"k", "b"}}), {}, {}});
            auto resultA = await(std::move(a));
            auto resultB = await(std::move(b));
            QVERIFY2(resultA.ok() != resultB.ok(), qPrintable(path));
            const auto& loser = resultA ? resultB : resultA;
            QCOMPARE(loser.error().kind(), BackendError::Kind::Conflict);
            QCOMPARE(loser.error().currentVersion(), QStringLiteral("1"));
            auto versions = await(m_store->versions({path}));
            QCOMPARE(versions->size(), 1);
        }
    }
    void rollbackWritesTheOldValueAsNewVersion() {
        QVERIFY(put(*m_store, Db.path, kv({{"k", "good"}}), {}));
        QVERIFY(put(*m_store, Db.path, kv({{"k", "bad"}}), QStringLiteral("1")));
        auto stale = await(m_store->rollback(Db, QStringLiteral("1"), QStringLiteral("1")));
        QCOMPARE(stale.error().kind(), BackendError::Kind::Conflict);
        QCOMPARE(stale.error().currentVersion(), QStringLiteral("2"));
        auto rolled = await(m_store->rollback(Db, QStringLiteral("1"), QStringLiteral("2")));
        QVERIFY(rolled);
        QCOMPARE(rolled->newVersion, QStringLiteral("3"));
        QCOMPARE(fieldOf(await(m_store->read(Db, {})), "k"), QStringLiteral("good"));
        QCOMPARE(fieldOf(await(m_store->read(Db, QStringLiteral("2"))), "k"),
                 QStringLiteral("bad"));

        QVERIFY(await(m_store->deleteVersions(Db, {QStringLiteral("1")})));
        auto deleted = await(m_store->rollback(Db, QStringLiteral("1"), QStringLiteral("3")));
        QVERIFY(!deleted);
        QVERIFY2(deleted.error().detail().contains(QStringLiteral("undelete it first")),
                 qPrintable(deleted.error().detail()));
        QVERIFY(await(m_store->destroyVersions(Db, {QStringLiteral("2")})));
        auto destroyed = await(m_store->rollback(Db, QStringLiteral("2"), QStringLiteral("3")));
        QCOMPARE(destroyed.error().kind(), BackendError::Kind::NotFound);
        QVERIFY(destroyed.error().detail().contains(QStringLiteral("destroyed")));
        QCOMPARE(await(m_store->metadata(Db))->currentVersion, QStringLiteral("3"));
    }
    void deleteUndeleteDestroy() {
        for (int i = 1; i <= 3; ++i) {
            QVERIFY(put(*m_store, Db.path,
                        kv({{"k", i == 1   ? "v1"
                                  : i == 2 ? "v2"
                                           : "v3"}}),
                        i == 1 ? QString() : QString::number(i - 1)));
        }
        QVERIFY(await(m_store->deleteVersions(Db, {QStringLiteral("1"), QStringLiteral("3")})));
        auto readDeleted = await(m_store->read(Db, QStringLiteral("1")));
        QCOMPARE(readDeleted.error().kind(), BackendError::Kind::NotFound);
        QVERIFY(readDeleted.error().detail().contains(QStringLiteral("deleted")));
        // The current version itself is deleted: reading "current" says so too.
        QVERIFY(await(m_store->read(Db, {})).error().detail().contains(QStringLiteral("deleted")));
        auto marks = await(m_store->versions(Db));
        QCOMPARE(marks->at(0).marks, VersionMarks(VersionMark::Deleted));
        QVERIFY(marks->at(0).deletedAt.isValid());
        QCOMPARE(marks->at(1).marks, VersionMarks());
        QVERIFY(!marks->at(1).deletedAt.isValid());
        QCOMPARE(marks->at(2).marks, VersionMark::Current | VersionMark::Deleted);

        QVERIFY(await(m_store->undeleteVersions(Db, {QStringLiteral("1"), QStringLiteral("3")})));
        QCOMPARE(fieldOf(await(m_store->read(Db, QStringLiteral("1"))), "k"), QStringLiteral("v1"));
        QCOMPARE(fieldOf(await(m_store->read(Db, {})), "k"), QStringLiteral("v3"));

        QVERIFY(await(m_store->destroyVersions(Db, {QStringLiteral("2")})));
        auto readDestroyed = await(m_store->read(Db, QStringLiteral("2")));
        QCOMPARE(readDestroyed.error().kind(), BackendError::Kind::NotFound);
        QVERIFY(readDestroyed.error().detail().contains(QStringLiteral("destroyed")));
        QVERIFY(await(m_store->undeleteVersions(Db, {QStringLiteral("2")})));
        QCOMPARE(await(m_store->versions(Db))->at(1).marks, VersionMarks(VersionMark::Destroyed));
        auto unknown = await(m_store->deleteVersions(Db, {QStringLiteral("9")}));
        QCOMPARE(unknown.error().kind(), BackendError::Kind::NotFound);
        auto garbage = await(m_store->deleteVersions(Db, {QStringLiteral("two")}));
        QCOMPARE(garbage.error().kind(), BackendError::Kind::InvalidInput);

        // The destroyed ciphertext is gone from the file, not just hidden.
        m_store.reset();
        int nullRows = -1;
        QVERIFY(editFile(m_file, [&](QSqlDatabase& db) {
            QSqlQuery query(db);
            const bool ok = query.exec(QStringLiteral(
                "SELECT version, ciphertext IS NULL FROM versions ORDER BY version"));
            nullRows = 0;
            while (ok && query.next()) {
                nullRows += query.value(1).toInt() * query.value(0).toInt();
            }
            return ok;
        }));
        QCOMPARE(nullRows, 2); // only version 2's ciphertext is NULL
    }
    void deleteSecretRemovesEverything() {
        QVERIFY(put(*m_store, Db.path, kv({{"k", "1"}}), {}));
        QVERIFY(put(*m_store, Db.path, kv({{"k", "2"}}), QStringLiteral("1")));
        QVERIFY(await(m_store->updateMetadata(Db, {5, true, {}, {}})));
        QVERIFY(await(m_store->deleteSecret(Db, {})));
        QCOMPARE(await(m_store->read(Db, {})).error().kind(), BackendError::Kind::NotFound);
        QCOMPARE(await(m_store->versions(Db)).error().kind(), BackendError::Kind::NotFound);
        QCOMPARE(await(m_store->metadata(Db)).error().kind(), BackendError::Kind::NotFound);
        QCOMPARE(await(m_store->deleteSecret(Db, {})).error().kind(), BackendError::Kind::NotFound);
        auto again = put(*m_store, Db.path, kv({{"k", "fresh"}}), {});
        QVERIFY(again);
        QCOMPARE(again->newVersion, QStringLiteral("1"));
        QCOMPARE(await(m_store->metadata(Db))->maxVersions, 0);
    }
    void metadataUpdatesPersist() {
        QVERIFY(put(*m_store, Db.path, kv({{"k", "1"}}), {}));
        MetadataUpdate update;
        update.casRequired = true;
        update.deleteVersionAfter = QStringLiteral("720h");
        update.customMetadata =
            QMap<QString, QString>{{QStringLiteral("owner"), QStringLiteral("dba")},
                                   {QStringLiteral("ticket"), QStringLiteral("OPS-1")}};
        QVERIFY(await(m_store->updateMetadata(Db, update)));
        MetadataUpdate onlyMax;
        onlyMax.maxVersions = 7;
        QVERIFY(await(m_store->updateMetadata(Db, onlyMax)));
        m_store.reset();
        m_store = openStore(m_file);
        QVERIFY(m_store);
        auto metadata = await(m_store->metadata(Db));
        QVERIFY(metadata);
        QCOMPARE(metadata->maxVersions, 7);
        QVERIFY(metadata->casRequired);
        QCOMPARE(metadata->deleteVersionAfter, QStringLiteral("720h"));
        QCOMPARE(metadata->customMetadata.value(QStringLiteral("owner")), QStringLiteral("dba"));
        QCOMPARE(metadata->customMetadata.size(), 2);
        MetadataUpdate negative;
        negative.maxVersions = -1;
        QCOMPARE(await(m_store->updateMetadata(Db, negative)).error().kind(),
                 BackendError::Kind::InvalidInput);
        QCOMPARE(await(m_store->updateMetadata({QStringLiteral("nope")}, update)).error().kind(),
                 BackendError::Kind::NotFound);
    }
    void maxVersionsDropsTheOldest() {
        QVERIFY(put(*m_store, Db.path, kv({{"k", "1"}}), {}));
        MetadataUpdate update;
        update.maxVersions = 3;
        QVERIFY(await(m_store->updateMetadata(Db, update)));
        for (int v = 2; v <= 5; ++v) {
            QVERIFY(put(*m_store, Db.path, kv({{"k", "x"}}), QString::number(v - 1)));
        }
        auto versions = await(m_store->versions(Db));
        QCOMPARE(idsOf(versions.value()),
                 (QStringList{QStringLiteral("3"), QStringLiteral("4"), QStringLiteral("5")}));
        auto metadata = await(m_store->metadata(Db));
        QCOMPARE(metadata->oldestVersion, QStringLiteral("3"));
        QCOMPARE(metadata->currentVersion, QStringLiteral("5"));
        QCOMPARE(await(m_store->read(Db, QStringLiteral("2"))).error().kind(),
                 BackendError::Kind::NotFound);
    }
    void rejectsMalformedPaths() {
        for (const char* bad : {"", "/lead", "trail/", "a//b", "a/../b", "."}) {
            auto written = put(*m_store, QString::fromLatin1(bad), kv({{"k", "v"}}), {});
            QVERIFY2(!written, bad);
            QCOMPARE(written.error().kind(), BackendError::Kind::InvalidInput);
        }
        QCOMPARE(await(m_store->capabilitiesFor({QStringLiteral("a//b")})).error().kind(),
                 BackendError::Kind::InvalidInput);
    }
    void capabilitiesCoverKvV2ButNotRotation() {
        const auto caps = m_store->storeCapabilities();
        for (auto capability :
             {Capability::List, Capability::Read, Capability::Write, Capability::Versions,
              Capability::ReadVersion, Capability::DeleteVersion, Capability::UndeleteVersion,
              Capability::DestroyVersion, Capability::DeleteSecret, Capability::Rollback,
              Capability::EditMetadata, Capability::BinaryValues, Capability::CheckAndSet}) {
            QVERIFY2(caps.can(capability), qPrintable(capabilityName(capability)));
        }
        QVERIFY(!caps.can(Capability::Rotate));
        auto forPath = await(m_store->capabilitiesFor(Db));
        QVERIFY(forPath);
        QCOMPARE(forPath->allowed(), caps.allowed());
    }
};

QTEST_GUILESS_MAIN(TestLocalStoreVersions)
#include "test_local_store_versions.moc"
