#pragma once

namespace strongroom {

// Called first thing in every main(). Always sets umask 077, so every file Strongroom creates
// (store, audit log, settings) is readable by the owner only. In hardened (release) builds,
// compiled with STRONGROOM_HARDENED, also disables core dumps and ptrace attach by other
// processes of the same user (RLIMIT_CORE 0, PR_SET_DUMPABLE 0), so decrypted values cannot leak
// through a crash dump.
void hardenProcess();

} // namespace strongroom
