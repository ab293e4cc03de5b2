#include "AppSettings.h"
#include "AuditLog.h"
#include "Await.h"
#include "CredentialStore.h"
#include "DemoSeeder.h"
#include "FakeBackend.h"
#include "IsolatedHome.h"
#include "LocalStoreOpener.h"
#include "SecretService.h"
#include "Workspace.h"

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

QString message(const BackendError& error) {
    return error.message();
}

} // namespace

// Runs under scripts/with-keyring: the local store's key goes to a real gnome-keyring.
class TestWorkspace : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keychainStoreSurvivesARestart() {
        QTemporaryDir dir;
        {
            Workspace workspace(AppPaths::under(dir.path()));
            QSignalSpy added(&workspace, &Workspace::connectionAdded);
            auto probe = await(workspace.probeLocalStore());
            QVERIFY(!probe.ok());
            QCOMPARE(probe.error().kind(), BackendError::Kind::NotFound);

            auto local = await(workspace.createLocalStore(LocalKeyProtection::Keychain));
            QVERIFY2(local.ok(), qPrintable(local.ok() ? QString() : message(local.error())));
            QCOMPARE(local.value()->id(), QStringLiteral("local"));
            QCOMPARE(local.value()->displayName(), QStringLiteral("Local store"));
            QCOMPARE(added.count(), 1);
            QCOMPARE(workspace.connection(QStringLiteral("local")), local.value());
            QVERIFY(await(workspace.secrets()->write(
                              local.value(),
                              WriteRequest{
                                  SecretRef{QStringLiteral("a/b")}, kv("k", "survives"), {}, {}}))
                        .ok());
            // The key is in the keychain under the documented name.
            auto kek = await(workspace.credentials()->read(
                LocalStoreOpener::kekKey(workspace.paths().localStoreFile())));
            QVERIFY(kek.ok());
            QCOMPARE(kek->size(), std::size_t(32));

            auto again = await(workspace.createLocalStore(LocalKeyProtection::Keychain));
            QVERIFY(!again.ok()); // one local connection only
        }
        Workspace restarted(AppPaths::under(dir.path()));
        auto probe = await(restarted.probeLocalStore());
        QVERIFY(probe.ok());
        QCOMPARE(probe.value(), LocalKeyProtection::Keychain);
        auto local = await(restarted.openLocalStore());
        QVERIFY2(local.ok(), qPrintable(local.ok() ? QString() : message(local.error())));
        auto read =
            await(restarted.secrets()->read(local.value(), SecretRef{QStringLiteral("a/b")}));
        QVERIFY(read.ok());
        QCOMPARE(read->field(QStringLiteral("k"))->value.view(), std::string_view("survives"));
        QVERIFY(await(restarted.credentials()->remove(
                          LocalStoreOpener::kekKey(restarted.paths().localStoreFile())))
                    .ok());
    }

    void keychainStoreWithoutItsKeyIsAClearError() {
        QTemporaryDir dir;
        {
            Workspace workspace(AppPaths::under(dir.path()));
            QVERIFY(await(workspace.createLocalStore(LocalKeyProtection::Keychain)).ok());
            QVERIFY(await(workspace.credentials()->remove(
                              LocalStoreOpener::kekKey(workspace.paths().localStoreFile())))
                        .ok());
        }
        Workspace restarted(AppPaths::under(dir.path()));
        auto local = await(restarted.openLocalStore());
        QVERIFY(!local.ok());
        QCOMPARE(local.error().kind(), BackendError::Kind::Unauthenticated);
        QVERIFY(local.error().message().contains(QStringLiteral("missing from the OS keychain")));
    }

    void passphraseStoreNeedsThePassphrase() {
        QTemporaryDir dir;
        const SecretBytes passphrase(std::string_view("correct horse battery staple"));
        {
            Workspace workspace(AppPaths::under(dir.path()));
            auto noPassphrase = await(workspace.createLocalStore(LocalKeyProtection::Passphrase));
            QVERIFY(!noPassphrase.ok());
            QCOMPARE(noPassphrase.error().kind(), BackendError::Kind::InvalidInput);
            QVERIFY(
                await(workspace.createLocalStore(LocalKeyProtection::Passphrase, passphrase)).ok());
        }
        Workspace restarted(AppPaths::under(dir.path()));
        QCOMPARE(await(restarted.probeLocalStore()).value(), LocalKeyProtection::Passphrase);
        auto missing = await(restarted.openLocalStore());
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().kind(), BackendError::Kind::Unauthenticated);
        auto wrong = await(restarted.openLocalStore(SecretBytes(std::string_view("wrong"))));
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().kind(), BackendError::Kind::Unauthenticated);
        auto right = await(restarted.openLocalStore(passphrase));
        QVERIFY2(right.ok(), qPrintable(right.ok() ? QString() : message(right.error())));
    }

    void lockDropsAccessUntilUnlock() {
        QTemporaryDir dir;
        Workspace workspace(AppPaths::under(dir.path()));
        auto local = await(workspace.createLocalStore(LocalKeyProtection::Keychain));
        QVERIFY(local.ok());
        Connection* connection = local.value();
        QVERIFY(await(workspace.secrets()->write(
                          connection,
                          WriteRequest{SecretRef{QStringLiteral("x")}, kv("k", "v"), {}, {}}))
                    .ok());
        QSignalSpy locked(&workspace, &Workspace::locked);
        QSignalSpy unlocked(&workspace, &Workspace::unlocked);

        workspace.lock();
        QVERIFY(workspace.isLocked());
        QCOMPARE(locked.count(), 1);
        QCOMPARE(connection->state(), ConnectionState::Locked);
        auto denied = await(workspace.secrets()->read(connection, SecretRef{QStringLiteral("x")}));
        QVERIFY(!denied.ok());
        QCOMPARE(denied.error().kind(), BackendError::Kind::Unauthenticated);

        QVERIFY(await(workspace.unlock()).ok());
        QVERIFY(!workspace.isLocked());
        QCOMPARE(unlocked.count(), 1);
        QCOMPARE(connection->state(), ConnectionState::Connected);
        QVERIFY(await(workspace.secrets()->read(connection, SecretRef{QStringLiteral("x")})).ok());
        QVERIFY(await(workspace.credentials()->remove(
                          LocalStoreOpener::kekKey(workspace.paths().localStoreFile())))
                    .ok());
    }

    void savesNonLocalConnectionsWithoutSecrets() {
        QTemporaryDir dir;
        {
            Workspace workspace(AppPaths::under(dir.path()));
            QSignalSpy removed(&workspace, &Workspace::connectionRemoved);
            QVERIFY(workspace.addConnection(
                std::make_unique<FakeBackend>(), QStringLiteral("vault-a"),
                QStringLiteral("Vault A"),
                {{QStringLiteral("address"), QStringLiteral("https://a.example.invalid")}}));
            QVERIFY(workspace.addConnection(std::make_unique<FakeBackend>(),
                                            QStringLiteral("vault-b"), QStringLiteral("Vault B")));
            QVERIFY(!workspace.addConnection(std::make_unique<FakeBackend>(),
                                             QStringLiteral("vault-a"), QStringLiteral("dup")));
            QVERIFY(workspace.removeConnection(QStringLiteral("vault-b")));
            QCOMPARE(removed.count(), 1);
            QCOMPARE(workspace.connections().size(), 1);
        }
        Workspace restarted(AppPaths::under(dir.path()));
        const auto saved = restarted.savedConnections();
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved[0].id, QStringLiteral("vault-a"));
        QCOMPARE(saved[0].displayName, QStringLiteral("Vault A"));
        QCOMPARE(saved[0].providerId, QStringLiteral("fake"));
        QCOMPARE(saved[0].options.value(QStringLiteral("address")).toString(),
                 QStringLiteral("https://a.example.invalid"));
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "test_workspace.moc"
