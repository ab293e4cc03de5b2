// The Vault backend against a real OpenBao dev server: mounts, listing (paged over 10k keys),
// reading, versions and their marks, check-and-set between two clients, rollback, delete,
// metadata and KV v1. What the server holds afterwards is checked through its own HTTP API with
// the root token, not through the code under test.
#include "VaultTestKit.h"

#include <QCoroTask>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QSet>
#include <QUrl>

#include <functional>
#include <optional>

using namespace strongroom;
using namespace vaulttest;
using Kind = BackendError::Kind;

namespace {

constexpr int bigFolderSize = 10000;
const QString bigFolder = QStringLiteral("secret/big/");

SecretRef ref(const QString& path) {
    return SecretRef{path};
}

// Every name of `folder`, page by page; `onSecondPageAsked` runs once, right after the second
// page was asked for (while it is on its way).
struct Collected {
    QStringList names;
    QString error;
};

QCoro::Task<Collected> collectFolder(VaultBackend* backend, QString folder, int limit,
                                     std::function<void()> onSecondPageAsked) {
    Collected out;
    PageRequest request{QString(), limit};
    for (int pages = 0; pages < 1000; ++pages) {
        auto listing = backend->list(folder, request, CancelToken());
        if (pages == 1 && onSecondPageAsked) {
            onSecondPageAsked();
        }
        auto page = co_await std::move(listing);
        if (!page) {
            out.error = page.error().message();
            co_return out;
        }
        for (const auto& entry : page->entries) {
            out.names << entry.name;
        }
        if (page->isLast()) {
            break;
        }
        request.cursor = page->nextCursor;
    }
    co_return out;
}

} // namespace

class VaultKvTest : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<OpenBaoServer> m_server;
    std::unique_ptr<VaultBackend> m_backend;

    OpenBaoServer& server() { return *m_server; }
    VaultBackend& backend() { return *m_backend; }

    // Writes `pairs` as a new version on top of `expected` through the backend; the new version.
    QString writeVersion(const QString& path, const QString& expected,
                         std::initializer_list<std::pair<const char*, const char*>> pairs) {
        auto written = await(backend().write(WriteRequest{ref(path), value(pairs), expected, {}}));
        if (!written.ok()) {
            qWarning("write of %s failed: %s", qPrintable(path),
                     qPrintable(written.error().message()));
            return {};
        }
        return written->newVersion;
    }

