#include "AuditLog.h"
#include "Await.h"
#include "Connection.h"
#include "DeletionService.h"
#include "DemoSeeder.h"
#include "FakeBackend.h"
#include "SecretService.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace strongroom;

namespace {

SecretValue kv(const char* key, const char* value) {
    return SecretValue::keyValue(
        {{QString::fromLatin1(key), SecretBytes(std::string_view(value)), false}});
}

} // namespace

class TestSecretService : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<SecretService> m_service;
    std::unique_ptr<Connection> m_connection;
    FakeBackend* m_backend = nullptr;
    int m_run = 0;

    QList<AuditEntry> allEntries() { return await(m_audit->recent(0)).value(); }

    QByteArray auditBytes() {
        QFile file(m_audit->filePath());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    Result<WriteResult> writeValue(const char* path, const char* value, QString expected) {
        return await(
            m_service->write(m_connection.get(), WriteRequest{SecretRef{QString::fromLatin1(path)},
                                                              kv("password", value),
                                                              std::move(expected),
                                                              {}}));
    }

private Q_SLOTS:
    void init() {
        m_audit = std::make_unique<AuditLog>(
            m_dir.filePath(QStringLiteral("audit-%1.jsonl").arg(++m_run)));
        m_service = std::make_unique<SecretService>(m_audit.get());
        auto backend = std::make_unique<FakeBackend>();
        m_backend = backend.get();
        m_connection = std::make_unique<Connection>(QStringLiteral("fake-1"),
                                                    QStringLiteral("Fake"), std::move(backend));
    }

    void cleanup() {
        m_connection.reset();
        m_service.reset();
        m_audit.reset();
    }

    void connectionPassesStateThrough() {
        QSignalSpy changed(m_connection.get(), &Connection::stateChanged);
        QCOMPARE(m_connection->providerId(), QStringLiteral("fake"));
        m_backend->setState(ConnectionState::Sealed);
        QCOMPARE(m_connection->state(), ConnectionState::Sealed);
        QCOMPARE(changed.count(), 1);
    }

    void writeAndReadAreAuditedWithoutValues() {
        QVERIFY(writeValue("app/db", "hunter2-first", QString()).ok());
        auto second = writeValue("app/db", "hunter2-second", QStringLiteral("1"));
        QVERIFY(second.ok());
        QCOMPARE(second->newVersion, QStringLiteral("2"));
        auto read = await(m_service->read(m_connection.get(), SecretRef{QStringLiteral("app/db")}));
        QVERIFY(read.ok());

        const auto entries = allEntries();
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries[0].action, QStringLiteral("write"));
        QCOMPARE(entries[0].versions, QStringList{QStringLiteral("1")});
        QCOMPARE(entries[1].versions, QStringList{QStringLiteral("2")});
        QVERIFY(entries[1].detail.contains(QStringLiteral("version 1")));
        QCOMPARE(entries[2].action, QStringLiteral("read"));
        QCOMPARE(entries[2].connection, QStringLiteral("fake-1"));
        QCOMPARE(entries[2].path, QStringLiteral("app/db"));
        for (const auto& entry : entries) {
            QCOMPARE(entry.result, QStringLiteral("ok"));
        }
        QVERIFY(!auditBytes().contains("hunter2"));
    }

    void conflictPassesThroughWithCurrentVersionAndIsAudited() {
        QVERIFY(writeValue("app/db", "v1", QString()).ok());
        QVERIFY(writeValue("app/db", "v2-other-writer", QStringLiteral("1")).ok());
        // The operator started from version 1; someone else wrote version 2 since.
        auto stale = writeValue("app/db", "v2-mine", QStringLiteral("1"));
        QVERIFY(!stale.ok());
        QCOMPARE(stale.error().kind(), BackendError::Kind::Conflict);
        QCOMPARE(stale.error().currentVersion(), QStringLiteral("2"));

        const auto last = allEntries().last();
        QCOMPARE(last.action, QStringLiteral("write"));
        QCOMPARE(last.result, QStringLiteral("conflict"));
        QVERIFY(last.detail.contains(QStringLiteral("current version is 2")));
        // Nothing was overwritten.
        auto read = await(m_service->read(m_connection.get(), SecretRef{QStringLiteral("app/db")}));
        QCOMPARE(read->field(QStringLiteral("password"))->value.view(),
                 std::string_view("v2-other-writer"));
    }

    void failuresAreAuditedWithTheirKind() {
        m_backend->failNextCall(BackendError(BackendError::Kind::PermissionDenied,
                                             QStringLiteral("needs delete on app/db")));
        auto deleted = await(m_service->deleteVersions(
            m_connection.get(), SecretRef{QStringLiteral("app/db")}, {QStringLiteral("1")}));
        QVERIFY(!deleted.ok());
        const auto entry = allEntries().last();
        QCOMPARE(entry.action, QStringLiteral("delete-versions"));
        QCOMPARE(entry.result, QStringLiteral("permission-denied"));
        QCOMPARE(entry.versions, QStringList{QStringLiteral("1")});
        QCOMPARE(entry.detail, QStringLiteral("needs delete on app/db"));
    }

    void everyMutationAppendsOneEntry() {
        const SecretRef ref{QStringLiteral("app/key")};
        Connection* c = m_connection.get();
        QVERIFY(writeValue("app/key", "a", QString()).ok());
        QVERIFY(writeValue("app/key", "b", QStringLiteral("1")).ok());
        QVERIFY(writeValue("app/key", "c", QStringLiteral("2")).ok());
        QVERIFY(await(m_service->deleteVersions(c, ref, {QStringLiteral("2")})).ok());
        QVERIFY(await(m_service->undeleteVersions(c, ref, {QStringLiteral("2")})).ok());
        QVERIFY(await(m_service->destroyVersions(c, ref, {QStringLiteral("1")})).ok());
        auto rolled = await(m_service->rollback(c, ref, QStringLiteral("2"), QStringLiteral("3")));
        QVERIFY(rolled.ok());
        QCOMPARE(rolled->newVersion, QStringLiteral("4"));
        MetadataUpdate update;
        update.maxVersions = 5;
        QVERIFY(!await(m_service->updateMetadata(c, ref, update)).ok()); // fake: unsupported
        DeletionService deletions(m_audit.get());
        QVERIFY(await(deletions.deleteSecret(c, ref, {})).ok());
        await(m_service->recordAccess(c, ref, QStringLiteral("reveal"), QStringLiteral("4")));
        await(m_service->recordAccess(c, ref, QStringLiteral("copy"), QStringLiteral("4")));

        QStringList actions;
        for (const auto& entry : allEntries()) {
            actions << entry.action;
        }
        QCOMPARE(actions, (QStringList{"write", "write", "write", "delete-versions",
                                       "undelete-versions", "destroy-versions", "rollback",
                                       "update-metadata", "delete-secret", "reveal", "copy"}));
        const auto entries = allEntries();
        QCOMPARE(entries[6].versions, (QStringList{"2", "4"}));
        QCOMPARE(entries[7].result, QStringLiteral("unsupported"));
        QVERIFY(entries[7].detail.contains(QStringLiteral("max versions 5")));
        QCOMPARE(entries[9].versions, QStringList{QStringLiteral("4")});
        QVERIFY(await(m_audit->verify()).ok());
    }

    void listingAndVersionsAreNotAudited() {
        QVERIFY(writeValue("app/key", "a", QString()).ok());
        const qsizetype before = allEntries().size();
        QVERIFY(await(m_service->list(m_connection.get(), QString())).ok());
        QVERIFY(await(m_service->versions(m_connection.get(), SecretRef{QStringLiteral("app/key")}))
                    .ok());
        QVERIFY(await(m_service->metadata(m_connection.get(), SecretRef{QStringLiteral("app/key")}))
                    .ok());
        QCOMPARE(allEntries().size(), before);
    }

    void rollbackPreviewDiffsCurrentAgainstTarget() {
        QVERIFY(writeValue("app/key", "first", QString()).ok());
        QVERIFY(writeValue("app/key", "second", QStringLiteral("1")).ok());
        auto preview = await(m_service->previewRollback(
            m_connection.get(), SecretRef{QStringLiteral("app/key")}, QStringLiteral("1")));
        QVERIFY(preview.ok());
        QCOMPARE(preview->currentVersion, QStringLiteral("2"));
        QCOMPARE(preview->targetVersion, QStringLiteral("1"));
        QCOMPARE(preview->diff.fields().size(), std::size_t(1));
        QCOMPARE(preview->diff.fields()[0].change, DiffChange::Changed);
        QCOMPARE(preview->diff.fields()[0].before.view(), std::string_view("second"));
        QCOMPARE(preview->diff.fields()[0].after.view(), std::string_view("first"));
        QCOMPARE(allEntries().last().action, QStringLiteral("preview-rollback"));
        QCOMPARE(allEntries().last().versions, (QStringList{"2", "1"}));

        auto missing = await(m_service->previewRollback(
            m_connection.get(), SecretRef{QStringLiteral("app/key")}, QStringLiteral("9")));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().kind(), BackendError::Kind::NotFound);
        QCOMPARE(allEntries().last().result, QStringLiteral("not-found"));
    }

    void compareVersionsDiffsTwoVersions() {
        QVERIFY(writeValue("app/key", "first", QString()).ok());
        QVERIFY(writeValue("app/key", "second", QStringLiteral("1")).ok());
        auto diff = await(m_service->compareVersions(m_connection.get(),
                                                     SecretRef{QStringLiteral("app/key")},
                                                     QStringLiteral("1"), QString()));
        QVERIFY(diff.ok());
        QCOMPARE(diff->count(DiffChange::Changed), 1);
        QCOMPARE(allEntries().last().versions, (QStringList{"1", "current"}));
    }

    void nullConnectionIsAnErrorNotACrash() {
        auto read = await(m_service->read(nullptr, SecretRef{QStringLiteral("x")}));
        QVERIFY(!read.ok());
        QCOMPARE(read.error().kind(), BackendError::Kind::InvalidInput);
    }

    void demoSeederSeedsOnlyAnEmptyStore() {
        DemoSeeder seeder(m_service.get());
        auto seeded = await(seeder.seedIfEmpty(m_connection.get()));
        QVERIFY2(seeded.ok(), qPrintable(seeded.ok() ? QString() : seeded.error().message()));
        QVERIFY(seeded.value());
        QCOMPARE(m_backend->secretCount(), 3);

        auto stripe = await(
            m_service->versions(m_connection.get(), SecretRef{QStringLiteral("payments/stripe")}));
        QCOMPARE(stripe->size(), 3);
        auto postgres = await(m_service->versions(
            m_connection.get(), SecretRef{QStringLiteral("db/postgres/primary")}));
        QCOMPARE(postgres->size(), 4);
        int deleted = 0;
        for (const auto& version : postgres.value()) {
            deleted += version.marks.testFlag(VersionMark::Deleted) ? 1 : 0;
        }
        QCOMPARE(deleted, 1);
        QVERIFY(postgres->last().marks.testFlag(VersionMark::Current));
        auto token = await(
            m_service->read(m_connection.get(), SecretRef{QStringLiteral("ci/deploy-token")}));
        QCOMPARE(token->format(), SecretValue::Format::Text);

        int seedEntries = 0;
        for (const auto& entry : allEntries()) {
            seedEntries += entry.action == QStringLiteral("seed") ? 1 : 0;
        }
        QCOMPARE(seedEntries, 3 + 4 + 1 + 2); // every version written, plus the soft delete

        auto again = await(seeder.seedIfEmpty(m_connection.get()));
        QVERIFY(again.ok());
        QVERIFY(!again.value());
        QCOMPARE(m_backend->secretCount(), 3);
    }
};

QTEST_GUILESS_MAIN(TestSecretService)
#include "test_secret_service.moc"
