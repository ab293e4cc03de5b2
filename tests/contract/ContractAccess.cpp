// What a credential lets through: nothing once lock() dropped it, until it is given back; and
// no more than it may do, announced by capabilitiesFor() before anything is tried.
#include "ContractChecks.h"
#include "ContractSuite.h"

using namespace strongroom;
using namespace contract;
using Kind = BackendError::Kind;

void ContractSuite::lockDropsTheCredential() {
    const auto ref = fresh("locked");
    const auto ids = putVersions(ref, {QStringLiteral("one"), QStringLiteral("two")});
    QCOMPARE(ids.size(), 2);

    backend().lock();
    const auto state = backend().state();
    QVERIFY2(state == ConnectionState::Locked || state == ConnectionState::Offline,
             qPrintable(connectionStateName(state)));
    // No value, old or current, and nothing else comes through without the credential.
    VERIFY_ERROR(await(backend().read(ref, {})), Kind::Unauthenticated);
    VERIFY_ERROR(await(backend().read(ref, ids.first())), Kind::Unauthenticated);
    VERIFY_FAILS(await(backend().list(m_folder, PageRequest{}, CancelToken())));
    VERIFY_FAILS(await(backend().versions(ref)));
    VERIFY_FAILS(await(
        backend().write(WriteRequest{ref, textValue(QStringLiteral("lost")), ids.last(), {}})));
    backend().lock(); // locking twice is harmless
    VERIFY_ERROR(await(backend().read(ref, {})), Kind::Unauthenticated);

    VERIFY_OK(await(m_fixture.giveCredentialsBack(backend())));
    QCOMPARE(backend().state(), ConnectionState::Connected);
    QCOMPARE(currentText(ref), QStringLiteral("two"));
    if (claims(Capability::ReadVersion)) {
        QCOMPARE(textAt(ref, ids.first()), QStringLiteral("one"));
    }
    QCOMPARE(putVersions(fresh("after-lock"), {QStringLiteral("new")}).size(), 1);
}

void ContractSuite::capabilitiesFailClosedWhileLocked() {
    const auto ref = fresh("locked-capabilities");
    QCOMPARE(putVersions(ref, {QStringLiteral("one")}).size(), 1);
    VERIFY_OK(await(backend().capabilitiesFor(ref)));
    backend().lock();
    // Asked what it may do without a credential, a store answers with an error, never with
    // "everything" (SecretBackend::capabilitiesFor).
    VERIFY_FAILS(await(backend().capabilitiesFor(ref)));
    VERIFY_OK(await(m_fixture.giveCredentialsBack(backend())));
    VERIFY_OK(await(backend().capabilitiesFor(ref)));
}

void ContractSuite::aCredentialThatMayNotWriteIsRefused() {
    const auto ref = fresh("guarded-by-policy");
    const auto ids = putVersions(ref, {QStringLiteral("one")});
    QCOMPARE(ids.size(), 1);
    QString why;
    const auto reader = m_fixture.openReadOnly(m_folder, &why);
    if (!reader) {
        const auto reason = m_fixture.storeName() + QStringLiteral(" has no narrower credential") +
                            (why.isEmpty() ? QString() : QStringLiteral(": ") + why);
        QSKIP(qPrintable(reason));
    }
    auto caps = await(reader->capabilitiesFor(ref));
    VERIFY_OK(caps);
    QVERIFY(caps->can(Capability::Read));
    QVERIFY(!caps->can(Capability::Write));
    QVERIFY2(!caps->whyNot(Capability::Write).isEmpty(), "a denied action says why");
    QCOMPARE(textOf(await(reader->read(ref, {}))), QStringLiteral("one"));

    const QString before = stateOf(ref);
    VERIFY_ERROR(
        await(reader->write(WriteRequest{ref, textValue(QStringLiteral("lost")), ids.first(), {}})),
        Kind::PermissionDenied);
    if (!caps->can(Capability::DeleteSecret)) {
        VERIFY_ERROR(await(reader->deleteSecret(ref, {})), Kind::PermissionDenied);
    }
    QCOMPARE(stateOf(ref), before);
}
