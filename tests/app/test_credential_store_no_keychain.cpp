#include "Await.h"
#include "CredentialStore.h"
#include "IsolatedHome.h"
#include "Workspace.h"

#include <QCoreApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace strongroom;

// With the session bus pointing at a socket nobody listens on, no keychain can answer: the store
// must say so, keep credentials in memory only, and write nothing to disk.
class TestCredentialStoreNoKeychain : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fallsBackToMemoryAndSaysSo() {
        IsolatedHome home;
        CredentialStore store;
        QSignalSpy unavailable(&store, &CredentialStore::keychainUnavailable);
        const SecretBytes token(std::string_view("hvs.NOT-A-REAL-TOKEN-4f1c2a"));

        QVERIFY(await(store.write(QStringLiteral("conn:vault-prod"), token)).ok());
        QCOMPARE(unavailable.count(), 1);
        QCOMPARE(unavailable.first().first().toString(),
                 QStringLiteral("No OS keychain is available: the credential is kept in memory "
                                "for this run only"));
        QVERIFY(store.keychainMissing());
        QVERIFY(!store.keychainAvailable());

        auto read = await(store.read(QStringLiteral("conn:vault-prod")));
        QVERIFY(read.ok());
        QVERIFY(read.value() == token);

        // Said once, not on every call.
        QVERIFY(await(store.write(QStringLiteral("other"), token)).ok());
        QCOMPARE(unavailable.count(), 1);

        QVERIFY(!home.allFileContents().contains(QByteArray("NOT-A-REAL-TOKEN")));

        store.forgetInMemory();
        auto afterForget = await(store.read(QStringLiteral("conn:vault-prod")));
        QVERIFY(!afterForget.ok());
        QCOMPARE(afterForget.error().kind(), BackendError::Kind::NotFound);
    }

    void refusesKeychainOnlyWrites() {
        IsolatedHome home;
        CredentialStore store;
        const SecretBytes kek = SecretBytes::random(32);
        auto written = await(store.write(QStringLiteral("local-store-kek:/x"), kek,
                                         CredentialStore::Persistence::KeychainOnly));
        QVERIFY(!written.ok());
        QCOMPARE(written.error().kind(), BackendError::Kind::Unsupported);
        auto read = await(store.read(QStringLiteral("local-store-kek:/x")));
        QVERIFY(!read.ok());
        QCOMPARE(read.error().kind(), BackendError::Kind::NotFound);
        QVERIFY(!home.allFileContents().contains(
            QByteArray(kek.data(), static_cast<qsizetype>(kek.size()))));
    }

    void localStoreRefusesKeychainModeAndOffersPassphrase() {
        IsolatedHome home;
        Workspace workspace(AppPaths::fromEnvironment());
        auto keychain = await(workspace.createLocalStore(LocalKeyProtection::Keychain));
        QVERIFY(!keychain.ok());
        QCOMPARE(keychain.error().kind(), BackendError::Kind::Unsupported);
        QVERIFY2(keychain.error().message().contains(QStringLiteral("Choose a passphrase")),
                 qPrintable(keychain.error().message()));
        // No store was created whose key would only have lived in memory.
        QVERIFY(!QFile::exists(workspace.paths().localStoreFile()));

        auto passphrase = await(workspace.createLocalStore(
            LocalKeyProtection::Passphrase, SecretBytes(std::string_view("a passphrase"))));
        QVERIFY(passphrase.ok());
        QCOMPARE(passphrase.value()->id(), QStringLiteral("local"));
    }
};

int main(int argc, char** argv) {
    // Must be in place before anything (QCoreApplication, QtKeychain) touches D-Bus.
    QTemporaryDir deadBus;
    const QByteArray address = "unix:path=" + deadBus.filePath(QStringLiteral("no-bus")).toUtf8();
    qputenv("DBUS_SESSION_BUS_ADDRESS", address);
    QCoreApplication app(argc, argv);
    TestCredentialStoreNoKeychain test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_credential_store_no_keychain.moc"
