// Rotation where the store offers it: how a secret rotates, rotate now, configure and turn off,
// and clearing a rotation that did not finish. The store-specific parts (which settings its
// form takes, how a rotation gets stuck on the peer) come from the fixture.
#include "ContractChecks.h"
#include "ContractSuite.h"

using namespace strongroom;
using namespace contract;
using Kind = BackendError::Kind;

void ContractSuite::rotationIsDescribed() {
    const auto ref = fresh("described");
    QCOMPARE(putVersions(ref, {QStringLiteral("one")}).size(), 1);
    if (!claims(Capability::RotationStatus)) {
        VERIFY_ERROR(await(backend().rotation(ref)), Kind::Unsupported);
        return;
    }
    auto info = await(backend().rotation(ref));
    VERIFY_OK(info);
    // Nobody set up rotation for a new secret: it is not rotating, and nothing is stuck.
    QVERIFY(!info->enabled);
    QCOMPARE(info->state, RotationInfo::State::Idle);
    QVERIFY(info->stuckVersion.isEmpty());
    VERIFY_ERROR(await(backend().rotation(fresh("never-written"))), Kind::NotFound);
}

void ContractSuite::rotateNowMakesANewCurrentVersion() {
    const auto ref = fresh("rotated");
    const auto ids = putVersions(ref, {QStringLiteral("one")});
    QCOMPARE(ids.size(), 1);
    const QString before = stateOf(ref);
    if (!claims(Capability::Rotate)) {
        VERIFY_ERROR(await(backend().rotateNow(ref)), Kind::Unsupported);
        QCOMPARE(stateOf(ref), before);
        return;
    }
    // On moto this needs no rotation Lambda: RotateSecret on a secret without one makes the
    // new version current at once (AWS itself would call the Lambda first), but with no value.
    auto rotated = await(backend().rotateNow(ref));
    VERIFY_OK(rotated);
    const auto read = await(backend().read(ref, {}));
    expectGap(ContractGap::RotatedValue);
    QCOMPARE(kindOf(read), QStringLiteral("<ok>"));
    if (!claims(Capability::Versions)) {
        return;
    }
    const auto current = markedWith(versionsOf(ref), VersionMark::Current);
    QCOMPARE(current.size(), 1);
    if (current.first() == ids.first()) {
        // Started, not finished (a Lambda still works on it): the store says so.
        QVERIFY2(claims(Capability::RotationStatus),
                 "rotated, but the current version is the old one");
        auto info = await(backend().rotation(ref));
        VERIFY_OK(info);
        QCOMPARE(info->state, RotationInfo::State::InProgress);
        return;
    }
    if (!rotated->isEmpty()) {
        QCOMPARE(current.first(), rotated.value());
    }
}

void ContractSuite::rotationCanBeConfiguredAndTurnedOff() {
    const auto ref = fresh("configured");
    const auto ids = putVersions(ref, {QStringLiteral("one")});
    QCOMPARE(ids.size(), 1);
    if (!claims(Capability::ConfigureRotation)) {
        const QString before = stateOf(ref);
        VERIFY_ERROR(await(backend().configureRotation(ref, {})), Kind::Unsupported);
        VERIFY_ERROR(await(backend().disableRotation(ref)), Kind::Unsupported);
        QCOMPARE(stateOf(ref), before);
        return;
    }
    QString why;
    const auto settings = m_fixture.rotationSettings(ref, &why);
    QVERIFY2(settings.has_value(), qPrintable(why));
    VERIFY_OK(await(backend().configureRotation(ref, *settings)));
    auto info = await(backend().rotation(ref));
    VERIFY_OK(info);
    QVERIFY(info->enabled);
    QVERIFY(info->rotator != RotationInfo::Rotator::None);
    QVERIFY(!info->schedule.isEmpty());
    // Configured, not rotated: applications read the value and version they read before. (A
    // store may stage a trial version meanwhile: AWS tests the Lambda with an AWSPENDING one.)
    QCOMPARE(currentText(ref), QStringLiteral("one"));
    QCOMPARE(markedWith(versionsOf(ref), VersionMark::Current), ids);

    VERIFY_OK(await(backend().disableRotation(ref)));
    info = await(backend().rotation(ref));
    VERIFY_OK(info);
    QVERIFY(!info->enabled);
    QCOMPARE(currentText(ref), QStringLiteral("one"));
    QCOMPARE(markedWith(versionsOf(ref), VersionMark::Current), ids);
}

void ContractSuite::stuckRotationCanBeCleared() {
    const auto ref = fresh("stuck");
    const auto ids = putVersions(ref, {QStringLiteral("one")});
    QCOMPARE(ids.size(), 1);
    if (!claims(Capability::ClearStuckRotation)) {
        const QString before = stateOf(ref);
        VERIFY_ERROR(await(backend().clearStuckRotation(ref, ids.first())), Kind::Unsupported);
        QCOMPARE(stateOf(ref), before);
        return;
    }
    QString why;
    const QString stuck = m_fixture.makeRotationStuck(ref, &why);
    QVERIFY2(!stuck.isEmpty(), qPrintable(why));
    auto info = await(backend().rotation(ref));
    VERIFY_OK(info);
    QCOMPARE(info->state, RotationInfo::State::Stuck);
    QCOMPARE(info->stuckVersion, stuck);
    QVERIFY(!info->stuckReason.isEmpty());

    VERIFY_OK(await(backend().clearStuckRotation(ref, stuck)));
    info = await(backend().rotation(ref));
    VERIFY_OK(info);
    QCOMPARE(info->state, RotationInfo::State::Idle);
    QCOMPARE(currentText(ref), QStringLiteral("one"));
    // Nothing left to clear: a conflict, never a silent success.
    const QString cleared = stateOf(ref);
    VERIFY_ERROR(await(backend().clearStuckRotation(ref, stuck)), Kind::Conflict);
    QCOMPARE(stateOf(ref), cleared);
}
