#include "Await.h"
#include "CredentialStore.h"
#include "IsolatedHome.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace strongroom;

// Runs under scripts/with-keyring: a real gnome-keyring answering on the session bus.
class TestCredentialStore : public QObject {
    Q_OBJECT

private:
    // Each test uses its own keys so runs never see each other's leftovers.
    static QString uniqueKey(const char* name) {
        return QStringLiteral("test-%1-%2")
            .arg(QLatin1String(name), QUuid::createUuid().toString(QUuid::WithoutBraces));
    }

private Q_SLOTS:
    void roundTripsBinarySecret() {
        CredentialStore store;
        const QString key = uniqueKey("roundtrip");
        const std::string raw("tok\0en-\xff\x01-value", 16);
        const SecretBytes secret(raw);
        QVERIFY(await(store.write(key, secret)).ok());
        QVERIFY(store.keychainAvailable());
        auto read = await(store.read(key));
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message()));
        QVERIFY(read.value() == secret);
        QVERIFY(await(store.remove(key)).ok());
    }

    void overwriteReplacesTheValue() {
        CredentialStore store;
        const QString key = uniqueKey("overwrite");
        QVERIFY(await(store.write(key, SecretBytes(std::string_view("first")))).ok());
        QVERIFY(await(store.write(key, SecretBytes(std::string_view("second")))).ok());
        auto read = await(store.read(key));
        QVERIFY(read.ok());
        QCOMPARE(QByteArray(read.value().data(), static_cast<qsizetype>(read.value().size())),
                 QByteArray("second"));
        QVERIFY(await(store.remove(key)).ok());
    }

    void removeMakesReadReportNotFound() {
        CredentialStore store;
        const QString key = uniqueKey("remove");
        QVERIFY(await(store.write(key, SecretBytes(std::string_view("gone soon")))).ok());
        QVERIFY(await(store.remove(key)).ok());
        auto read = await(store.read(key));
        QVERIFY(!read.ok());
        QCOMPARE(read.error().kind(), BackendError::Kind::NotFound);
    }

    void readOfUnknownKeyIsNotFound() {
        CredentialStore store;
        QSignalSpy unavailable(&store, &CredentialStore::keychainUnavailable);
        auto read = await(store.read(uniqueKey("never-written")));
        QVERIFY(!read.ok());
        QCOMPARE(read.error().kind(), BackendError::Kind::NotFound);
        // A missing entry is not a missing keychain.
        QVERIFY(store.keychainAvailable());
        QCOMPARE(unavailable.count(), 0);
    }

    void secondStoreSeesWhatTheFirstWrote() {
        const QString key = uniqueKey("persist");
        {
            CredentialStore writer;
            QVERIFY(await(writer.write(key, SecretBytes(std::string_view("kept in keyring")),
                                       CredentialStore::Persistence::KeychainOnly))
                        .ok());
        }
        CredentialStore reader;
        auto read = await(reader.read(key));
        QVERIFY(read.ok());
        QVERIFY(read.value() == SecretBytes(std::string_view("kept in keyring")));
        QVERIFY(await(reader.remove(key)).ok());
    }
};

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "test_credential_store.moc"
