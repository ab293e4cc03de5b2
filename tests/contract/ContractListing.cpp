// What a store says of itself (capabilities, deletion rules) and how it lists a folder: pages
// that follow the store's cursor to the end, and a listing that stops when it is cancelled.
#include "ContractChecks.h"
#include "ContractSuite.h"

#include <QSet>

#include <algorithm>

using namespace strongroom;
using namespace contract;
using Kind = BackendError::Kind;

namespace {

constexpr int seededCount = 25; // three pages of 10; small enough for moto (~80 ms a call)
constexpr int pageSize = 10;

} // namespace

void ContractSuite::claimsAreConsistent() {
    QVERIFY(!backend().providerId().isEmpty());
    const auto caps = backend().storeCapabilities();
    for (const auto basic : {Capability::List, Capability::Read, Capability::Write}) {
        QVERIFY2(caps.can(basic), qPrintable(capabilityName(basic)));
    }
    // A capability that only makes sense on top of another: claiming it alone would enable an
    // action whose result the console cannot show (a rotate button without a rotation status,
    // a restore without a bin).
    const std::pair<Capability, Capability> needs[] = {
        {Capability::ReadVersion, Capability::Versions},
        {Capability::Rollback, Capability::Versions},
        {Capability::DeleteVersion, Capability::Versions},
        {Capability::UndeleteVersion, Capability::DeleteVersion},
        {Capability::DestroyVersion, Capability::Versions},
        {Capability::EnableVersion, Capability::Versions},
        {Capability::MoveLabel, Capability::Versions},
        {Capability::ListDeleted, Capability::RecoverableDelete},
        {Capability::RestoreSecret, Capability::RecoverableDelete},
        {Capability::Rotate, Capability::RotationStatus},
        {Capability::ConfigureRotation, Capability::RotationStatus},
        {Capability::ClearStuckRotation, Capability::RotationStatus},
    };
    for (const auto& [claimed, needed] : needs) {
        if (caps.can(claimed)) {
            QVERIFY2(caps.can(needed),
                     qPrintable(QStringLiteral("%1 is claimed without %2")
                                    .arg(capabilityName(claimed), capabilityName(needed))));
        }
    }
    // The delete dialog reads deletionRules(); the bin's actions read the capabilities. Both
    // must tell the same story.
    const auto rules = backend().deletionRules();
    QCOMPARE(rules.hasBin, caps.can(Capability::RecoverableDelete));
    if (rules.windowChosenPerDelete) {
        QVERIFY(rules.hasBin);
        QVERIFY2(rules.minRecoveryDays >= 1 && rules.minRecoveryDays <= rules.defaultRecoveryDays &&
                     rules.defaultRecoveryDays <= rules.maxRecoveryDays,
                 qPrintable(QStringLiteral("window %1..%2, default %3")
                                .arg(rules.minRecoveryDays)
                                .arg(rules.maxRecoveryDays)
                                .arg(rules.defaultRecoveryDays)));
    }
    if (!rules.hasBin) {
        QVERIFY2(!rules.note.isEmpty(), "a store without a bin says so in deletionRules().note");
    }
}

void ContractSuite::capabilitiesForNeverWidenTheStore() {
    const auto existing = fresh("existing");
    QCOMPARE(putVersions(existing, {QStringLiteral("one")}).size(), 1);
    const auto store = backend().storeCapabilities().allowed();
    for (const auto& ref : {existing, fresh("not-yet")}) {
        auto caps = await(backend().capabilitiesFor(ref));
        VERIFY_OK(caps);
        const auto extra = caps->allowed() & ~store;
        QVERIFY2(extra == CapabilitySet(),
                 qPrintable(QStringLiteral("%1 allows 0x%2 the store does not claim")
                                .arg(ref.path)
                                .arg(extra.toInt(), 0, 16)));
        // Everything this credential was given on its own folder (the fixture opened it with a
        // credential that may do everything the store supports).
        QCOMPARE(caps->allowed(), store);
    }
}

void ContractSuite::listsInPagesFollowingTheCursor() {
    QString why;
    auto seeded = m_fixture.seed(backend(), m_folder, seededCount, &why);
    QVERIFY2(seeded.size() == seededCount, qPrintable(why));
    seeded.sort();

    QList<Entry> all;
    PageRequest request{QString(), pageSize};
    int pages = 0;
    for (; pages < 10; ++pages) {
        auto listed = await(backend().list(m_folder, request, CancelToken()));
        VERIFY_OK(listed);
        QVERIFY2(listed->entries.size() <= pageSize,
                 qPrintable(QString::number(listed->entries.size())));
        all.append(listed->entries);
        if (listed->isLast()) {
            break;
        }
        QVERIFY2(!listed->entries.isEmpty(), "a page with a next cursor is empty");
        QVERIFY(listed->nextCursor != request.cursor);
        request.cursor = listed->nextCursor;
    }
    QVERIFY2(pages + 1 >= 3, qPrintable(QStringLiteral("%1 pages").arg(pages + 1)));
    QVERIFY2(pages < 10, "the listing never reached its last page");

    auto paths = pathsOf(all);
    QCOMPARE(QSet<QString>(paths.begin(), paths.end()).size(), paths.size()); // no row twice
    paths.sort();
    QCOMPARE(paths, seeded);
    for (const auto& entry : std::as_const(all)) {
        QVERIFY(!entry.isFolder());
        QCOMPARE(entry.name, SecretRef{entry.path}.name());
    }

    // The folder itself shows in its parent's listing, as a folder.
    const auto parent = SecretRef{m_folder.chopped(1)}.folder();
    QString error;
    const auto above = listAll(parent, 1000, &pages, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto found = std::find_if(above.begin(), above.end(),
                                    [this](const Entry& entry) { return entry.path == m_folder; });
    QVERIFY2(found != above.end(), qPrintable(pathsOf(above).join(QLatin1Char(' '))));
    QVERIFY(found->isFolder());
}

void ContractSuite::cancelledListingYieldsNoMoreRows() {
    QString why;
    QCOMPARE(m_fixture.seed(backend(), m_folder, seededCount, &why).size(), seededCount);

    CancelToken before;
    before.cancel();
    VERIFY_ERROR(await(backend().list(m_folder, PageRequest{QString(), pageSize}, before)),
                 Kind::Cancelled);

    // Cancelled between pages: the next page brings no rows, however the store pages.
    CancelToken during;
    auto first = await(backend().list(m_folder, PageRequest{QString(), pageSize}, during));
    VERIFY_OK(first);
    QVERIFY(!first->isLast());
    during.cancel();
    VERIFY_ERROR(await(backend().list(m_folder, PageRequest{first->nextCursor, pageSize}, during)),
                 Kind::Cancelled);

    // The store is not left wedged: a new listing reads the whole folder again.
    int pages = 0;
    QString error;
    QCOMPARE(listAll(m_folder, pageSize, &pages, &error).size(), seededCount);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}
