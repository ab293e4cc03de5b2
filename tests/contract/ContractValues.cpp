// Values and their versions: the current value and old ones by id, the version list and its
// Current mark, the write guard and its conflict, rollback.
#include "ContractChecks.h"
#include "ContractSuite.h"

using namespace strongroom;
using namespace contract;
using Kind = BackendError::Kind;

void ContractSuite::readsTheCurrentValueAndOldVersions() {
    const auto ref = fresh("read");
    const auto ids = putVersions(ref, {QStringLiteral("one"), QStringLiteral("two")});
    QCOMPARE(ids.size(), 2);
    QVERIFY(ids[0] != ids[1]);
    QCOMPARE(currentText(ref), QStringLiteral("two"));
    VERIFY_ERROR(await(backend().read(fresh("never-written"), {})), Kind::NotFound);

    if (claims(Capability::ReadVersion)) {
        QCOMPARE(textAt(ref, ids[0]), QStringLiteral("one"));
        QCOMPARE(textAt(ref, ids[1]), QStringLiteral("two"));
    } else {
        VERIFY_ERROR(await(backend().read(ref, ids[0])), Kind::Unsupported);
    }
}

void ContractSuite::versionsAreOldestFirstWithTheCurrentMarked() {
    const auto ref = fresh("versions");
    const auto ids =
        putVersions(ref, {QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three")});
    QCOMPARE(ids.size(), 3);
    auto listed = await(backend().versions(ref));
    if (!claims(Capability::Versions)) {
        // A store that keeps no history may still show the one version it has.
        if (listed.ok()) {
            QCOMPARE(listed->size(), 1);
        } else {
            VERIFY_ERROR(listed, Kind::Unsupported);
        }
        return;
    }
    VERIFY_OK(listed);
    auto sorted = idsOf(listed.value());
    sorted.sort();
    auto written = ids;
    written.sort();
    QCOMPARE(sorted, written); // every version once, whatever the order
    QCOMPARE(markedWith(listed.value(), VersionMark::Current), QStringList{ids[2]});
    for (const auto& info : std::as_const(listed.value())) {
        QVERIFY2(info.created.isValid(), qPrintable(info.id));
        QVERIFY2(info.isReadable(), qPrintable(info.id));
    }
    const auto missing = await(backend().versions(fresh("never-written")));
    expectGap(ContractGap::MissingSecretVersions);
    QCOMPARE(kindOf(missing), BackendError::kindName(Kind::NotFound));

    expectGap(ContractGap::VersionOrder);
    QCOMPARE(idsOf(listed.value()), ids);
}

void ContractSuite::guardedWriteRefusesAStaleVersion() {
    const auto ref = fresh("guarded");
    // A new secret: "must not exist yet" succeeds once.
    auto created =
        await(backend().write(WriteRequest{ref, textValue(QStringLiteral("one")), {}, {}}));
    VERIFY_OK(created);
    const QString first = created->newVersion;
    QVERIFY(!first.isEmpty());
    auto again =
        await(backend().write(WriteRequest{ref, textValue(QStringLiteral("lost")), {}, {}}));
    VERIFY_ERROR(again, Kind::Conflict);
    QCOMPARE(currentText(ref), QStringLiteral("one"));

    auto updated =
        await(backend().write(WriteRequest{ref, textValue(QStringLiteral("two")), first, {}}));
    VERIFY_OK(updated);
    const QString second = updated->newVersion;
    QVERIFY(!second.isEmpty() && second != first);
    QCOMPARE(currentText(ref), QStringLiteral("two"));

    // Another writer got there first: refused, told which version is current, nothing lost.
    const QString before = stateOf(ref);
    auto stale =
        await(backend().write(WriteRequest{ref, textValue(QStringLiteral("lost")), first, {}}));
    VERIFY_ERROR(stale, Kind::Conflict);
    QCOMPARE(stale.error().currentVersion(), second);
    QCOMPARE(stateOf(ref), before);
}

void ContractSuite::rollbackMakesAnOlderValueCurrent() {
    const auto ref = fresh("rollback");
    const auto ids = putVersions(ref, {QStringLiteral("one"), QStringLiteral("two")});
    QCOMPARE(ids.size(), 2);
    if (!claims(Capability::Rollback)) {
        const QString before = stateOf(ref);
        VERIFY_ERROR(await(backend().rollback(ref, ids[0], ids[1])), Kind::Unsupported);
        QCOMPARE(stateOf(ref), before);
        return;
    }
    auto rolled = await(backend().rollback(ref, ids[0], ids[1]));
    VERIFY_OK(rolled);
    const QString now = rolled->newVersion;
    QVERIFY(!now.isEmpty());
    QCOMPARE(currentText(ref), QStringLiteral("one"));
    if (claims(Capability::Versions)) {
        QCOMPARE(markedWith(versionsOf(ref), VersionMark::Current), QStringList{now});
    }

    // Guarded like a write: the version it started from is no longer current.
    const QString before = stateOf(ref);
    auto stale = await(backend().rollback(ref, ids[1], ids[1]));
    VERIFY_ERROR(stale, Kind::Conflict);
    QCOMPARE(stale.error().currentVersion(), now);
    QCOMPARE(stateOf(ref), before);

    // Back to the newer value, from the version that is current now.
    VERIFY_OK(await(backend().rollback(ref, ids[1], now)));
    QCOMPARE(currentText(ref), QStringLiteral("two"));
}
