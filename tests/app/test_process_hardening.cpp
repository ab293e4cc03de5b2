#include "ProcessHardening.h"

#include <QTest>

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#ifndef STRONGROOM_HARDENED
#error "this suite checks the hardened build: compile it with STRONGROOM_HARDENED"
#endif

class TestProcessHardening : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void disablesCoreDumpsAndSetsUmask() {
        ::umask(022);
        QCOMPARE(::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1); // a normal process is dumpable

        strongroom::hardenProcess();

        rlimit core{};
        QCOMPARE(::getrlimit(RLIMIT_CORE, &core), 0);
        QCOMPARE(core.rlim_cur, rlim_t(0));
        QCOMPARE(core.rlim_max, rlim_t(0));
        QCOMPARE(::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
        const mode_t previous = ::umask(077);
        QCOMPARE(previous, mode_t(077));
    }
};

QTEST_GUILESS_MAIN(TestProcessHardening)
#include "test_process_hardening.moc"
