// Recoverable deletion through the common contract on the real SecretsManagerBackend against a
// real moto server: deleting with a recovery window, the bin and its purge dates (every page),
// restore, purge (restore, then delete without recovery), force delete, and windows refused
// before anything is sent. What the server holds afterwards is checked with moto's own unsigned
// calls, not through the code under test.
#include "AwsMotoKit.h"

using namespace strongroom;
using namespace awstest;
using Kind = BackendError::Kind;

namespace {

SecretRef ref(const QString& name) {
    return SecretRef{name};
}

QStringList pathsOf(const QList<DeletedSecret>& deleted) {
    QStringList paths;
    for (const auto& secret : deleted)
        paths << secret.path;
    return paths;
}

DeleteOptions window(int days) {
    DeleteOptions options;
    options.recoveryDays = days;
    return options;
}

DeleteOptions forced() {
    DeleteOptions options;
    options.force = true;
    return options;
}

constexpr qint64 day = 86400;

} // namespace

class TestAwsBin : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<MotoServer> m_moto;
    std::unique_ptr<SecretsManagerBackend> m_backend;

    MotoServer& moto() { return *m_moto; }
    SecretBackend& backend() { return *m_backend; }

    bool inBin(const QString& name) {
        return !describeRaw(moto(), name).value(QStringLiteral("DeletedDate")).isNull();
    }

    bool gone(const QString& name) {
        return describeRaw(moto(), name).value(QStringLiteral("__type")).toString() ==
               QLatin1String("ResourceNotFoundException");
    }

