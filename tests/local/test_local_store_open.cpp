#include "LocalTestKit.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace strongroom;
using namespace localtest;

namespace {

QStringList dirListing(const QString& dir) {
    return QDir(dir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

} // namespace

class TestLocalStoreOpen : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void createWriteReopenWithPassphrase() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("store.db"));
        {
            auto store = createStore(file);
            QVERIFY(store);
            QCOMPARE(store->providerId(), QStringLiteral("local"));
            QCOMPARE(store->state(), ConnectionState::Connected);
            QCOMPARE(store->filePath(), file);
            QVERIFY(put(*store, QStringLiteral("team/db"), kv({{"user", "app"}}), {}));
        }
        auto probed = await(LocalStore::probe(file));
        QVERIFY(probed);
        QCOMPARE(probed.value(), LocalKeyProtection::Passphrase);
        auto store = openStore(file);
        QVERIFY(store);
        QCOMPARE(fieldOf(await(store->read({QStringLiteral("team/db")}, {})), "user"),
                 QStringLiteral("app"));
    }
    void recommendedArgon2ParametersWork() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("store.db"));
        auto created = await(LocalStore::create(file, passphrase("slow but sure")));
        QVERIFY(created);
        QVERIFY(put(*created.value(), QStringLiteral("a"), kv({{"k", "v"}}), {}));
        created.value().reset();
        QVERIFY(openStore(file, passphrase("slow but sure")));
    }
    void suppliedKeyMode() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("store.db"));
        const auto key = SecretBytes::random(32);
        QVERIFY(createStore(file, keychainKey(key)));
        auto probed = await(LocalStore::probe(file));
        QVERIFY(probed);
        QCOMPARE(probed.value(), LocalKeyProtection::Keychain);
        auto store = openStore(file, keychainKey(key));
        QVERIFY(store);
        QCOMPARE(store->protection(), LocalKeyProtection::Keychain);

        auto wrong = await(LocalStore::open(file, keychainKey(SecretBytes::random(32))));
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().kind(), BackendError::Kind::Unauthenticated);
        auto shortKey = await(LocalStore::open(file, keychainKey(SecretBytes::random(31))));
        QVERIFY(!shortKey);
        QCOMPARE(shortKey.error().kind(), BackendError::Kind::InvalidInput);
        auto asPassphrase = await(LocalStore::open(file, passphrase("anything")));
        QVERIFY(!asPassphrase);
        QCOMPARE(asPassphrase.error().kind(), BackendError::Kind::InvalidInput);
    }
    void wrongPassphraseChangesNothing() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("store.db"));
        QVERIFY(createStore(file));
        const QByteArray before = fileBytes(file);
        const QStringList listing = dirListing(dir.path());
        auto opened = await(LocalStore::open(file, passphrase("pass phrasE")));
        QVERIFY(!opened);
        QCOMPARE(opened.error().kind(), BackendError::Kind::Unauthenticated);
        QVERIFY(opened.error().detail().contains(QStringLiteral("wrong passphrase or key")));
        QVERIFY(!opened.error().message().contains(QStringLiteral("pass phrasE")));
        QCOMPARE(fileBytes(file), before);
        QCOMPARE(dirListing(dir.path()), listing);
    }
    void createRefusesAnExistingFile() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("taken"));
        QFile existing(file);
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("keep me");
        existing.close();
        auto created = await(LocalStore::create(file, passphrase("p"), fastKdf()));
        QVERIFY(!created);
        QCOMPARE(created.error().kind(), BackendError::Kind::InvalidInput);
        QCOMPARE(fileBytes(file), QByteArray("keep me"));
    }
    void missingFileIsNotFound() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("absent.db"));
        auto probed = await(LocalStore::probe(file));
        QVERIFY(!probed);
        QCOMPARE(probed.error().kind(), BackendError::Kind::NotFound);
        auto opened = await(LocalStore::open(file, passphrase("p")));
        QVERIFY(!opened);
        QCOMPARE(opened.error().kind(), BackendError::Kind::NotFound);
        QVERIFY(!QFile::exists(file));
    }
    void rejectsFilesThatAreNotStores_data() {
        QTest::addColumn<QString>("kind");
        QTest::newRow("random bytes") << QStringLiteral("random");
        QTest::newRow("empty") << QStringLiteral("empty");
        QTest::newRow("foreign sqlite") << QStringLiteral("foreign");
        QTest::newRow("store cut in half") << QStringLiteral("half");
        QTest::newRow("store cut to 60 bytes") << QStringLiteral("tiny");
        QTest::newRow("sqlite magic then noise") << QStringLiteral("magic");
    }
    void rejectsFilesThatAreNotStores() {
        QFETCH(QString, kind);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("subject.db"));
        if (kind == QLatin1String("foreign")) {
            QVERIFY(editFile(file, [](QSqlDatabase& db) {
                return execAll(db, {"CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",
                                    "INSERT INTO notes (body) VALUES ('shopping list')"});
            }));
        } else if (kind == QLatin1String("half") || kind == QLatin1String("tiny")) {
            const QString source = dir.filePath(QStringLiteral("source.db"));
            {
                auto store = createStore(source);
                QVERIFY(store);
                for (int i = 0; i < 50; ++i) {
                    QVERIFY(put(*store, QStringLiteral("s%1").arg(i), kv({{"k", "value"}}), {}));
                }
            }
            const QByteArray whole = fileBytes(source);
            QVERIFY(whole.size() > 8192);
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(kind == QLatin1String("half") ? whole.left(whole.size() / 2)
                                                    : whole.left(60));
            out.close();
        } else {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            if (kind == QLatin1String("random")) {
                out.write(SecretBytes::random(8192).toByteArrayUnsafe());
            } else if (kind == QLatin1String("magic")) {
                out.write(QByteArray("SQLite format 3\0", 16));
                out.write(SecretBytes::random(4096).toByteArrayUnsafe());
            }
            out.close();
        }
        const QByteArray before = fileBytes(file);
        const QStringList listing = dirListing(dir.path());

        auto probed = await(LocalStore::probe(file));
        QVERIFY(!probed);
        QCOMPARE(probed.error().kind(), BackendError::Kind::InvalidResponse);
        QVERIFY2(probed.error().detail().contains(QStringLiteral("not a Strongroom store")),
                 qPrintable(probed.error().detail()));
        auto opened = await(LocalStore::open(file, passphrase("pass phrase")));
        QVERIFY(!opened);
        QCOMPARE(opened.error().kind(), BackendError::Kind::InvalidResponse);

        QCOMPARE(fileBytes(file), before);
        QCOMPARE(dirListing(dir.path()), listing);
    }
    void tamperedCiphertextNamesThePath() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("store.db"));
        {
            auto store = createStore(file);
            QVERIFY(store);
            QVERIFY(put(*store, QStringLiteral("team/victim"), kv({{"k", "original"}}), {}));
            QVERIFY(put(*store, QStringLiteral("team/bystander"), kv({{"k", "fine"}}), {}));
        }
        QVERIFY(editFile(file, [](QSqlDatabase& db) {
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral(
                    "SELECT v.ciphertext FROM versions v JOIN secrets s ON s.id = v.secret_id "
                    "WHERE s.path = 'team/victim'")) ||
                !query.next()) {
                return false;
            }
            QByteArray blob = query.value(0).toByteArray();
            blob[20] = static_cast<char>(blob[20] ^ 0x40);
            QSqlQuery update(db);
            update.prepare(QStringLiteral("UPDATE versions SET ciphertext = ? WHERE secret_id = "
                                          "(SELECT id FROM secrets WHERE path = 'team/victim')"));
            update.addBindValue(blob);
            return update.exec() && update.numRowsAffected() == 1;
        }));
        auto store = openStore(file);
        QVERIFY(store);
        auto read = await(store->read({QStringLiteral("team/victim")}, {}));
        QVERIFY(!read);
        QCOMPARE(read.error().kind(), BackendError::Kind::InvalidResponse);
        QVERIFY(read.error().detail().contains(QStringLiteral("team/victim")));
        QCOMPARE(fieldOf(await(store->read({QStringLiteral("team/bystander")}, {})), "k"),
                 QStringLiteral("fine"));
    }
    void rowsSwappedBetweenPathsOrVersionsAreDetected() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("store.db"));
        {
            auto store = createStore(file);
            QVERIFY(store);
            QVERIFY(put(*store, QStringLiteral("a"), kv({{"k", "a1"}}), {}));
            QVERIFY(put(*store, QStringLiteral("a"), kv({{"k", "a2"}}), QStringLiteral("1")));
            QVERIFY(put(*store, QStringLiteral("b"), kv({{"k", "b1"}}), {}));
        }
        // Give b the ciphertext of a/1, and a/2 the ciphertext of a/1 too.
        QVERIFY(editFile(file, [](QSqlDatabase& db) {
            return execAll(
                db,
                {"CREATE TEMP TABLE a1 AS SELECT v.ciphertext AS c FROM versions v JOIN secrets s "
                 "ON s.id = v.secret_id WHERE s.path = 'a' AND v.version = 1",
                 "UPDATE versions SET ciphertext = (SELECT c FROM a1) WHERE secret_id = "
                 "(SELECT id FROM secrets WHERE path = 'b')",
                 "UPDATE versions SET ciphertext = (SELECT c FROM a1) WHERE version = 2 AND "
                 "secret_id = (SELECT id FROM secrets WHERE path = 'a')"});
        }));
        auto store = openStore(file);
        QVERIFY(store);
        auto movedPath = await(store->read({QStringLiteral("b")}, {}));
        QVERIFY(!movedPath);
        QCOMPARE(movedPath.error().kind(), BackendError::Kind::InvalidResponse);
        QVERIFY(movedPath.error().detail().contains(QStringLiteral("b version 1")));
        auto movedVersion = await(store->read({QStringLiteral("a")}, QStringLiteral("2")));
        QVERIFY(!movedVersion);
        QCOMPARE(movedVersion.error().kind(), BackendError::Kind::InvalidResponse);
        QCOMPARE(fieldOf(await(store->read({QStringLiteral("a")}, QStringLiteral("1"))), "k"),
                 QStringLiteral("a1"));
    }
    void lockedStoreRefusesEverything() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("store.db"));
        auto store = createStore(file);
        QVERIFY(store);
        const SecretRef ref{QStringLiteral("x")};
        QVERIFY(put(*store, ref.path, kv({{"k", "v"}}), {}));
        QSignalSpy spy(store.get(), &SecretBackend::stateChanged);
        store->lock();
        QCOMPARE(store->state(), ConnectionState::Locked);
        QCOMPARE(spy.count(), 1);
        const auto isLocked = [](const BackendError& error) {
            return error.kind() == BackendError::Kind::Unauthenticated &&
                   error.detail() == QStringLiteral("store is locked");
        };
        QVERIFY(isLocked(await(store->read(ref, {})).error()));
        QVERIFY(isLocked(await(store->list({}, {}, {})).error()));
        QVERIFY(isLocked(await(store->versions(ref)).error()));
        QVERIFY(isLocked(await(store->metadata(ref)).error()));
        QVERIFY(isLocked(await(store->capabilitiesFor(ref)).error()));
        QVERIFY(isLocked(put(*store, ref.path, kv({{"k", "w"}}), QStringLiteral("1")).error()));
        QVERIFY(isLocked(await(store->deleteSecret(ref, {})).error()));
        QVERIFY(isLocked(
            await(store->rollback(ref, QStringLiteral("1"), QStringLiteral("1"))).error()));

        auto wrong = await(store->unlock(passphrase("nope")));
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().kind(), BackendError::Kind::Unauthenticated);
        QCOMPARE(store->state(), ConnectionState::Locked);
        QVERIFY(await(store->unlock(passphrase("pass phrase"))));
        QCOMPARE(store->state(), ConnectionState::Connected);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(fieldOf(await(store->read(ref, {})), "k"), QStringLiteral("v"));
    }
    void changePassphraseRewrapsTheKey() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("store.db"));
        {
            auto store = createStore(file);
            QVERIFY(store);
            QVERIFY(put(*store, QStringLiteral("s"), kv({{"k", "kept"}}), {}));
            QVERIFY(await(store->changePassphrase(passphrase("new words"), fastKdf())));
        }
        auto old = await(LocalStore::open(file, passphrase("pass phrase")));
        QVERIFY(!old);
        QCOMPARE(old.error().kind(), BackendError::Kind::Unauthenticated);
        auto store = openStore(file, passphrase("new words"));
        QVERIFY(store);
        QCOMPARE(fieldOf(await(store->read({QStringLiteral("s")}, {})), "k"),
                 QStringLiteral("kept"));
        // Switch to a keychain key: the app's "remember in keychain" path.
        const auto key = SecretBytes::random(32);
        QVERIFY(await(store->changePassphrase(keychainKey(key))));
        store.reset();
        QCOMPARE(await(LocalStore::probe(file)).value(), LocalKeyProtection::Keychain);
        QVERIFY(openStore(file, keychainKey(key)));
    }
    void valuesNeverReachTheDiskInPlaintext() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("store.db"));
        auto store = createStore(file);
        QVERIFY(store);
        QVERIFY(put(*store, QStringLiteral("plain/check"),
                    kv({{"password", "CORRECT-HORSE-BATTERY-STAPLE"}}), {}));
        QVERIFY(put(*store, QStringLiteral("plain/check"),
                    SecretValue::text(SecretBytes(std::string_view("TEXT-MARKER-42"))),
                    QStringLiteral("1")));
        const auto scan = [&] {
            QByteArray all;
            for (const auto& name : dirListing(dir.path())) {
                all += fileBytes(dir.filePath(name));
            }
            return all;
        };
        const QByteArray whileOpen = scan();
        QVERIFY(whileOpen.contains("plain/check")); // paths are not secret: proves the scan sees
        QVERIFY(!whileOpen.contains("CORRECT-HORSE-BATTERY-STAPLE"));
        QVERIFY(!whileOpen.contains("TEXT-MARKER-42"));
        store.reset();
        const QByteArray closed = scan();
        QVERIFY(closed.contains("plain/check"));
        QVERIFY(!closed.contains("CORRECT-HORSE-BATTERY-STAPLE"));
        QVERIFY(!closed.contains("TEXT-MARKER-42"));
        QVERIFY(!closed.contains("pass phrase"));
    }
};

QTEST_GUILESS_MAIN(TestLocalStoreOpen)
#include "test_local_store_open.moc"
