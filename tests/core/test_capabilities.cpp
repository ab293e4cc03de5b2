#include "BackendError.h"
#include "Capabilities.h"

#include <QSet>
#include <QTest>

using namespace strongroom;

class TestCapabilities : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void denyRemovesAndExplains() {
        Capabilities caps(Capability::Read | Capability::Write);
        caps.deny(Capability::Write, QStringLiteral("needs 'update' on secret/data/app"));
        QVERIFY(caps.can(Capability::Read));
        QVERIFY(!caps.can(Capability::Write));
        QCOMPARE(caps.whyNot(Capability::Write),
                 QStringLiteral("needs 'update' on secret/data/app"));
        QVERIFY(caps.whyNot(Capability::Read).isEmpty());
        QVERIFY(caps.whyNot(Capability::Rotate).contains(QStringLiteral("rotate")));
    }
    void narrowingIntersects() {
        Capabilities store(Capability::Read | Capability::Write | Capability::Rollback);
        Capabilities token(Capability::Read);
        token.deny(Capability::Write, QStringLiteral("read-only policy"));
        auto both = store.narrowedTo(token);
        QVERIFY(both.can(Capability::Read));
        QVERIFY(!both.can(Capability::Write));
        QVERIFY(!both.can(Capability::Rollback));
        QCOMPARE(both.whyNot(Capability::Write), QStringLiteral("read-only policy"));
    }
    void aStoresReasonSurvivesNarrowingByAToken() {
        // What the store lacks keeps its own words after the token's check narrows the set.
        Capabilities store(Capability::Read | Capability::DeleteSecret);
        store.deny(Capability::RestoreSecret, QStringLiteral("no bin"));
        Capabilities token(Capability::Read | Capability::RestoreSecret);
        token.deny(Capability::DeleteSecret, QStringLiteral("needs 'delete'"));
        const auto both = store.narrowedTo(token);
        QVERIFY(!both.can(Capability::RestoreSecret));
        QCOMPARE(both.whyNot(Capability::RestoreSecret), QStringLiteral("no bin"));
        QCOMPARE(both.whyNot(Capability::DeleteSecret), QStringLiteral("needs 'delete'"));
    }
    void everyCapabilityHasAName() {
        QSet<QString> names;
        for (int bit = 0; bit < 32; ++bit) {
            const auto capability = static_cast<Capability>(1 << bit);
            if (!(CapabilitySet(capability) & CapabilitySet(0x7fffff)))
                continue;
            const QString name = capabilityName(capability);
            QVERIFY2(!name.isEmpty(), qPrintable(QString::number(bit)));
            names.insert(name);
            QVERIFY(Capabilities().whyNot(capability).contains(name));
        }
        QCOMPARE(names.size(), 23); // one name each, none shared
    }
    void everyErrorKindHasAMessage() {
        for (int k = 0; k <= static_cast<int>(BackendError::Kind::InvalidInput); ++k) {
            const auto kind = static_cast<BackendError::Kind>(k);
            QVERIFY(!BackendError::describe(kind).isEmpty());
            QVERIFY(!BackendError::kindName(kind).isEmpty());
        }
        BackendError e(BackendError::Kind::Conflict, QStringLiteral("cas mismatch"));
        e.withCurrentVersion(QStringLiteral("7"));
        QVERIFY(e.message().contains(QStringLiteral("cas mismatch")));
        QCOMPARE(e.currentVersion(), QStringLiteral("7"));
    }
};

QTEST_GUILESS_MAIN(TestCapabilities)
#include "test_capabilities.moc"