private Q_SLOTS:
    void initTestCase() {
        m_server = std::make_unique<OpenBaoServer>();
        QVERIFY2(server().start(), qPrintable(server().lastError()));
        QVERIFY2(server().mountKv(QStringLiteral("kv1"), 1), qPrintable(server().lastError()));
        QVERIFY2(server().mountKv(QStringLiteral("team/kv2"), 2), qPrintable(server().lastError()));
        QVERIFY(
            server().api("POST", QStringLiteral("sys/mounts/transit"), {{"type", "transit"}}).ok());

        QElapsedTimer clock;
        clock.start();
        QVERIFY2(server().bulkSeed(QStringLiteral("secret"), QStringLiteral("big"), bigFolderSize),
                 qPrintable(server().lastError()));
        const auto seedMs = clock.elapsed();
        qInfo("seeded %d secrets in one folder in %lld ms (%.0f writes/s, 32 in flight)",
              bigFolderSize, seedMs, bigFolderSize * 1000.0 / double(std::max<qint64>(1, seedMs)));
        QVERIFY2(seedMs < 60000, "seeding 10k secrets must take well under a minute");

        m_backend = backendFor(server(), server().rootToken());
        auto connected = await(backend().connectToServer());
        VERIFY_OK(connected);
        QCOMPARE(backend().state(), ConnectionState::Connected);
        QVERIFY(connected->policies.contains(QStringLiteral("root")));
    }

    void cleanupTestCase() {
        m_backend.reset();
        m_server.reset();
    }

    void mountDiscoveryTellsKvVersionsApart() {
        auto mounts = await(backend().mounts(true));
        VERIFY_OK(mounts);
        QHash<QString, int> versions;
        for (const auto& mount : mounts.value()) {
            versions.insert(mount.path, mount.kvVersion);
        }
        QCOMPARE(versions.value(QStringLiteral("kv1/")), 1);
        QCOMPARE(versions.value(QStringLiteral("team/kv2/")), 2);
        QCOMPARE(versions.value(QStringLiteral("secret/")), 2);
        // Engines that are not KV are not offered as stores.
        QVERIFY2(!versions.contains(QStringLiteral("transit/")), "transit listed as a KV mount");
        QVERIFY(!versions.contains(QStringLiteral("cubbyhole/")));
        QVERIFY(!versions.contains(QStringLiteral("sys/")));

        // The root of the store lists the KV mounts as folders.
        auto root = await(backend().list(QString(), PageRequest{}, CancelToken()));
        VERIFY_OK(root);
        QStringList paths;
        for (const auto& entry : root->entries) {
            QVERIFY(entry.isFolder());
            paths << entry.path;
        }
        QVERIFY2(paths == QStringList({QStringLiteral("kv1/"), QStringLiteral("secret/"),
                                       QStringLiteral("team/kv2/")}),
                 qPrintable(paths.join(QLatin1Char(' '))));
        QVERIFY(root->isLast());

        // A path in the nested mount resolves to it, not to a mount named "team/".
        auto resolved = await(backend().resolve(QStringLiteral("team/kv2/app/db")));
        VERIFY_OK(resolved);
        QCOMPARE(resolved->mount().path, QStringLiteral("team/kv2/"));
        QCOMPARE(resolved->data(), QStringLiteral("team/kv2/data/app/db"));
    }

    void listsFoldersAndSecretsOfAFolder() {
        for (const auto* path :
             {"tree/app/db", "tree/app/api", "tree/app/nested/deep", "tree/top"}) {
            QVERIFY2(server().putKv2(QStringLiteral("secret"), QString::fromLatin1(path),
                                     {{"k", "v"}}) > 0,
                     qPrintable(server().lastError()));
        }
        auto top = await(backend().list(QStringLiteral("secret/tree/"), PageRequest{}, {}));
        VERIFY_OK(top);
        QCOMPARE(top->entries.size(), 2);
        QCOMPARE(top->entries[0], (Entry{Entry::Kind::Folder, QStringLiteral("app"),
                                         QStringLiteral("secret/tree/app/")}));
        QCOMPARE(top->entries[1], (Entry{Entry::Kind::Secret, QStringLiteral("top"),
                                         QStringLiteral("secret/tree/top")}));

        // Without the trailing slash it is the same folder.
        auto app = await(backend().list(QStringLiteral("secret/tree/app"), PageRequest{}, {}));
        VERIFY_OK(app);
        QStringList seen;
        for (const auto& entry : app->entries) {
            seen << (entry.isFolder() ? QStringLiteral("folder:") : QStringLiteral("secret:")) +
                        entry.path;
        }
        QCOMPARE(seen, QStringList({QStringLiteral("secret:secret/tree/app/api"),
                                    QStringLiteral("secret:secret/tree/app/db"),
                                    QStringLiteral("folder:secret/tree/app/nested/")}));
        QVERIFY(app->isLast());

        // The mount itself lists its top-level folders.
        auto mount = await(backend().list(QStringLiteral("secret/"), PageRequest{}, {}));
        VERIFY_OK(mount);
        QVERIFY(mount->entries.contains(
            Entry{Entry::Kind::Folder, QStringLiteral("tree"), QStringLiteral("secret/tree/")}));
        QVERIFY(mount->entries.contains(
            Entry{Entry::Kind::Folder, QStringLiteral("big"), QStringLiteral("secret/big/")}));

        // A folder with nothing in it is an empty listing, not an error.
        auto empty = await(backend().list(QStringLiteral("secret/no-such-folder/"), {}, {}));
        VERIFY_OK(empty);
        QVERIFY(empty->entries.isEmpty());
        QVERIFY(empty->isLast());
    }

    void pagedListSeesEveryKeyOnceInOrder_data() {
        QTest::addColumn<int>("limit");
        QTest::newRow("1000 (divides 10k)") << 1000;
        QTest::newRow("997 (last page short)") << 997;
        QTest::newRow("5000") << 5000;
    }

    void pagedListSeesEveryKeyOnceInOrder() {
        QFETCH(int, limit);
        QElapsedTimer clock;
        clock.start();
        QStringList names;
        QList<int> pageSizes;
        PageRequest request{QString(), limit};
        for (int guard = 0; guard < 100; ++guard) {
            auto page = await(backend().list(bigFolder, request, {}));
            VERIFY_OK(page);
            pageSizes << int(page->entries.size());
            QVERIFY2(page->entries.size() <= limit,
                     qPrintable(QStringLiteral("a page of %1 rows for a limit of %2")
                                    .arg(page->entries.size())
                                    .arg(limit)));
            for (const auto& entry : page->entries) {
                QVERIFY(!entry.isFolder());
                QCOMPARE(entry.path, bigFolder + entry.name);
                names << entry.name;
            }
            if (page->isLast()) {
                break;
            }
            QVERIFY2(page->nextCursor != request.cursor, "the cursor did not move");
            request.cursor = page->nextCursor;
        }
        qInfo("listed %lld keys in %lld pages of %d in %lld ms", qint64(names.size()),
              qint64(pageSizes.size()), limit, clock.elapsed());
        QCOMPARE(names.size(), bigFolderSize);
        QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), bigFolderSize);
        for (int i = 0; i < bigFolderSize; ++i) {
            if (names[i] != OpenBaoServer::bulkKeyName(i)) {
                QFAIL(qPrintable(QStringLiteral("row %1 is %2, expected %3")
                                     .arg(i)
                                     .arg(names[i], OpenBaoServer::bulkKeyName(i))));
            }
        }
        // Pages of exactly the requested size but the last; an empty page may close a folder
        // whose size the limit divides.
        const int needed = (bigFolderSize + limit - 1) / limit;
        if (pageSizes.size() == needed + 1) {
            QCOMPARE(pageSizes.last(), 0);
            pageSizes.removeLast();
        }
        QCOMPARE(pageSizes.size(), needed);
        for (int i = 0; i + 1 < needed; ++i) {
            QCOMPARE(pageSizes[i], limit);
        }
        QCOMPARE(pageSizes.last(), bigFolderSize - (needed - 1) * limit);
    }

    void twoListingsOfOneFolderDoNotDisturbEachOther() {
        // The tree pages a big folder while a search (or a second view) starts listing the same
        // folder from the top: neither may lose keys or fail.
        std::optional<QCoro::Task<Collected>> second;
        auto first = collectFolder(&backend(), bigFolder, 1000, [&] {
            second.emplace(collectFolder(&backend(), bigFolder, 1000, {}));
        });
        auto a = await(std::move(first));
        QVERIFY(second.has_value());
        auto b = await(std::move(*second));
        QVERIFY2(a.error.isEmpty(), qPrintable(QStringLiteral("first listing: ") + a.error));
        QVERIFY2(b.error.isEmpty(), qPrintable(QStringLiteral("second listing: ") + b.error));
        QCOMPARE(a.names.size(), bigFolderSize);
        QCOMPARE(b.names.size(), bigFolderSize);
        QCOMPARE(a.names.first(), OpenBaoServer::bulkKeyName(0));
        QCOMPARE(a.names.last(), OpenBaoServer::bulkKeyName(bigFolderSize - 1));
        QCOMPARE(a.names, b.names);
    }

    void interleavedPagingOfOneFolderKeepsEachListingWhole() {
        // The same interleaving as above, step by step: listing B starts from the top while A is
        // on page 2, then A asks for page 3 before B asks for its page 2.
        const auto pageOf = [this](const QString& cursor) {
            return await(backend().list(bigFolder, PageRequest{cursor, 1000}, CancelToken()));
        };
        auto a1 = pageOf(QString());
        VERIFY_OK(a1);
        auto a2 = pageOf(a1->nextCursor);
        VERIFY_OK(a2);
        auto b1 = pageOf(QString());
        VERIFY_OK(b1);
        QCOMPARE(b1->entries.size(), 1000);
        auto a3 = pageOf(a2->nextCursor);
        VERIFY_OK(a3);
        QCOMPARE(a3->entries.first().name, OpenBaoServer::bulkKeyName(2000));
        auto b2 = pageOf(b1->nextCursor);
        VERIFY_OK(b2);
        QVERIFY2(!b2->entries.isEmpty(),
                 qPrintable(QStringLiteral("B's second page (after %1) came back empty and last")
                                .arg(b1->nextCursor)));
        QCOMPARE(b2->entries.size(), 1000);
        QCOMPARE(b2->entries.first().name, OpenBaoServer::bulkKeyName(1000));
        QCOMPARE(b2->entries.last().name, OpenBaoServer::bulkKeyName(1999));
        QVERIFY(!b2->isLast());
    }

    void aCancelledListingStops() {
        CancelToken cancel;
        cancel.cancel();
        auto page = await(backend().list(bigFolder, PageRequest{QString(), 1000}, cancel));
        VERIFY_ERROR(page, Kind::Cancelled);
    }

    void readsNestedJsonStructurally() {
        const auto path = QStringLiteral("read/nested");
        const auto written = server().api(
            "POST", QStringLiteral("secret/data/") + path,
            {{"data", QJsonObject{{"user", "svc"},
                                  {"port", 5432},
                                  {"tls", true},
                                  {"conf", QJsonObject{{"hosts", QJsonArray{"a", "b"}},
                                                       {"limits", QJsonObject{{"max", 10}}},
                                                       {"none", QJsonValue::Null}}}}}});
        QVERIFY2(written.ok(), qPrintable(written.errors()));
        auto read = await(backend().read(ref(QStringLiteral("secret/") + path), QString()));
        VERIFY_OK(read);
        const auto& value = read.value();
        QCOMPARE(value.format(), SecretValue::Format::KeyValue);
        QCOMPARE(value.fields().size(), std::size_t(4));
        QCOMPARE(fieldText(value, QStringLiteral("user")), QStringLiteral("svc"));
        QVERIFY(!value.field(QStringLiteral("user"))->json);
        QVERIFY(value.field(QStringLiteral("port"))->json);
        QCOMPARE(fieldText(value, QStringLiteral("port")), QStringLiteral("5432"));
        QCOMPARE(fieldText(value, QStringLiteral("tls")), QStringLiteral("true"));
        const auto* conf = value.field(QStringLiteral("conf"));
        QVERIFY(conf && conf->json);
        const auto parsed =
            QJsonDocument::fromJson(QByteArray(conf->value.data(), qsizetype(conf->value.size())));
        QCOMPARE(parsed.object(), (QJsonObject{{"hosts", QJsonArray{"a", "b"}},
                                               {"limits", QJsonObject{{"max", 10}}},
                                               {"none", QJsonValue::Null}}));

        // A secret that does not exist is NotFound, naming the path.
        auto missing = await(backend().read(ref(QStringLiteral("secret/read/absent")), {}));
        VERIFY_ERROR(missing, Kind::NotFound);
        QVERIFY(missing.error().message().contains(QLatin1String("secret/read/absent")));
    }

    void nestedJsonSurvivesARoundTripThroughTheBackend() {
        // What an editor does on "save": read the value, write it back as a new version. Types
        // must survive: numbers stay numbers, null stays null, nesting and order of arrays too.
        const QJsonObject original{
            {"user", "svc"},
            {"port", 5432},
            {"ratio", 0.25},
            {"tls", false},
            {"none", QJsonValue::Null},
            {"quote", "he said \"hi\"\n\ttab \u00fc \u2603"},
            {"conf", QJsonObject{{"hosts", QJsonArray{"b", "a", QJsonObject{{"x", 1}}}},
                                 {"empty", QJsonObject{}}}}};
        const auto path = QStringLiteral("roundtrip/app");
        QVERIFY(
            server().api("POST", QStringLiteral("secret/data/") + path, {{"data", original}}).ok());
        auto read = await(backend().read(ref(QStringLiteral("secret/") + path), QString()));
        VERIFY_OK(read);
        QCOMPARE(fieldText(read.value(), "quote"),
                 QStringLiteral("he said \"hi\"\n\ttab \u00fc \u2603"));
        auto written = await(backend().write(WriteRequest{
            ref(QStringLiteral("secret/") + path), read.value(), QStringLiteral("1"), {}}));
        VERIFY_OK(written);
        QCOMPARE(written->newVersion, QStringLiteral("2"));
        QCOMPARE(serverData(server(), "secret", path), original);
    }

    void oddSecretNamesAreAddressedExactly() {
        const QStringList names{QStringLiteral("with space"), QStringLiteral("\u00fcml\u00e4ut"),
                                QStringLiteral("hash#tag"),   QStringLiteral("ask?x=1"),
                                QStringLiteral("pct%41"),     QStringLiteral("plus+sign")};
        for (const auto& name : names) {
            const auto path = QStringLiteral("secret/odd/") + name;
            auto written = await(backend().write(
                WriteRequest{ref(path), value({{"name", name.toUtf8().constData()}}), {}, {}}));
            VERIFY_OK(written);
        }
        auto listing = await(backend().list(QStringLiteral("secret/odd/"), {}, {}));
        VERIFY_OK(listing);
        QStringList listed;
        for (const auto& entry : listing->entries) {
            listed << entry.name;
        }
        auto expected = names;
        expected.sort();
        listed.sort();
        QCOMPARE(listed, expected);
        for (const auto& name : names) {
            // The server stored each under its exact name, not a mangled one.
            const auto raw =
                server().api("GET", QStringLiteral("secret/data/odd/") +
                                        QString::fromLatin1(QUrl::toPercentEncoding(name)));
            QVERIFY2(raw.ok(), qPrintable(name + QStringLiteral(": ") + raw.errors()));
            auto read = await(backend().read(ref(QStringLiteral("secret/odd/") + name), {}));
            VERIFY_OK(read);
            QCOMPARE(fieldText(read.value(), "name"), name);
        }
    }

    void versionsCarryTheirMarksThroughDeleteUndeleteDestroy() {
        const auto path = QStringLiteral("secret/marks/app");
        QCOMPARE(writeVersion(path, {}, {{"v", "one"}}), QStringLiteral("1"));
        QCOMPARE(writeVersion(path, QStringLiteral("1"), {{"v", "two"}}), QStringLiteral("2"));
        QCOMPARE(writeVersion(path, QStringLiteral("2"), {{"v", "three"}}), QStringLiteral("3"));

        auto versions = await(backend().versions(ref(path)));
        VERIFY_OK(versions);
        QCOMPARE(versions->size(), 3);
        QCOMPARE(marksOf(versions.value(), "3"), QStringLiteral("current"));
        QCOMPARE(marksOf(versions.value(), "2"), QString());
        QCOMPARE(marksOf(versions.value(), "1"), QString());
        QVERIFY(findVersion(versions.value(), "1")->created.isValid());

        // An old version reads as it was.
        auto old = await(backend().read(ref(path), QStringLiteral("1")));
        VERIFY_OK(old);
        QCOMPARE(fieldText(old.value(), "v"), QStringLiteral("one"));

        // Soft delete: marked, unreadable with a message saying how to get it back.
        VERIFY_OK(await(backend().deleteVersions(ref(path), {QStringLiteral("2")})));
        versions = await(backend().versions(ref(path)));
        VERIFY_OK(versions);
        QCOMPARE(marksOf(versions.value(), "2"), QStringLiteral("deleted"));
        QVERIFY(findVersion(versions.value(), "2")->deletedAt.isValid());
        QVERIFY(!findVersion(versions.value(), "2")->isReadable());
        auto deleted = await(backend().read(ref(path), QStringLiteral("2")));
        VERIFY_ERROR(deleted, Kind::NotFound);
        QVERIFY2(deleted.error().message().contains(QLatin1String("undelete")),
                 qPrintable(deleted.error().message()));

        // Undelete: readable again, with the same data.
        VERIFY_OK(await(backend().undeleteVersions(ref(path), {QStringLiteral("2")})));
        versions = await(backend().versions(ref(path)));
        VERIFY_OK(versions);
        QCOMPARE(marksOf(versions.value(), "2"), QString());
        auto back = await(backend().read(ref(path), QStringLiteral("2")));
        VERIFY_OK(back);
        QCOMPARE(fieldText(back.value(), "v"), QStringLiteral("two"));

        // Destroy: gone for good.
        VERIFY_OK(await(backend().destroyVersions(ref(path), {QStringLiteral("1")})));
        versions = await(backend().versions(ref(path)));
        VERIFY_OK(versions);
        QCOMPARE(marksOf(versions.value(), "1"), QStringLiteral("destroyed"));
        auto destroyed = await(backend().read(ref(path), QStringLiteral("1")));
        VERIFY_ERROR(destroyed, Kind::NotFound);
        QVERIFY2(destroyed.error().message().contains(QLatin1String("destroyed")),
                 qPrintable(destroyed.error().message()));
        // The server agrees.
        const auto meta =
            serverMetadata(server(), QStringLiteral("secret"), QStringLiteral("marks/app"));
        QCOMPARE(meta.value("versions").toObject().value("1").toObject().value("destroyed"),
                 QJsonValue(true));

        // Deleting the current version marks it both current and deleted.
        VERIFY_OK(await(backend().deleteVersions(ref(path), {QStringLiteral("3")})));
        versions = await(backend().versions(ref(path)));
        VERIFY_OK(versions);
        QCOMPARE(marksOf(versions.value(), "3"), QStringLiteral("current deleted"));
        auto current = await(backend().read(ref(path), QString()));
        VERIFY_ERROR(current, Kind::NotFound);

        // Version actions refuse what is not a version number before asking the server.
        auto bogus = await(backend().deleteVersions(ref(path), {QStringLiteral("latest")}));
        VERIFY_ERROR(bogus, Kind::InvalidInput);
        auto none = await(backend().destroyVersions(ref(path), {}));
        VERIFY_ERROR(none, Kind::InvalidInput);
    }

    void aWriteInBetweenIsAConflictCarryingTheCurrentVersion() {
        const auto path = QStringLiteral("secret/cas/app");
        QCOMPARE(writeVersion(path, {}, {{"owner", "first"}}), QStringLiteral("1"));

        // Two operators start from version 1; the second client writes first.
        auto other = backendFor(server(), server().rootToken());
        auto theirs = await(other->write(
            WriteRequest{ref(path), value({{"owner", "second"}}), QStringLiteral("1"), {}}));
        VERIFY_OK(theirs);
        QCOMPARE(theirs->newVersion, QStringLiteral("2"));

        auto mine = await(backend().write(
            WriteRequest{ref(path), value({{"owner", "mine"}}), QStringLiteral("1"), {}}));
        VERIFY_ERROR(mine, Kind::Conflict);
        QCOMPARE(mine.error().currentVersion(), QStringLiteral("2"));
        QVERIFY2(mine.error().message().contains(QLatin1String("2")),
                 qPrintable(mine.error().message()));
        // Nothing was overwritten.
        QCOMPARE(serverData(server(), "secret", "cas/app").value("owner"), QJsonValue("second"));
        QCOMPARE(serverMetadata(server(), "secret", "cas/app").value("current_version"),
                 QJsonValue(2));

        // Re-applied on top of what is current now, it goes through.
        auto again = await(backend().write(
            WriteRequest{ref(path), value({{"owner", "mine"}}), QStringLiteral("2"), {}}));
        VERIFY_OK(again);
        QCOMPARE(again->newVersion, QStringLiteral("3"));
        QCOMPARE(serverData(server(), "secret", "cas/app").value("owner"), QJsonValue("mine"));

        // "Must not exist yet" on an existing secret is a conflict too.
        auto create = await(
            backend().write(WriteRequest{ref(path), value({{"owner", "new"}}), QString(), {}}));
        VERIFY_ERROR(create, Kind::Conflict);
        QCOMPARE(create.error().currentVersion(), QStringLiteral("3"));
        QCOMPARE(serverMetadata(server(), "secret", "cas/app").value("current_version"),
                 QJsonValue(3));

        // A version that is not a number is refused before anything is sent.
        auto garbage = await(backend().write(
            WriteRequest{ref(path), value({{"owner", "x"}}), QStringLiteral("v3"), {}}));
        VERIFY_ERROR(garbage, Kind::InvalidInput);
        // A folder is not a secret name.
        auto folder = await(backend().write(
            WriteRequest{ref(QStringLiteral("secret/cas/")), value({{"k", "v"}}), {}, {}}));
        VERIFY_ERROR(folder, Kind::InvalidInput);
    }

    void rollbackWritesOldDataAsANewVersion() {
        const auto path = QStringLiteral("secret/rollback/app");
        QCOMPARE(writeVersion(path, {}, {{"k", "one"}}), QStringLiteral("1"));
        QCOMPARE(writeVersion(path, "1", {{"k", "two"}}), QStringLiteral("2"));
        QCOMPARE(writeVersion(path, "2", {{"k", "three"}}), QStringLiteral("3"));

        auto rolled =
            await(backend().rollback(ref(path), QStringLiteral("1"), QStringLiteral("3")));
        VERIFY_OK(rolled);
        QCOMPARE(rolled->newVersion, QStringLiteral("4"));
        QCOMPARE(serverData(server(), "secret", "rollback/app"), (QJsonObject{{"k", "one"}}));
        // Version 1 itself is untouched.
        auto one = await(backend().read(ref(path), QStringLiteral("1")));
        VERIFY_OK(one);
        QCOMPARE(fieldText(one.value(), "k"), QStringLiteral("one"));

        // Guarded like a write: a stale starting point is a conflict and writes nothing.
        auto stale = await(backend().rollback(ref(path), QStringLiteral("2"), QStringLiteral("3")));
        VERIFY_ERROR(stale, Kind::Conflict);
        QCOMPARE(stale.error().currentVersion(), QStringLiteral("4"));

        // A deleted version: undelete first.
        VERIFY_OK(await(backend().deleteVersions(ref(path), {QStringLiteral("2")})));
        auto deleted =
            await(backend().rollback(ref(path), QStringLiteral("2"), QStringLiteral("4")));
        QVERIFY(!deleted.ok());
        QVERIFY2(deleted.error().message().contains(QLatin1String("undelete")),
                 qPrintable(deleted.error().message()));

        // A destroyed version cannot come back.
        VERIFY_OK(await(backend().destroyVersions(ref(path), {QStringLiteral("3")})));
        auto destroyed =
            await(backend().rollback(ref(path), QStringLiteral("3"), QStringLiteral("4")));
        QVERIFY(!destroyed.ok());
        QVERIFY2(destroyed.error().message().contains(QLatin1String("cannot be restored")),
                 qPrintable(destroyed.error().message()));

        auto absent =
            await(backend().rollback(ref(path), QStringLiteral("99"), QStringLiteral("4")));
        VERIFY_ERROR(absent, Kind::NotFound);

        // None of the refused rollbacks wrote anything.
        QCOMPARE(serverMetadata(server(), "secret", "rollback/app").value("current_version"),
                 QJsonValue(4));
        QCOMPARE(serverData(server(), "secret", "rollback/app"), (QJsonObject{{"k", "one"}}));

        // After undelete, the same rollback works.
        VERIFY_OK(await(backend().undeleteVersions(ref(path), {QStringLiteral("2")})));
        auto undeleted =
            await(backend().rollback(ref(path), QStringLiteral("2"), QStringLiteral("4")));
        VERIFY_OK(undeleted);
        QCOMPARE(undeleted->newVersion, QStringLiteral("5"));
        QCOMPARE(serverData(server(), "secret", "rollback/app"), (QJsonObject{{"k", "two"}}));
    }

    void deleteAllRemovesEveryVersionAndTheMetadata() {
        const auto path = QStringLiteral("secret/gone/app");
        QCOMPARE(writeVersion(path, {}, {{"k", "one"}}), QStringLiteral("1"));
        QCOMPARE(writeVersion(path, "1", {{"k", "two"}}), QStringLiteral("2"));
        QVERIFY(server().putKv2("secret", "gone/keep", {{"k", "v"}}) > 0);

        VERIFY_OK(await(backend().deleteSecret(ref(path), {})));
        QCOMPARE(server().api("GET", QStringLiteral("secret/metadata/gone/app")).status, 404);
        auto read = await(backend().read(ref(path), QString()));
        VERIFY_ERROR(read, Kind::NotFound);
        auto meta = await(backend().metadata(ref(path)));
        VERIFY_ERROR(meta, Kind::NotFound);
        auto listing = await(backend().list(QStringLiteral("secret/gone/"), {}, {}));
        VERIFY_OK(listing);
        QCOMPARE(listing->entries.size(), 1);
        QCOMPARE(listing->entries[0].name, QStringLiteral("keep"));
        // The name can be used again from scratch.
        QCOMPARE(writeVersion(path, {}, {{"k", "fresh"}}), QStringLiteral("1"));
    }

    void metadataReadsAndUpdates() {
        const auto path = QStringLiteral("secret/meta/app");
        QCOMPARE(writeVersion(path, {}, {{"k", "one"}}), QStringLiteral("1"));
        QCOMPARE(writeVersion(path, "1", {{"k", "two"}}), QStringLiteral("2"));

        auto before = await(backend().metadata(ref(path)));
        VERIFY_OK(before);
        QCOMPARE(before->currentVersion, QStringLiteral("2"));
        QCOMPARE(before->oldestVersion.isEmpty() ? QStringLiteral("1") : before->oldestVersion,
                 QStringLiteral("1"));
        QVERIFY(before->created.isValid());
        QVERIFY(before->updated >= before->created);
        QVERIFY(!before->casRequired);
        QVERIFY(before->customMetadata.isEmpty());

        MetadataUpdate update;
        update.maxVersions = 5;
        update.casRequired = true;
        update.deleteVersionAfter = QStringLiteral("1h");
        update.customMetadata =
            QMap<QString, QString>{{QStringLiteral("owner"), QStringLiteral("team-a")},
                                   {QStringLiteral("ticket"), QStringLiteral("OPS-1")}};
        VERIFY_OK(await(backend().updateMetadata(ref(path), update)));

        const auto raw = serverMetadata(server(), "secret", "meta/app");
        QCOMPARE(raw.value("max_versions"), QJsonValue(5));
        QCOMPARE(raw.value("cas_required"), QJsonValue(true));
        QCOMPARE(raw.value("delete_version_after"), QJsonValue("1h0m0s"));
        QCOMPARE(raw.value("custom_metadata"),
                 QJsonValue(QJsonObject{{"owner", "team-a"}, {"ticket", "OPS-1"}}));

        auto after = await(backend().metadata(ref(path)));
        VERIFY_OK(after);
        QCOMPARE(after->maxVersions, 5);
        QVERIFY(after->casRequired);
        QVERIFY2(after->deleteVersionAfter.startsWith(QLatin1String("1h")),
                 qPrintable(after->deleteVersionAfter));
        QCOMPARE(after->customMetadata.value(QStringLiteral("owner")), QStringLiteral("team-a"));
        QCOMPARE(after->customMetadata.value(QStringLiteral("ticket")), QStringLiteral("OPS-1"));
        QCOMPARE(after->currentVersion, QStringLiteral("2"));

        // Only what is set changes: max_versions alone leaves the rest as it was.
        MetadataUpdate narrow;
        narrow.maxVersions = 7;
        VERIFY_OK(await(backend().updateMetadata(ref(path), narrow)));
        const auto raw2 = serverMetadata(server(), "secret", "meta/app");
        QCOMPARE(raw2.value("max_versions"), QJsonValue(7));
        QCOMPARE(raw2.value("cas_required"), QJsonValue(true));
        QCOMPARE(raw2.value("custom_metadata").toObject().value("owner"), QJsonValue("team-a"));

        // With cas_required on, the guarded writes still go through.
        QCOMPARE(writeVersion(path, "2", {{"k", "three"}}), QStringLiteral("3"));

        // Switching cas_required off and a negative max_versions.
        MetadataUpdate off;
        off.casRequired = false;
        VERIFY_OK(await(backend().updateMetadata(ref(path), off)));
        QCOMPARE(serverMetadata(server(), "secret", "meta/app").value("cas_required"),
                 QJsonValue(false));
        MetadataUpdate negative;
        negative.maxVersions = -1;
        auto refused = await(backend().updateMetadata(ref(path), negative));
        VERIFY_ERROR(refused, Kind::InvalidInput);
    }

    void kvVersion1ReadsWritesListsAndDeletes() {
        const auto path = QStringLiteral("kv1/app/cfg");
        auto created = await(backend().write(
            WriteRequest{ref(path), value({{"url", "https://a"}, {"user", "u1"}}), {}, {}}));
        VERIFY_OK(created);
        QCOMPARE(server()
                     .api("GET", QStringLiteral("kv1/app/cfg"))
                     .body.value("data")
                     .toObject()
                     .value("user"),
                 QJsonValue("u1"));

        auto read = await(backend().read(ref(path), QString()));
        VERIFY_OK(read);
        QCOMPARE(fieldText(read.value(), "url"), QStringLiteral("https://a"));
        QCOMPARE(fieldText(read.value(), "user"), QStringLiteral("u1"));

        // KV v1 has no check-and-set; "create only" still refuses to overwrite.
        auto clobber =
            await(backend().write(WriteRequest{ref(path), value({{"user", "x"}}), {}, {}}));
        VERIFY_ERROR(clobber, Kind::Conflict);
        QCOMPARE(fieldText(await(backend().read(ref(path), {})).value(), "user"),
                 QStringLiteral("u1"));
        auto update = await(backend().write(
            WriteRequest{ref(path), value({{"user", "u2"}}), QStringLiteral("1"), {}}));
        VERIFY_OK(update);
        QCOMPARE(server().api("GET", QStringLiteral("kv1/app/cfg")).body.value("data").toObject(),
                 (QJsonObject{{"user", "u2"}}));

        QVERIFY(server().api("POST", QStringLiteral("kv1/app/sub/inner"), {{"k", "v"}}).ok());
        auto listing = await(backend().list(QStringLiteral("kv1/app/"), {}, {}));
        VERIFY_OK(listing);
        QCOMPARE(listing->entries.size(), 2);
        QCOMPARE(listing->entries[0], (Entry{Entry::Kind::Secret, QStringLiteral("cfg"),
                                             QStringLiteral("kv1/app/cfg")}));
        QCOMPARE(listing->entries[1], (Entry{Entry::Kind::Folder, QStringLiteral("sub"),
                                             QStringLiteral("kv1/app/sub/")}));

        // No versions on KV v1, said plainly.
        auto versions = await(backend().versions(ref(path)));
        VERIFY_OK(versions);
        QVERIFY(versions->isEmpty());
        auto old = await(backend().read(ref(path), QStringLiteral("1")));
        VERIFY_ERROR(old, Kind::Unsupported);
        auto destroy = await(backend().destroyVersions(ref(path), {QStringLiteral("1")}));
        VERIFY_ERROR(destroy, Kind::Unsupported);
        auto caps = await(backend().capabilitiesFor(ref(path)));
        VERIFY_OK(caps);
        QVERIFY(caps->can(Capability::Read));
        QVERIFY(caps->can(Capability::Write));
        QVERIFY(!caps->can(Capability::Versions));
        QVERIFY(!caps->can(Capability::CheckAndSet));
        QVERIFY(caps->whyNot(Capability::Versions).contains(QLatin1String("version 1")));
        auto meta = await(backend().metadata(ref(path)));
        VERIFY_OK(meta);
        QVERIFY(meta->currentVersion.isEmpty());

        VERIFY_OK(await(backend().deleteSecret(ref(path), {})));
        QCOMPARE(server().api("GET", QStringLiteral("kv1/app/cfg")).status, 404);
        auto gone = await(backend().read(ref(path), QString()));
        VERIFY_ERROR(gone, Kind::NotFound);
    }

    void rootTokenMayDoEverythingOnKvVersion2() {
        auto caps = await(backend().capabilitiesFor(ref(QStringLiteral("secret/cas/app"))));
        VERIFY_OK(caps);
        for (auto capability :
             {Capability::List, Capability::Read, Capability::Write, Capability::Versions,
              Capability::ReadVersion, Capability::DeleteVersion, Capability::UndeleteVersion,
              Capability::DestroyVersion, Capability::DeleteSecret, Capability::Rollback,
              Capability::EditMetadata, Capability::CheckAndSet}) {
            QVERIFY2(caps->can(capability), qPrintable(capabilityName(capability)));
        }
    }
};

QTEST_GUILESS_MAIN(VaultKvTest)
#include "test_vault_kv.moc"