private Q_SLOTS:
    void initTestCase() {
        m_moto = std::make_unique<MotoServer>();
        QVERIFY2(moto().start(), qPrintable(moto().lastError()));
    }

    void init() {
        QVERIFY(moto().reset());
        m_backend = backendFor(moto());
    }

    void cleanup() { m_backend.reset(); }

    void cleanupTestCase() { m_moto.reset(); }

    void theBinIsOfferedWithItsRules() {
        const Capabilities store = backend().storeCapabilities();
        for (const auto capability :
             {Capability::RecoverableDelete, Capability::ListDeleted, Capability::RestoreSecret,
              Capability::PurgeSecret, Capability::MoveLabel}) {
            QVERIFY2(store.can(capability), qPrintable(capabilityName(capability)));
        }
        QVERIFY(!store.can(Capability::EnableVersion));
        QVERIFY2(store.whyNot(Capability::EnableVersion).contains(QStringLiteral("disabled")),
                 qPrintable(store.whyNot(Capability::EnableVersion)));
        const DeletionRules rules = backend().deletionRules();
        QVERIFY(rules.hasBin);
        QVERIFY(rules.windowChosenPerDelete);
        QCOMPARE(rules.minRecoveryDays, 7);
        QCOMPARE(rules.maxRecoveryDays, 30);
        QCOMPARE(rules.defaultRecoveryDays, 30);
    }

    void aDeletedSecretIsListedWithItsPurgeDateAndRestored() {
        const QString name = QStringLiteral("old/token");
        QVERIFY(!createSecret(moto(), name, QStringLiteral("still here")).isEmpty());
        QVERIFY(
            !createSecret(moto(), QStringLiteral("old/kept"), QStringLiteral("kept")).isEmpty());

        const QDateTime before = QDateTime::currentDateTimeUtc();
        VERIFY_OK(await(backend().deleteSecret(ref(name), window(7))));
        QVERIFY(inBin(name));

        auto listed = await(backend().deletedSecrets(QString(), CancelToken()));
        VERIFY_OK(listed);
        QCOMPARE(pathsOf(listed.value()), QStringList{name});
        const qint64 untilPurge = before.secsTo(listed->first().purgeAt);
        QVERIFY2(untilPurge >= 7 * day - 60 && untilPurge <= 7 * day + 60,
                 qPrintable(listed->first().purgeAt.toString(Qt::ISODate)));
        listed = await(backend().deletedSecrets(QStringLiteral("old/t"), CancelToken()));
        VERIFY_OK(listed);
        QCOMPARE(pathsOf(listed.value()), QStringList{name});
        listed = await(backend().deletedSecrets(QStringLiteral("new/"), CancelToken()));
        VERIFY_OK(listed);
        QVERIFY(listed->isEmpty());

        auto read = await(backend().read(ref(name), {}));
        QVERIFY2(!read.ok(), "a secret in the bin must not be readable");
        QVERIFY2(read.error().message().contains(QStringLiteral("scheduled for deletion")),
                 qPrintable(read.error().message()));

        VERIFY_OK(await(backend().restoreSecret(ref(name))));
        QVERIFY(!inBin(name));
        listed = await(backend().deletedSecrets(QString(), CancelToken()));
        VERIFY_OK(listed);
        QVERIFY(listed->isEmpty());
        read = await(backend().read(ref(name), {}));
        VERIFY_OK(read);
    }

    void theDefaultWindowIsThirtyDays() {
        const QString name = QStringLiteral("old/default");
        QVERIFY(!createSecret(moto(), name, QStringLiteral("x")).isEmpty());
        const QDateTime before = QDateTime::currentDateTimeUtc();
        VERIFY_OK(await(backend().deleteSecret(ref(name), DeleteOptions{})));
        auto listed = await(backend().deletedSecrets(QString(), CancelToken()));
        VERIFY_OK(listed);
        QCOMPARE(pathsOf(listed.value()), QStringList{name});
        const qint64 untilPurge = before.secsTo(listed->first().purgeAt);
        QVERIFY2(untilPurge >= 30 * day - 60 && untilPurge <= 30 * day + 60,
                 qPrintable(listed->first().purgeAt.toString(Qt::ISODate)));
    }

    void purgeTakesASecretOutOfTheBinForGood() {
        const QString name = QStringLiteral("old/purged");
        QVERIFY(!createSecret(moto(), name, QStringLiteral("x")).isEmpty());
        VERIFY_OK(await(backend().deleteSecret(ref(name), window(7))));
        QVERIFY(inBin(name));

        VERIFY_OK(await(backend().purgeSecret(ref(name))));
        QVERIFY(gone(name));
        auto listed = await(backend().deletedSecrets(QString(), CancelToken()));
        VERIFY_OK(listed);
        QVERIFY(!pathsOf(listed.value()).contains(name));
        auto restored = await(backend().restoreSecret(ref(name)));
        VERIFY_ERROR(restored, Kind::NotFound);
        // The name is free again.
        QVERIFY(!createSecret(moto(), name, QStringLiteral("fresh")).isEmpty());
    }

    void purgeLeavesALiveSecretAlone() {
        const QString name = QStringLiteral("app/live");
        const QString version = createSecret(moto(), name, QStringLiteral("in use"));
        QVERIFY(!version.isEmpty());
        auto purged = await(backend().purgeSecret(ref(name)));
        VERIFY_ERROR(purged, Kind::NotFound);
        QVERIFY2(purged.error().message().contains(QStringLiteral("not deleted")),
                 qPrintable(purged.error().message()));
        QVERIFY(!inBin(name));
        QCOMPARE(versionHolding(describeRaw(moto(), name), QStringLiteral("AWSCURRENT")), version);

        auto missing = await(backend().purgeSecret(ref(QStringLiteral("app/none"))));
        VERIFY_ERROR(missing, Kind::NotFound);
    }

    void forceDeleteRemovesAtOnce() {
        const QString name = QStringLiteral("old/gone");
        QVERIFY(!createSecret(moto(), name, QStringLiteral("x")).isEmpty());
        VERIFY_OK(await(backend().deleteSecret(ref(name), forced())));
        QVERIFY(gone(name));
        auto listed = await(backend().deletedSecrets(QString(), CancelToken()));
        VERIFY_OK(listed);
        QVERIFY(!pathsOf(listed.value()).contains(name));
        auto restored = await(backend().restoreSecret(ref(name)));
        VERIFY_ERROR(restored, Kind::NotFound);
    }

    void windowsOutside7To30AreRefusedBeforeSending() {
        const QString name = QStringLiteral("old/window");
        QVERIFY(!createSecret(moto(), name, QStringLiteral("x")).isEmpty());
        for (const int days : {-1, 6, 31}) {
            auto deleted = await(backend().deleteSecret(ref(name), window(days)));
            VERIFY_ERROR(deleted, Kind::InvalidInput);
            QVERIFY2(deleted.error().message().contains(QStringLiteral("7 to 30 days")),
                     qPrintable(deleted.error().message()));
        }
        QVERIFY(!inBin(name));
        // No call was made: a secret that does not exist gives the same refusal, not NotFound.
        auto missing = await(backend().deleteSecret(ref(QStringLiteral("old/none")), window(6)));
        VERIFY_ERROR(missing, Kind::InvalidInput);
    }

    void theBinIsReadPageByPage() {
        // More than one ListSecrets page (100 entries) of secrets waiting for deletion.
        constexpr int count = 120;
        for (int i = 0; i < count; ++i) {
            const QString name = QStringLiteral("bulk/%1").arg(i, 3, 10, QLatin1Char('0'));
            QVERIFY(!createSecret(moto(), name, QStringLiteral("x")).isEmpty());
            QVERIFY(moto()
                        .secretsManager(QStringLiteral("DeleteSecret"),
                                        {{QStringLiteral("SecretId"), name},
                                         {QStringLiteral("RecoveryWindowInDays"), 7}})
                        .ok());
        }
        QVERIFY(!createSecret(moto(), QStringLiteral("bulk/live"), QStringLiteral("x")).isEmpty());
        auto listed = await(backend().deletedSecrets(QStringLiteral("bulk/"), CancelToken()));
        VERIFY_OK(listed);
        QCOMPARE(listed->size(), count);
        QStringList paths = pathsOf(listed.value());
        QVERIFY(!paths.contains(QStringLiteral("bulk/live")));
        QCOMPARE(paths.removeDuplicates(), 0);

        CancelToken cancel;
        cancel.cancel();
        auto cancelled = await(backend().deletedSecrets(QStringLiteral("bulk/"), cancel));
        VERIFY_ERROR(cancelled, Kind::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestAwsBin)
#include "test_aws_bin.moc"
