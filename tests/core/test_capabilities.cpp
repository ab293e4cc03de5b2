#include "BackendError.h"
#include "Capabilities.h"

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
