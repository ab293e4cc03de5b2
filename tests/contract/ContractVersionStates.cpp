// The states one version can be put in: deleted (and undeleted), destroyed for good, disabled
// (and enabled), and labels moved from one version to another.
#include "ContractChecks.h"
#include "ContractSuite.h"

using namespace strongroom;
using namespace contract;
using Kind = BackendError::Kind;

namespace {

// The marks of `id` in `versions`, 0 when the version is not listed.
VersionMarks marksOf(const QList<VersionInfo>& versions, const QString& id) {
    const auto* info = findVersion(versions, id);
    return info ? info->marks : VersionMarks();
}

const QString contractLabel = QStringLiteral("contract-label");

QStringList holdersOf(const QList<VersionInfo>& versions, const QString& label) {
    QStringList ids;
    for (const auto& info : versions) {
        if (info.labels.contains(label)) {
            ids << info.id;
        }
    }
    return ids;
}

} // namespace

void ContractSuite::deletedVersionsCanBeUndeleted() {
    const auto ref = fresh("soft");
    const auto ids =
        putVersions(ref, {QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three")});
    QCOMPARE(ids.size(), 3);
    const QString before = stateOf(ref);
    if (!claims(Capability::DeleteVersion)) {
        VERIFY_ERROR(await(backend().deleteVersions(ref, {ids[0]})), Kind::Unsupported);
        VERIFY_ERROR(await(backend().undeleteVersions(ref, {ids[0]})), Kind::Unsupported);
        QCOMPARE(stateOf(ref), before);
        return;
    }
    VERIFY_OK(await(backend().deleteVersions(ref, {ids[0]})));
    auto versions = versionsOf(ref);
    QVERIFY2(marksOf(versions, ids[0]).testFlag(VersionMark::Deleted), qPrintable(stateOf(ref)));
    QVERIFY(!findVersion(versions, ids[0])->isReadable());
    VERIFY_FAILS(await(backend().read(ref, ids[0])));
    QCOMPARE(currentText(ref), QStringLiteral("three")); // the others are untouched
    QCOMPARE(textAt(ref, ids[1]), QStringLiteral("two"));

    if (!claims(Capability::UndeleteVersion)) {
        const QString deleted = stateOf(ref);
        VERIFY_ERROR(await(backend().undeleteVersions(ref, {ids[0]})), Kind::Unsupported);
        QCOMPARE(stateOf(ref), deleted);
        return;
    }
    VERIFY_OK(await(backend().undeleteVersions(ref, {ids[0]})));
    QCOMPARE(textAt(ref, ids[0]), QStringLiteral("one"));
    QCOMPARE(stateOf(ref), before);
}

void ContractSuite::destroyedVersionsAreGoneForGood() {
    const auto ref = fresh("destroy");
    const auto ids = putVersions(ref, {QStringLiteral("one"), QStringLiteral("two")});
    QCOMPARE(ids.size(), 2);
    if (!claims(Capability::DestroyVersion)) {
        const QString before = stateOf(ref);
        VERIFY_ERROR(await(backend().destroyVersions(ref, {ids[0]})), Kind::Unsupported);
        QCOMPARE(stateOf(ref), before);
        return;
    }
    VERIFY_OK(await(backend().destroyVersions(ref, {ids[0]})));
    QVERIFY2(marksOf(versionsOf(ref), ids[0]).testFlag(VersionMark::Destroyed),
             qPrintable(stateOf(ref)));
    VERIFY_FAILS(await(backend().read(ref, ids[0])));
    QCOMPARE(currentText(ref), QStringLiteral("two"));
    // Undelete does not bring a destroyed value back, whatever it answers.
    if (claims(Capability::UndeleteVersion)) {
        const auto undeleting = await(backend().undeleteVersions(ref, {ids[0]}));
        Q_UNUSED(undeleting);
        VERIFY_FAILS(await(backend().read(ref, ids[0])));
        QVERIFY(marksOf(versionsOf(ref), ids[0]).testFlag(VersionMark::Destroyed));
    }
}

void ContractSuite::disabledVersionsAreNotReadable() {
    const auto ref = fresh("disable");
    const auto ids = putVersions(ref, {QStringLiteral("one"), QStringLiteral("two")});
    QCOMPARE(ids.size(), 2);
    const QString before = stateOf(ref);
    if (!claims(Capability::EnableVersion)) {
        VERIFY_ERROR(await(backend().setVersionsEnabled(ref, {ids[0]}, false)), Kind::Unsupported);
        VERIFY_ERROR(await(backend().setVersionsEnabled(ref, {ids[0]}, true)), Kind::Unsupported);
        QCOMPARE(stateOf(ref), before);
        return;
    }
    VERIFY_OK(await(backend().setVersionsEnabled(ref, {ids[0]}, false)));
    QVERIFY2(marksOf(versionsOf(ref), ids[0]).testFlag(VersionMark::Disabled),
             qPrintable(stateOf(ref)));
    VERIFY_FAILS(await(backend().read(ref, ids[0])));
    QCOMPARE(currentText(ref), QStringLiteral("two"));
    VERIFY_OK(await(backend().setVersionsEnabled(ref, {ids[0]}, true)));
    QCOMPARE(textAt(ref, ids[0]), QStringLiteral("one"));
    QCOMPARE(stateOf(ref), before);
}

void ContractSuite::labelsMoveGuardedByTheirVersion() {
    const auto ref = fresh("labels");
    const auto ids = putVersions(ref, {QStringLiteral("one"), QStringLiteral("two")});
    QCOMPARE(ids.size(), 2);
    if (!claims(Capability::MoveLabel)) {
        const QString before = stateOf(ref);
        VERIFY_ERROR(await(backend().moveLabel(ref, contractLabel, ids[0], {})), Kind::Unsupported);
        QCOMPARE(stateOf(ref), before);
        return;
    }
    // A new label, then moved on from the version it is on.
    VERIFY_OK(await(backend().moveLabel(ref, contractLabel, ids[0], {})));
    QCOMPARE(holdersOf(versionsOf(ref), contractLabel), QStringList{ids[0]});
    VERIFY_OK(await(backend().moveLabel(ref, contractLabel, ids[1], ids[0])));
    QCOMPARE(holdersOf(versionsOf(ref), contractLabel), QStringList{ids[1]});

    // It moved meanwhile: a move from where it was is a conflict and changes nothing.
    const QString before = stateOf(ref);
    VERIFY_ERROR(await(backend().moveLabel(ref, contractLabel, ids[0], ids[0])), Kind::Conflict);
    // "It is new" when it is not is a conflict too.
    VERIFY_ERROR(await(backend().moveLabel(ref, contractLabel, ids[0], {})), Kind::Conflict);
    QCOMPARE(stateOf(ref), before);
    // Moving a label never changes which value is current.
    QCOMPARE(currentText(ref), QStringLiteral("two"));
}
