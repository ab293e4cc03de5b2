// Deleting a whole secret as deletionRules() describes it: at once where the store has no bin;
// into the bin where it has one, from which it is listed, restored or purged; a forced delete
// that skips the bin; recovery windows outside the rules refused before anything is deleted.
#include "ContractChecks.h"
#include "ContractSuite.h"

using namespace strongroom;
using namespace contract;
using Kind = BackendError::Kind;

namespace {

// The window a delete into the bin asks for: the shortest the store lets the operator pick,
// else the store's own.
int windowFor(const DeletionRules& rules) {
    return rules.windowChosenPerDelete ? rules.minRecoveryDays : 0;
}

} // namespace

void ContractSuite::deletingASecretFollowsTheDeletionRules() {
    const auto doomed = fresh("doomed");
    const auto kept = fresh("kept");
    QCOMPARE(putVersions(doomed, {QStringLiteral("one"), QStringLiteral("two")}).size(), 2);
    QCOMPARE(putVersions(kept, {QStringLiteral("kept")}).size(), 1);
    const auto rules = backend().deletionRules();

    VERIFY_OK(await(backend().deleteSecret(doomed, {})));
    VERIFY_FAILS(await(backend().read(doomed, {})));
    int pages = 0;
    QString error;
    QCOMPARE(pathsOf(listAll(m_folder, 100, &pages, &error)), QStringList{kept.path});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(currentText(kept), QStringLiteral("kept"));

    if (rules.hasBin) {
        if (claims(Capability::ListDeleted)) {
            QCOMPARE(binnedPaths(&error), QStringList{doomed.path});
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
        return;
    }
    // No bin: every version went with it, and the name is free for a new secret.
    VERIFY_ERROR(await(backend().read(doomed, {})), Kind::NotFound);
    if (claims(Capability::Versions)) {
        VERIFY_ERROR(await(backend().versions(doomed)), Kind::NotFound);
    }
    QCOMPARE(putVersions(doomed, {QStringLiteral("reborn")}).size(), 1);
    QCOMPARE(currentText(doomed), QStringLiteral("reborn"));
    if (claims(Capability::Versions)) {
        QCOMPARE(versionsOf(doomed).size(), 1);
    }
}

void ContractSuite::binnedSecretsCanBeRestored() {
    const auto ref = fresh("binned");
    QCOMPARE(putVersions(ref, {QStringLiteral("one")}).size(), 1);
    const QString before = stateOf(ref);
    QString error;
    if (!claims(Capability::RecoverableDelete)) {
        if (!claims(Capability::ListDeleted)) {
            VERIFY_ERROR(await(backend().deletedSecrets(m_folder, CancelToken())),
                         Kind::Unsupported);
        }
        if (!claims(Capability::RestoreSecret)) {
            VERIFY_ERROR(await(backend().restoreSecret(ref)), Kind::Unsupported);
        }
        QCOMPARE(stateOf(ref), before);
        return;
    }
    const auto rules = backend().deletionRules();
    const auto deletedFrom = QDateTime::currentDateTimeUtc();
    VERIFY_OK(await(backend().deleteSecret(ref, {windowFor(rules), false})));
    VERIFY_FAILS(await(backend().read(ref, {})));
    int pages = 0;
    QVERIFY(listAll(m_folder, 100, &pages, &error).isEmpty());

    if (claims(Capability::ListDeleted)) {
        auto bin = await(backend().deletedSecrets(m_folder, CancelToken()));
        VERIFY_OK(bin);
        QCOMPARE(pathsOf(bin.value()), QStringList{ref.path});
        const auto& deleted = bin->first();
        if (deleted.deletedAt.isValid()) {
            QVERIFY2(deleted.deletedAt.secsTo(deletedFrom) < 120 &&
                         deletedFrom.secsTo(deleted.deletedAt) < 120,
                     qPrintable(deleted.deletedAt.toString(Qt::ISODate)));
        }
        if (deleted.purgeAt.isValid() && rules.windowChosenPerDelete) {
            const qint64 days = deletedFrom.secsTo(deleted.purgeAt) / 86400;
            QVERIFY2(days >= rules.minRecoveryDays - 1 && days <= rules.minRecoveryDays,
                     qPrintable(deleted.purgeAt.toString(Qt::ISODate)));
        }
    }

    if (!claims(Capability::RestoreSecret)) {
        VERIFY_ERROR(await(backend().restoreSecret(ref)), Kind::Unsupported);
        return;
    }
    VERIFY_OK(await(backend().restoreSecret(ref)));
    QCOMPARE(stateOf(ref), before);
    QCOMPARE(pathsOf(listAll(m_folder, 100, &pages, &error)), QStringList{ref.path});
    if (claims(Capability::ListDeleted)) {
        QCOMPARE(binnedPaths(&error), QStringList());
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
}

void ContractSuite::binnedSecretsCanBePurged() {
    const auto ref = fresh("purged");
    QCOMPARE(putVersions(ref, {QStringLiteral("one")}).size(), 1);
    if (!claims(Capability::PurgeSecret)) {
        const QString before = stateOf(ref);
        VERIFY_ERROR(await(backend().purgeSecret(ref)), Kind::Unsupported);
        QCOMPARE(stateOf(ref), before);
        return;
    }
    if (!claims(Capability::RecoverableDelete)) {
        QSKIP("purging without a bin is a forced delete (forcedDeleteSkipsTheBin)");
    }
    VERIFY_OK(await(backend().deleteSecret(ref, {windowFor(backend().deletionRules()), false})));
    VERIFY_OK(await(backend().purgeSecret(ref)));
    VERIFY_FAILS(await(backend().read(ref, {})));
    QString error;
    if (claims(Capability::ListDeleted)) {
        QCOMPARE(binnedPaths(&error), QStringList());
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    if (claims(Capability::RestoreSecret)) {
        VERIFY_FAILS(await(backend().restoreSecret(ref)));
        VERIFY_FAILS(await(backend().read(ref, {})));
    }
}

void ContractSuite::forcedDeleteSkipsTheBin() {
    const auto ref = fresh("forced");
    QCOMPARE(putVersions(ref, {QStringLiteral("one")}).size(), 1);
    const auto rules = backend().deletionRules();
    if (rules.hasBin && !claims(Capability::PurgeSecret)) {
        const QString before = stateOf(ref);
        VERIFY_ERROR(await(backend().deleteSecret(ref, {0, true})), Kind::Unsupported);
        QCOMPARE(stateOf(ref), before);
        return;
    }
    // Without a bin every delete is at once; force asks for exactly that.
    VERIFY_OK(await(backend().deleteSecret(ref, {0, true})));
    VERIFY_FAILS(await(backend().read(ref, {})));
    int pages = 0;
    QString error;
    QVERIFY(listAll(m_folder, 100, &pages, &error).isEmpty());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    if (claims(Capability::ListDeleted)) {
        QCOMPARE(binnedPaths(&error), QStringList());
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
}

void ContractSuite::recoveryWindowOutsideTheRulesIsRefused() {
    const auto ref = fresh("window");
    QCOMPARE(putVersions(ref, {QStringLiteral("one")}).size(), 1);
    const QString before = stateOf(ref);
    const auto rules = backend().deletionRules();
    if (!rules.windowChosenPerDelete) {
        // No bin, or one whose window the store sets: asking for a window is refused.
        auto refused = await(backend().deleteSecret(ref, {7, false}));
        if (rules.hasBin) {
            VERIFY_FAILS(refused);
        } else {
            VERIFY_ERROR(refused, Kind::Unsupported);
        }
        QCOMPARE(stateOf(ref), before);
        return;
    }
    // One day short of the shortest window (0 would mean "the store's default"), one past the
    // longest.
    const int tooShort = rules.minRecoveryDays > 1 ? rules.minRecoveryDays - 1 : -1;
    for (const int days : {tooShort, rules.maxRecoveryDays + 1}) {
        VERIFY_ERROR(await(backend().deleteSecret(ref, {days, false})), Kind::InvalidInput);
        QCOMPARE(stateOf(ref), before);
    }
}
