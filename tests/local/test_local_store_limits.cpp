// What the local store does not have: no bin, no disabled versions, no labels, no rotation.
// Each is denied in the capabilities with a reason an operator can act on, and each call
// refuses with Unsupported and leaves the secret as it was; a recovery window on delete is
// refused before anything is deleted, while a plain delete still removes the secret.
#include "LocalTestKit.h"

#include <QTemporaryDir>
#include <QTest>

using namespace strongroom;
using namespace localtest;
using Kind = BackendError::Kind;

namespace {

const SecretRef Db{QStringLiteral("team/db")};

// Fails unless `result` is an Unsupported refusal.
template <typename T> bool unsupported(const Result<T>& result) {
    if (result.ok()) {
        qWarning("expected Unsupported, the call succeeded");
        return false;
    }
    if (result.error().kind() != Kind::Unsupported) {
        qWarning("expected Unsupported, got %s", qPrintable(result.error().message()));
        return false;
    }
    return true;
}

} // namespace

class TestLocalStoreLimits : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<LocalStore> m_store;

    static void checkDenials(const Capabilities& caps) {
        for (const auto capability : {Capability::RecoverableDelete, Capability::ListDeleted,
                                      Capability::RestoreSecret, Capability::PurgeSecret}) {
            QVERIFY2(!caps.can(capability), qPrintable(capabilityName(capability)));
            QVERIFY2(caps.whyNot(capability).contains(QStringLiteral("no bin")),
                     qPrintable(caps.whyNot(capability)));
        }
        QVERIFY(!caps.can(Capability::EnableVersion));
        QVERIFY(
            caps.whyNot(Capability::EnableVersion).contains(QStringLiteral("cannot be disabled")));
        QVERIFY(!caps.can(Capability::MoveLabel));
        QVERIFY(caps.whyNot(Capability::MoveLabel).contains(QStringLiteral("labels")));
        for (const auto capability :
             {Capability::RotationStatus, Capability::Rotate, Capability::ConfigureRotation,
              Capability::ClearStuckRotation}) {
            QVERIFY2(!caps.can(capability), qPrintable(capabilityName(capability)));
            QVERIFY2(caps.whyNot(capability).contains(QStringLiteral("does not rotate")),
                     qPrintable(caps.whyNot(capability)));
        }
    }

private Q_SLOTS:
    void init() {
        const QString file =
            m_dir.filePath(QUuid::createUuid().toString(QUuid::Id128) + QStringLiteral(".db"));
        m_store = createStore(file);
        QVERIFY(m_store);
        QVERIFY(put(*m_store, Db.path, kv({{"k", "1"}}), {}));
        QVERIFY(put(*m_store, Db.path, kv({{"k", "2"}}), QStringLiteral("1")));
    }

    void cleanup() { m_store.reset(); }

    void theStoreSaysWhatItLacks() {
        checkDenials(m_store->storeCapabilities());
        auto caps = await(m_store->capabilitiesFor(Db));
        QVERIFY(caps);
        QVERIFY(caps->can(Capability::DeleteSecret));
        checkDenials(caps.value());
    }

    void aRecoveryWindowIsRefusedAndNothingIsDeleted() {
        QVERIFY(!m_store->deletionRules().hasBin);
        QVERIFY(!m_store->deletionRules().note.isEmpty());
        for (const int days : {7, 30, -1}) {
            DeleteOptions options;
            options.recoveryDays = days;
            auto deleted = await(m_store->deleteSecret(Db, options));
            QVERIFY(unsupported(deleted));
            QVERIFY2(deleted.error().message().contains(QStringLiteral("no bin")),
                     qPrintable(deleted.error().message()));
        }
        QCOMPARE(fieldOf(await(m_store->read(Db, {})), "k"), QStringLiteral("2"));
        auto versions = await(m_store->versions(Db));
        QVERIFY(versions);
        QCOMPARE(versions->size(), 2);

        // A delete without a window (forced or not) removes it: there is no bin to go to.
        DeleteOptions now;
        now.force = true;
        QVERIFY(await(m_store->deleteSecret(Db, now)));
        QCOMPARE(await(m_store->read(Db, {})).error().kind(), Kind::NotFound);
    }

    void theCallsItLacksAnswerUnsupportedAndChangeNothing() {
        QVERIFY(unsupported(await(m_store->deletedSecrets(QString(), CancelToken()))));
        QVERIFY(unsupported(await(m_store->restoreSecret(Db))));
        QVERIFY(unsupported(await(m_store->purgeSecret(Db))));
        QVERIFY(unsupported(await(m_store->setVersionsEnabled(Db, {QStringLiteral("1")}, false))));
        QVERIFY(unsupported(
            await(m_store->moveLabel(Db, QStringLiteral("live"), QStringLiteral("1"), {}))));
        QVERIFY(unsupported(await(m_store->rotation(Db))));
        QVERIFY(unsupported(await(m_store->rotateNow(Db))));
        QVERIFY(unsupported(await(m_store->configureRotation(Db, {}))));
        QVERIFY(unsupported(await(m_store->disableRotation(Db))));
        QVERIFY(unsupported(await(m_store->clearStuckRotation(Db, QStringLiteral("1")))));
        QCOMPARE(fieldOf(await(m_store->read(Db, {})), "k"), QStringLiteral("2"));
        QCOMPARE(fieldOf(await(m_store->read(Db, QStringLiteral("1"))), "k"), QStringLiteral("1"));
    }
};

QTEST_GUILESS_MAIN(TestLocalStoreLimits)
#include "test_local_store_limits.moc"
