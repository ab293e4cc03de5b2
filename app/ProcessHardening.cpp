#include "ProcessHardening.h"

#include <sys/stat.h>

#ifdef STRONGROOM_HARDENED
#include <sys/prctl.h>
#include <sys/resource.h>
#endif

namespace strongroom {

void hardenProcess() {
    ::umask(077);
#ifdef STRONGROOM_HARDENED
    // A core file or a same-user ptrace would expose decrypted values and tokens held in memory.
    const rlimit noCore{0, 0};
    ::setrlimit(RLIMIT_CORE, &noCore);
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

} // namespace strongroom
